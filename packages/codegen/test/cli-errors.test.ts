/**
 * The real CLI, run with Node in a child process on fixture projects. Each
 * mistake in a registry, its params types or the config makes it exit non-zero
 * with a message that names the code, the field and the fix. The files of the
 * previous run keep their content and modification time.
 */
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, loadRegistry, renderOutputs } from '../src/index.ts';
import { runCli } from './support/cli.ts';
import { defaultSpec, writeFixtureProject, type FixtureCode, type FixtureSpec } from './support/fixture-project.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('cli');
const OUTPUT_NAMES = ['schema.json', 'openapi.json', 'contract.json'] as const;
/** A fixed modification time for the previous run's files, so that any rewrite shows. */
const EARLIER = new Date('2026-01-02T03:04:05Z');

function codeOf(spec: FixtureSpec, code: string): FixtureCode {
  const found = spec.codes.find((item) => item.code === code);
  if (!found) throw new Error(`fixture has no code ${code}`);
  return found;
}

interface BadCase {
  name: string;
  change: (spec: FixtureSpec) => void;
  /** Patterns that stderr must match: the code and field, the rule, the fix. */
  want: RegExp[];
  exitCode?: number;
}

const cases: BadCase[] = [
  {
    name: 'duplicate code across domain files',
    change: (spec) => spec.codes.push({ ...codeOf(spec, 'rate_limited'), domain: 'server', interfaceName: 'ServerRateLimitedParams' }),
    want: [/rate_limited \(code\)/, /defined twice/, /rename or remove one of them/],
  },
  {
    name: 'status above 599',
    change: (spec) => (codeOf(spec, 'payment_required').status = 700),
    want: [/payment_required \(status\)/, /700 is not an HTTP error status/, /from 400 to 599/],
  },
  {
    name: 'status below 400',
    change: (spec) => (codeOf(spec, 'upstream_failed').status = 302),
    want: [/upstream_failed \(status\)/, /302/, /from 400 to 599/],
  },
  {
    name: 'code not in snake_case',
    change: (spec) => (codeOf(spec, 'card_declined').code = 'CardDeclined'),
    want: [/CardDeclined \(code\)/, /not snake_case/, /"card_declined"/],
  },
  {
    name: 'tombstoned code reused',
    change: (spec) => spec.tombstones.push({ code: 'rate_limited', removedIn: '0.9.0' }),
    want: [/rate_limited \(code\)/, /tombstone list/, /choose a new code/],
  },
  {
    name: 'missing params interface',
    change: (spec) => (codeOf(spec, 'payment_required').interfaceName = 'PaymentParams'),
    want: [/payment_required" \(params\)/, /no exported interface PaymentRequiredParams/, /export interface PaymentRequiredParams/],
  },
  {
    name: 'param in interface but not in registry',
    change: (spec) => codeOf(spec, 'payment_required').params!.push({ name: 'currency', type: 'string' }),
    want: [/payment_required" \(params\.currency\)/, /PaymentRequiredParams declares "currency"/, /add it to params/],
  },
  {
    name: 'public param missing from interface',
    change: (spec) =>
      codeOf(spec, 'payment_required').params!.push({ name: 'discount_cents', type: 'number', visibility: 'public', inInterface: false, example: 5 }),
    want: [/payment_required" \(params\.discount_cents\)/, /has no member "discount_cents"/, /add it to the interface/],
  },
  {
    name: 'detail param missing from interface',
    change: (spec) => (codeOf(spec, 'card_declined').params![1]!.inInterface = false),
    want: [/card_declined" \(params\.issuer\)/, /declares "issuer" as detail/, /add it to the interface/],
  },
  {
    name: 'public param named like an envelope member',
    change: (spec) => codeOf(spec, 'upstream_failed').params!.push({ name: 'status', type: 'string', visibility: 'public', example: 'down' }),
    want: [/upstream_failed"? \(params\.status\)/, /envelope member/, /rename the param/],
  },
  {
    name: 'Retry-After param that is not public',
    change: (spec) => (codeOf(spec, 'rate_limited').params![0]!.visibility = 'detail'),
    want: [/rate_limited \(retry\.afterParam\)/, /not a public param/, /declare it in params as "public"/],
  },
  {
    name: 'param type without a JSON form',
    change: (spec) => (codeOf(spec, 'card_declined').params![0]!.type = 'Map<string, number>'),
    want: [/Params type CardDeclinedParams\.decline_code at src\/billing\.ts:\d+/, /Map has no JSON form/, /use an array, an object type or a string/],
  },
  {
    name: 'tuple with a leading rest element',
    change: (spec) => (codeOf(spec, 'card_declined').params![0]!.type = '[...string[], number]'),
    want: [/card_declined" \(params\.decline_code\)/, /\[\.\.\.string\[\], number\]/, /rest element before its last element/, /Put the rest element last/, /use an array/],
  },
  {
    name: 'tuple with a rest element in the middle, in a referenced type',
    change: (spec) => {
      spec.extraTypes = { billing: 'export interface Decline { /** Codes. */ codes: [string, ...number[], boolean] }' };
      codeOf(spec, 'card_declined').params![0]!.type = 'Decline';
    },
    want: [/card_declined" \(params\.decline_code\)/, /\[string, \.\.\.number\[\], boolean\]/, /rest element before its last element/, /Put the rest element last/],
  },
  {
    name: 'tuple with an undefined element',
    change: (spec) => (codeOf(spec, 'card_declined').params![0]!.type = '[string, number | undefined]'),
    want: [/card_declined" \(params\.decline_code\)/, /may be undefined \(element 1\)/, /writes as null/, /Use null in place of undefined/],
  },
  {
    name: 'unknown @asType value',
    change: (spec) => (codeOf(spec, 'payment_required').params![0]!.tags = ['@asType integr']),
    want: [/payment_required" \(params\.amount_cents\)/, /@asType integr on PaymentRequiredParams\.amount_cents is not a JSON Schema type/, /use one of string, number, integer, boolean, object, array, null/],
  },
  {
    name: 'unknown @asType value in a referenced type',
    change: (spec) => {
      spec.extraTypes = { billing: 'export interface Limit {\n  /** Cents. @asType integr */\n  cents: number;\n}' };
      codeOf(spec, 'card_declined').params![0]!.type = 'Limit';
    },
    want: [/card_declined" \(params\.decline_code\)/, /@asType integr on Limit\.cents is not a JSON Schema type/, /use one of string, number, integer/],
  },
  {
    name: 'param type that is not declared',
    change: (spec) => (codeOf(spec, 'card_declined').params![0]!.type = 'DeclineCode'),
    want: [/Params type CardDeclinedParams\.decline_code at src\/billing\.ts:\d+/, /type DeclineCode is not declared/, /import it/],
  },
  {
    name: 'two param types with one name',
    change: (spec) => {
      spec.extraTypes = { billing: "export type Reason = 'insufficient_funds' | 'expired_card';", limits: "export type Reason = 'slow' | 'fast';" };
      codeOf(spec, 'card_declined').params![0]!.type = 'Reason';
      codeOf(spec, 'rate_limited').params!.push({ name: 'speed', type: 'Reason', visibility: 'public', optional: true, example: 'slow' });
    },
    want: [/Type Reason has two different declarations, one used by CardDeclinedParams and one by RateLimitedParams/, /rename one of the two types/],
  },
  {
    name: 'params interface exported by two files',
    change: (spec) => (spec.extraTypes = { billing: 'export interface RateLimitedParams { retry_after: number }' }),
    want: [/RateLimitedParams is exported by both src\/billing\.ts and src\/limits\.ts/, /rename or remove one of them/],
  },
  {
    name: 'config that is not JSON',
    change: (spec) => (spec.configText = '{ "registry": '),
    want: [/Cannot read codegen config .*codegen\.config\.json/, /JSON/],
  },
  {
    name: 'config without registry',
    change: (spec) => (spec.configText = JSON.stringify({ types: ['./src/*.ts'], outputs: { schema: './out/schema.json' } })),
    want: [/"registry" is missing/, /set it to the module that exports the registry/],
  },
  {
    name: 'config with an unknown output',
    change: (spec) => (spec.configText = JSON.stringify({ registry: './src/registry.ts', outputs: { docs: './out/docs.md' } })),
    want: [/unknown output "docs"/, /use one of schema, openapi, contract/],
  },
  {
    name: 'config with a misspelled member',
    change: (spec) => (spec.configText = JSON.stringify({ registry: './src/registry.ts', output: { schema: './out/schema.json' } })),
    want: [/unknown member "output"/, /use only .*outputs/],
  },
  {
    name: 'config whose types match no file',
    change: (spec) =>
      (spec.configText = JSON.stringify({ registry: './src/registry.ts', types: ['./types/*.ts'], outputs: { schema: './out/schema.json' } })),
    want: [/"types" pattern "\.\/types\/\*\.ts" matches no file/, /fix the path or the pattern/],
  },
  {
    name: 'config naming a missing registry module',
    change: (spec) => (spec.configText = JSON.stringify({ registry: './src/nothing.ts', types: ['./src/*.ts'], outputs: { schema: './out/schema.json' } })),
    want: [/Cannot load registry module .*src\/nothing\.ts/],
  },
  {
    name: 'config naming an export that is not a registry',
    change: (spec) =>
      (spec.configText = JSON.stringify({ registry: './src/registry.ts', export: 'nope', types: ['./src/*.ts'], outputs: { schema: './out/schema.json' } })),
    want: [/Export "nope" of .*registry\.ts is not a registry/, /export the result of defineRegistry under that name/],
  },
  {
    name: 'config with two outputs in one file',
    change: (spec) =>
      (spec.configText = JSON.stringify({ registry: './src/registry.ts', outputs: { schema: './out/schema.json', openapi: './out/schema.json' } })),
    want: [/outputs "schema" and "openapi" both write/, /give each output its own file/],
  },
];

describe('agnes-errors generate', () => {
  let earlier: Record<string, string>;
  beforeAll(async () => {
    const project = await writeFixtureProject(await tempDir(), defaultSpec());
    const result = await runCli(['generate', '--config', project.config], project.dir);
    if (result.exitCode !== 0) throw new Error(`the default fixture failed to generate:\n${result.stderr}`);
    earlier = {};
    for (const name of OUTPUT_NAMES) earlier[name] = await readFile(path.join(project.dir, 'out', name), 'utf8');
  });

  it('writes every output of a valid fixture, byte-identical on a second run', async () => {
    const project = await writeFixtureProject(await tempDir(), defaultSpec());

    const first = await runCli(['generate', '--config', project.config], project.dir);
    const firstText = await Promise.all(OUTPUT_NAMES.map((name) => readFile(path.join(project.dir, 'out', name), 'utf8')));
    const second = await runCli(['generate', '--config', project.config], project.dir);

    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe('wrote out/schema.json\nwrote out/openapi.json\nwrote out/contract.json\n');
    expect(second.exitCode).toBe(0);
    for (const [index, name] of OUTPUT_NAMES.entries()) {
      expect(await readFile(path.join(project.dir, 'out', name), 'utf8')).toBe(firstText[index]);
      expect(firstText[index]).toBe(earlier[name]);
    }
  });

  it('writes what renderOutputs renders in this process', async () => {
    const project = await writeFixtureProject(await tempDir(), defaultSpec());
    const config = await loadConfig(project.config);
    const rendered = renderOutputs(await loadRegistry(config.registry), config);

    const result = await runCli(['generate', '--config', project.config], project.dir);

    expect(result.exitCode).toBe(0);
    for (const file of rendered) expect(await readFile(file.path, 'utf8')).toBe(file.content);
  });

  it.each(cases.map((item) => [item.name, item] as const))('%s fails and keeps earlier output', async (_name, item) => {
    const spec = defaultSpec();
    item.change(spec);
    const project = await writeFixtureProject(await tempDir(), spec);
    const outDir = path.join(project.dir, 'out');
    await mkdir(outDir, { recursive: true });
    for (const name of OUTPUT_NAMES) {
      await writeFile(path.join(outDir, name), earlier[name]!);
      await utimes(path.join(outDir, name), EARLIER, EARLIER);
    }

    const result = await runCli(['generate', '--config', project.config], project.dir);

    expect(result.exitCode).toBe(item.exitCode ?? 1);
    for (const pattern of item.want) expect(result.stderr).toMatch(pattern);
    expect(result.stderr).toContain('no file was written');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect((await readdir(outDir)).sort()).toEqual([...OUTPUT_NAMES].sort());
    for (const name of OUTPUT_NAMES) {
      const file = path.join(outDir, name);
      expect(await readFile(file, 'utf8')).toBe(earlier[name]);
      expect((await stat(file)).mtime.getTime()).toBe(EARLIER.getTime());
    }
  });

  it('rejects an unknown option with usage and exit code 2', async () => {
    const result = await runCli(['generate', '--conf', 'codegen.config.json'], await tempDir());

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--conf'/);
    expect(result.stderr).toContain('Usage: agnes-errors');
  });

  it('runs on Node 24 or later', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});

describe('agnes-errors generate without params types', () => {
  it('writes registry-only outputs when "types" is not configured', async () => {
    const spec = defaultSpec();
    spec.configText = JSON.stringify({ registry: './src/registry.ts', outputs: { vectors: './out/vectors.json' } });
    const project = await writeFixtureProject(await tempDir(), spec);

    const result = await runCli(['generate', '--config', project.config], project.dir);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(await readFile(path.join(project.dir, 'out', 'vectors.json'), 'utf8'))).toBeTypeOf('object');
  });

  it('asks for "types" when sdk-python needs the params interfaces', async () => {
    const spec = defaultSpec();
    spec.configText = JSON.stringify({ registry: './src/registry.ts', outputs: { 'sdk-python': './out/errors.py' } });
    const project = await writeFixtureProject(await tempDir(), spec);

    const result = await runCli(['generate', '--config', project.config], project.dir);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('no exported interface PaymentRequiredParams was found in (no "types" files configured)');
    expect(result.stderr).toContain('no file was written');
  });
});
