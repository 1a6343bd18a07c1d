/**
 * The contract bump gate on small workspaces: the real changesets config and contract snapshot,
 * two versioned packages in one fixed group, and changesets written by each case.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ContractSnapshot } from '@agnes/codegen';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContractBump, CONTRACT_SNAPSHOTS, formatBumpGate, WORKSPACE_ROOT } from '../src/index.ts';

const realContract = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, CONTRACT_SNAPSHOTS.current), 'utf8')) as ContractSnapshot;
const changesetConfig = readFileSync(path.join(WORKSPACE_ROOT, '.changeset', 'config.json'), 'utf8');
const temporary = mkdtempSync(path.join(os.tmpdir(), 'agnes-bump-gate-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

type Edit = (snapshot: ContractSnapshot) => void;

const removeTokenExpired: Edit = (s) => void (s.codes = s.codes.filter((entry) => entry.code !== 'token_expired'));
const changeForbiddenDocs: Edit = (s) => void (s.codes.find((entry) => entry.code === 'forbidden')!.docsDigest = `sha256:${'5'.repeat(64)}`);
const addTenantSuspended: Edit = (s) => void s.codes.push({ ...structuredClone(s.codes[0]!), code: 'tenant_suspended', since: '0.2.0' });
/** Moves the detail param `scope` of `forbidden` into its envelope. */
const makeScopePublic: Edit = (s) => {
  const forbidden = s.codes.find((entry) => entry.code === 'forbidden')!;
  forbidden.detailParams = forbidden.detailParams.filter((name) => name !== 'scope');
  forbidden.publicParams.push({ name: 'scope', required: true, schema: { type: 'string' } });
};
/** Moves the public param `resource` of `conflict` out of its envelope, into the detail message. */
const makeResourceDetail: Edit = (s) => {
  const conflict = s.codes.find((entry) => entry.code === 'conflict')!;
  conflict.publicParams = conflict.publicParams.filter((param) => param.name !== 'resource');
  conflict.detailParams.push('resource');
};

/** Writes a workspace with the contract package, the SDK, the changesets and both snapshots. */
function workspace(name: string, edit: Edit | undefined, changesets: Record<string, Record<string, string>>): string {
  const root = path.join(temporary, name);
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write('package.json', JSON.stringify({ name: 'gate-fixture', private: true }));
  write('pnpm-workspace.yaml', 'packages:\n  - packages/*\n');
  write('packages/core/package.json', JSON.stringify({ name: '@agnes/errors', version: '1.4.0' }));
  write('packages/sdk/package.json', JSON.stringify({ name: '@agnes/sdk', version: '1.4.0' }));
  write('.changeset/config.json', changesetConfig);
  write(CONTRACT_SNAPSHOTS.baseline, JSON.stringify(realContract));
  const current = structuredClone(realContract);
  edit?.(current);
  write(CONTRACT_SNAPSHOTS.current, JSON.stringify(current));
  for (const [id, releases] of Object.entries(changesets)) {
    const header = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
    write(`.changeset/${id}.md`, `---\n${header.join('\n')}\n---\n\nA sentence for the changelog.\n`);
  }
  return root;
}

function gate(root: string) {
  return checkContractBump({ root, ...CONTRACT_SNAPSHOTS, packageName: '@agnes/errors' });
}

interface GateCase {
  name: string;
  edit?: Edit;
  changesets: Record<string, Record<string, string>>;
  ok: boolean;
  declared: string;
}

const cases: GateCase[] = [
  { name: 'no change, no changeset', changesets: {}, ok: true, declared: 'none' },
  { name: 'docs change, patch', edit: changeForbiddenDocs, changesets: { 'fix-docs': { '@agnes/errors': 'patch' } }, ok: true, declared: 'patch' },
  { name: 'added code, major', edit: addTenantSuspended, changesets: { 'big-one': { '@agnes/errors': 'major' } }, ok: true, declared: 'major' },
  { name: 'major change, minor', edit: removeTokenExpired, changesets: { 'drop-code': { '@agnes/errors': 'minor' } }, ok: false, declared: 'minor' },
  { name: 'docs change, no changeset', edit: changeForbiddenDocs, changesets: {}, ok: false, declared: 'none' },
  { name: 'major change via fixed group', edit: removeTokenExpired, changesets: { 'sdk-major': { '@agnes/sdk': 'major' } }, ok: true, declared: 'major' },
  { name: 'detail param made public, minor', edit: makeScopePublic, changesets: { scope: { '@agnes/errors': 'minor' } }, ok: true, declared: 'minor' },
  { name: 'public param made detail, minor', edit: makeResourceDetail, changesets: { resource: { '@agnes/errors': 'minor' } }, ok: false, declared: 'minor' },
  {
    name: 'largest changeset wins',
    edit: addTenantSuspended,
    changesets: { small: { '@agnes/errors': 'patch' }, larger: { '@agnes/sdk': 'minor' } },
    ok: true,
    declared: 'minor',
  },
];

describe('checkContractBump', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await gate(workspace(c.name.replace(/\W+/g, '-'), c.edit, c.changesets));

    expect(result.ok).toBe(c.ok);
    expect(result.declared).toBe(c.declared);
  });
});

describe('gate messages', () => {
  it('names each change that needs more', async () => {
    const result = await gate(workspace('message-major', (s) => {
      removeTokenExpired(s);
      changeForbiddenDocs(s);
    }, { 'drop-code': { '@agnes/errors': 'minor' } }));
    const message = formatBumpGate(result);

    expect(result.uncovered.map((change) => change.path)).toEqual(['codes.token_expired']);
    expect(message).toContain('need a major release, but the pending changesets declare minor (.changeset/drop-code.md)');
    expect(message).toContain('major needed for codes.token_expired (code-removed): Code "token_expired" (401) was removed.');
    expect(message).not.toContain('codes.forbidden');
    expect(message).toContain('"@agnes/errors": major');
  });

  it('reports a visibility change once', async () => {
    const message = formatBumpGate(await gate(workspace('message-visibility', makeScopePublic, {})));

    expect(message).toContain('minor needed for codes.forbidden.publicParams.scope (param-visibility-changed): Param "scope" of "forbidden" moved from detail to public');
    expect(message).not.toContain('was removed');
    expect(message).not.toContain('new required public param');
  });

  it('says when no changeset exists', async () => {
    const message = formatBumpGate(await gate(workspace('message-none', changeForbiddenDocs, {})));

    expect(message).toContain('need a patch release, but no pending changeset bumps it');
    expect(message).toContain('patch needed for codes.forbidden.docsDigest (docs-changed)');
  });

  it('reports a pass in one line', async () => {
    const message = formatBumpGate(await gate(workspace('message-pass', changeForbiddenDocs, { docs: { '@agnes/errors': 'patch' } })));

    expect(message).toBe('contract bump check passed for @agnes/errors: contract changes that need patch, and the pending changesets declare patch (.changeset/docs.md).\n');
  });
});
