/**
 * A param whose visibility changes is one change of its own, because servers pass it as before
 * and only the envelope that clients read gains or loses a member.
 */
import { describe, expect, it } from 'vitest';
import { diffContracts, type Bump, type ContractSnapshot } from '../../src/index.ts';
import { codeOf, edited, realContract } from './snapshot-edits.ts';

type Visibility = 'public' | 'detail' | 'internal';

/** Moves param `name` of `code` to another visibility. A new public param gets a string schema. */
function moveParam(snapshot: ContractSnapshot, code: string, name: string, to: Visibility, required = true): void {
  const entry = codeOf(snapshot, code);
  const count = entry.publicParams.length + entry.detailParams.length + entry.internalParams.length;
  entry.publicParams = entry.publicParams.filter((param) => param.name !== name);
  entry.detailParams = entry.detailParams.filter((param) => param !== name);
  entry.internalParams = entry.internalParams.filter((param) => param !== name);
  if (entry.publicParams.length + entry.detailParams.length + entry.internalParams.length !== count - 1) {
    throw new Error(`Code "${code}" has no param "${name}"; update the test case`);
  }
  if (to === 'public') entry.publicParams.push({ name, required, schema: { type: 'string' } });
  else if (to === 'detail') entry.detailParams.push(name);
  else entry.internalParams.push(name);
}

interface MoveCase {
  name: string;
  edit: (snapshot: ContractSnapshot) => void;
  bump: Bump;
  path: string;
  /** Parts of the reason, each checked on its own. */
  reason: readonly string[];
}

const cases: MoveCase[] = [
  {
    name: 'detail to public',
    edit: (s) => moveParam(s, 'forbidden', 'scope', 'public'),
    bump: 'minor',
    path: 'codes.forbidden.publicParams.scope',
    reason: ['Param "scope" of "forbidden" moved from detail to public', 'so every envelope of the code now carries it', 'Servers pass it as before.'],
  },
  {
    name: 'detail to optional public',
    edit: (s) => moveParam(s, 'forbidden', 'scope', 'public', false),
    bump: 'minor',
    path: 'codes.forbidden.publicParams.scope',
    reason: ['so envelopes of the code now carry it as an optional member'],
  },
  {
    name: 'internal to public',
    edit: (s) => moveParam(s, 'forbidden', 'credential_tenant_id', 'public'),
    bump: 'minor',
    path: 'codes.forbidden.publicParams.credential_tenant_id',
    reason: ['from internal to public', 'logged only until now, reaches clients', 'Check that it holds nothing secret.'],
  },
  {
    name: 'public to detail',
    edit: (s) => moveParam(s, 'conflict', 'resource', 'detail'),
    bump: 'major',
    path: 'codes.conflict.detailParams.resource',
    reason: ['from public to detail, so envelopes no longer carry it', 'Clients that read it no longer find it.', 'It only fills the detail message now.'],
  },
  {
    name: 'public to internal',
    edit: (s) => moveParam(s, 'conflict', 'resource', 'internal'),
    bump: 'major',
    path: 'codes.conflict.internalParams.resource',
    reason: ['from public to internal', 'Clients that read it no longer find it.', 'It is only logged now.'],
  },
  {
    name: 'detail to internal',
    edit: (s) => moveParam(s, 'forbidden', 'scope', 'internal'),
    bump: 'patch',
    path: 'codes.forbidden.internalParams.scope',
    reason: ['no longer fills the detail message and is only logged', 'The envelope keeps its members.'],
  },
  {
    name: 'internal to detail',
    edit: (s) => moveParam(s, 'forbidden', 'resource_tenant_id', 'detail'),
    bump: 'patch',
    path: 'codes.forbidden.detailParams.resource_tenant_id',
    reason: ['can appear in the detail message that clients see', 'Check that it holds nothing secret.', 'The envelope keeps its members.'],
  },
];

describe('param visibility changes', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s is one change', (_name, c) => {
    const diff = diffContracts(realContract, edited(c.edit));
    expect(diff.changes.map((change) => [change.bump, change.kind, change.path])).toEqual([[c.bump, 'param-visibility-changed', c.path]]);
    expect(diff.bump).toBe(c.bump);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s reason', (_name, c) => {
    const reason = diffContracts(realContract, edited(c.edit)).changes[0]!.reason;
    for (const part of c.reason) expect(reason).toContain(part);
    expect(reason).not.toContain('was removed');
    expect(reason).not.toContain('no longer compile');
    expect(reason).not.toContain('new required');
  });

  it('move back to public is minor', () => {
    const moved = edited((s) => moveParam(s, 'conflict', 'resource', 'detail'));
    const diff = diffContracts(moved, realContract);
    expect(diff.changes.map((change) => [change.bump, change.kind, change.path])).toEqual([
      ['minor', 'param-visibility-changed', 'codes.conflict.publicParams.resource'],
    ]);
  });

  it('move beside removal and addition', () => {
    const diff = diffContracts(realContract, edited((s) => {
      moveParam(s, 'forbidden', 'scope', 'public');
      codeOf(s, 'forbidden').internalParams = ['credential_tenant_id'];
      codeOf(s, 'forbidden').detailParams.push('action');
    }));
    expect(diff.changes.map((change) => [change.bump, change.kind, change.path])).toEqual([
      ['major', 'server-param-removed', 'codes.forbidden.internalParams.resource_tenant_id'],
      ['minor', 'server-param-added', 'codes.forbidden.detailParams.action'],
      ['minor', 'param-visibility-changed', 'codes.forbidden.publicParams.scope'],
    ]);
  });

  it('public param rename stays two changes', () => {
    const diff = diffContracts(realContract, edited((s) => {
      moveParam(s, 'conflict', 'resource', 'internal');
      codeOf(s, 'conflict').internalParams = codeOf(s, 'conflict').internalParams.filter((name) => name !== 'resource');
      codeOf(s, 'conflict').publicParams.push({ name: 'resource_kind', required: false, schema: { type: 'string' } });
    }));
    expect(diff.changes.map((change) => [change.bump, change.kind, change.path])).toEqual([
      ['major', 'param-removed', 'codes.conflict.publicParams.resource'],
      ['minor', 'param-added', 'codes.conflict.publicParams.resource_kind'],
    ]);
  });
});
