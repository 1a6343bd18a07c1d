/**
 * Deprecating params through the whole release gate: `generate` writes the snapshot, and `diff`
 * reads two of them. A deprecated param validates the same values, so the gate requires a minor bump.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSpec, type FixtureSpec } from '../support/fixture-project.ts';
import { runCli } from '../support/cli.ts';
import { renderFixture } from '../support/render.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs('deprecated-params-gate');

/** The default fixture with a public param `limit` of a type whose member `cents` may be deprecated. */
function specWith(deprecate: boolean): FixtureSpec {
  const spec = defaultSpec();
  const tag = deprecate ? '   * @deprecated read max_minor instead\n' : '';
  spec.extraTypes = { billing: `export interface SpendLimit {\n  /**\n   * Limit in cents.\n${tag}   */\n  cents: number;\n  /** Limit in minor units. */\n  max_minor: number;\n}` };
  spec.codes[0]!.params!.push({ name: 'limit', type: 'SpendLimit', visibility: 'public', optional: true, example: { cents: 100, max_minor: 100 } });
  if (deprecate) {
    spec.codes[0]!.params![0]!.tags = ['@asType integer', '@minimum 1', '@deprecated send amount_minor instead'];
    spec.codes[2]!.params![0]!.tags = ['@asType integer', '@minimum 0', '@deprecated'];
  }
  return spec;
}

/** Writes the snapshot of a spec and returns its path. */
async function snapshotOf(spec: FixtureSpec): Promise<string> {
  const rendered = await renderFixture(await tempDir(), spec);
  const file = path.join(rendered.project.dir, 'contract.json');
  await writeFile(file, rendered.text.contract);
  return file;
}

describe('deprecated params in the release gate', () => {
  let before = '';
  let after = '';
  beforeAll(async () => {
    before = await snapshotOf(specWith(false));
    after = await snapshotOf(specWith(true));
  });

  it('passes --fail-on major', async () => {
    const result = await runCli(['diff', before, after, '--fail-on', 'major'], path.dirname(after));

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('need a minor release (0 major, 3 minor, 0 patch)');
  });

  it('reports each deprecation', async () => {
    const result = await runCli(['diff', before, after, '--json'], path.dirname(after));
    const changes = (JSON.parse(result.stdout) as { changes: { bump: string; kind: string; path: string }[] }).changes;

    expect(changes.map((change) => [change.bump, change.kind, change.path])).toEqual([
      ['minor', 'param-deprecated', 'codes.payment_required.publicParams.amount_cents.schema'],
      ['minor', 'param-deprecated', 'codes.payment_required.publicParams.limit.schema.properties.cents'],
      ['minor', 'param-deprecated', 'codes.rate_limited.publicParams.retry_after.schema'],
    ]);
  });

  it('fails --fail-on minor', async () => {
    const result = await runCli(['diff', before, after, '--fail-on', 'minor'], path.dirname(after));

    expect(result.exitCode).toBe(1);
  });

  it('reports undeprecation as minor', async () => {
    const result = await runCli(['diff', after, before, '--json'], path.dirname(after));
    const diff = JSON.parse(result.stdout) as { bump: string; changes: { kind: string }[] };

    expect(diff.bump).toBe('minor');
    expect(diff.changes.map((change) => change.kind)).toEqual(['param-undeprecated', 'param-undeprecated', 'param-undeprecated']);
  });
});
