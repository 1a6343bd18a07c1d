/**
 * Rules for a param that both snapshots contain with another visibility. Servers pass every
 * param of a code whatever its visibility, so a move never breaks a server that throws the code.
 * Only `public` params are envelope members, so a move changes what clients receive.
 */
import type { ContractCode } from '../contract-types.ts';
import type { Bump, ContractChange } from './change.ts';

type Visibility = 'public' | 'detail' | 'internal';

/** The snapshot field that lists the params of each visibility. */
const FIELD_BY_VISIBILITY: Readonly<Record<Visibility, 'publicParams' | 'detailParams' | 'internalParams'>> = {
  public: 'publicParams',
  detail: 'detailParams',
  internal: 'internalParams',
};

/** Changes of params whose visibility differs, and their names, which the other param rules skip. */
export interface VisibilityChanges {
  changes: ContractChange[];
  moved: ReadonlySet<string>;
}

/** Lists the params of a code whose visibility differs between `before` and `after`. */
export function diffParamVisibility(before: ContractCode, after: ContractCode): VisibilityChanges {
  const oldVisibility = visibilityByName(before);
  const newVisibility = visibilityByName(after);
  const changes: ContractChange[] = [];
  const moved = new Set<string>();

  for (const [name, from] of oldVisibility) {
    const to = newVisibility.get(name);
    if (to === undefined || to === from) continue;
    moved.add(name);
    const required = after.publicParams.find((param) => param.name === name)?.required ?? false;
    changes.push({
      ...classifyMove(after.code, name, from, to, required),
      kind: 'param-visibility-changed',
      path: `codes.${after.code}.${FIELD_BY_VISIBILITY[to]}.${name}`,
    });
  }
  return { changes, moved };
}

function visibilityByName(entry: ContractCode): Map<string, Visibility> {
  return new Map<string, Visibility>([
    ...entry.publicParams.map((param): [string, Visibility] => [param.name, 'public']),
    ...entry.detailParams.map((name): [string, Visibility] => [name, 'detail']),
    ...entry.internalParams.map((name): [string, Visibility] => [name, 'internal']),
  ]);
}

/**
 * Returns the bump and reason of one move. Leaving `public` removes an envelope member, which
 * breaks clients that read it (major). Becoming `public` adds one (minor). A move between
 * `detail` and `internal` only changes whether the value fills the detail message (patch).
 */
function classifyMove(code: string, name: string, from: Visibility, to: Visibility, required: boolean): { bump: Bump; reason: string } {
  const subject = `Param "${name}" of "${code}" moved from ${from} to ${to}`;
  const servers = 'Servers pass it as before.';
  const secretCheck = 'Check that it holds nothing secret.';

  if (from === 'public') {
    const now = to === 'detail' ? 'It only fills the detail message now.' : 'It is only logged now.';
    return { bump: 'major', reason: `${subject}, so envelopes no longer carry it. Clients that read it no longer find it. ${now} ${servers}` };
  }
  if (to === 'public') {
    // NOTE: the snapshot does not record whether a detail or internal param is required. So a param
    // that also became required here is classified as minor too, although servers must then pass it.
    const envelope = required ? 'every envelope of the code now carries it' : 'envelopes of the code now carry it as an optional member';
    const exposure = from === 'internal' ? ` Its value, logged only until now, reaches clients. ${secretCheck}` : '';
    return { bump: 'minor', reason: `${subject}, so ${envelope}. ${servers}${exposure}` };
  }
  if (to === 'detail') {
    return {
      bump: 'patch',
      reason: `${subject}, so its value, logged only until now, can appear in the detail message that clients see. ${secretCheck} The envelope keeps its members. ${servers}`,
    };
  }
  return { bump: 'patch', reason: `${subject}, so it no longer fills the detail message and is only logged. The envelope keeps its members. ${servers}` };
}
