/**
 * Checks that stop codegen before it writes any file: SDK class rules that
 * core's `validateRegistry` applies for every target, the Retry-After param's
 * schema and type, and each code's example against its generated schemas.
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistryError, SDK_RESERVED_CLASS_NAMES, type ErrorEntry, type Registry } from '@agnes/errors/define';
import { CodegenError, generate, loadConfig, loadRegistry } from '../src/index.ts';
import { PYTHON_RESERVED_NAMES } from '../src/targets/python-classes.ts';
import { MODULE_NAMES } from '../src/targets/sdk-python.ts';
import { defaultSpec, writeFixtureProject, type FixtureParam, type FixtureSpec } from './support/fixture-project.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('registry-checks');

/** The repository's three codegen configs, in the order that `pnpm generate` runs them. */
const CONFIGS = {
  'core.config.json': { schema: './out/schema.json', openapi: './out/openapi.json', contract: './out/contract.json' },
  'sdk.config.json': { 'sdk-typescript': './out/errors.ts', vectors: './out/vectors.json' },
  'python.config.json': { 'sdk-python': './out/_errors.py' },
};

/** Writes a fixture project with the three configs and a stale file at every output path. */
async function projectWithEveryConfig(spec: FixtureSpec): Promise<{ dir: string; configs: string[] }> {
  const project = await writeFixtureProject(await tempDir(), spec);
  await mkdir(path.join(project.dir, 'out'), { recursive: true });
  const configs: string[] = [];
  for (const [name, outputs] of Object.entries(CONFIGS)) {
    const file = path.join(project.dir, name);
    await writeFile(file, JSON.stringify({ registry: './src/registry.ts', types: ['./src/*.ts'], outputs }));
    for (const output of Object.values(outputs)) await writeFile(path.join(project.dir, output), `stale ${output}\n`);
    configs.push(file);
  }
  return { dir: project.dir, configs };
}

/** Reads every file under a directory, keyed by relative path, skipping the linked core package. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    files.set(path.relative(dir, file), await readFile(file, 'utf8'));
  }
  return files;
}

/** The default fixture plus a 403 family and code, and a 429 code that names the 403 family class. */
function permissionClassOn429(): FixtureSpec {
  const spec = defaultSpec();
  spec.families[403] = { typescript: 'PermissionError', python: 'PermissionError' };
  spec.codes.push(
    { code: 'forbidden', status: 403, domain: 'auth' },
    { code: 'quota_exceeded', status: 429, domain: 'limits', sdk: { typescript: 'PermissionError', python: 'PermissionError' } },
  );
  return spec;
}

/** The default fixture with the params of one code replaced. */
function withParams(code: string, params: FixtureParam[]): FixtureSpec {
  const spec = defaultSpec();
  spec.codes.find((item) => item.code === code)!.params = params;
  return spec;
}

/** Runs `generate` on a config and returns what it throws. */
async function generateError(config: string, registry?: Registry): Promise<Error> {
  try {
    await generate(await loadConfig(config), registry);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected generate to fail for ${config}, but it wrote its files`);
}

describe('SDK class rules before writing', () => {
  it('core has the Python target reserved names', () => {
    expect([...SDK_RESERVED_CLASS_NAMES.python].sort()).toEqual([...PYTHON_RESERVED_NAMES, ...MODULE_NAMES].sort());
  });

  it('writes nothing for another status class', async () => {
    const { dir, configs } = await projectWithEveryConfig(permissionClassOn429());
    const before = await snapshot(dir);

    for (const config of configs) {
      const error = await generateError(config);

      expect(error, config).toBeInstanceOf(RegistryError);
      expect(error.message).toContain('quota_exceeded (sdk.typescript): "PermissionError" is the TypeScript family class of status 403');
      expect(error.message).toContain('quota_exceeded (sdk.python): "PermissionError" is the Python family class of status 403');
      expect(error.message).toContain('use "RateLimitError"');
    }
    expect(await snapshot(dir)).toEqual(before);
  });

  it('writes every config after the fix', async () => {
    const spec = permissionClassOn429();
    spec.codes.find((code) => code.code === 'quota_exceeded')!.sdk = { typescript: 'QuotaError', python: 'QuotaError' };
    const { dir, configs } = await projectWithEveryConfig(spec);

    for (const config of configs) await generate(await loadConfig(config));

    for (const [file, content] of await snapshot(path.join(dir, 'out'))) expect(content, file).not.toMatch(/^stale/);
  });
});

describe('Retry-After param before writing', () => {
  const cases: { name: string; param: FixtureParam; message: RegExp }[] = [
    {
      name: 'number without integer tag',
      param: { name: 'retry_after', type: 'number', visibility: 'public', tags: ['@minimum 0'], example: 30 },
      message: /Code "rate_limited" \(params\.retry_after\): .*must be \{"type":"integer"\} with a "minimum" or "exclusiveMinimum" of 0 or more, but RateLimitedParams\.retry_after generates \{"type":"number","minimum":0\}; declare it as `retry_after: number` with the JSDoc tags @asType integer and @minimum 0/,
    },
    {
      name: 'integer without minimum',
      param: { name: 'retry_after', type: 'number', visibility: 'public', tags: ['@asType integer'], example: 30 },
      message: /generates \{"type":"integer"\}; declare it as/,
    },
    {
      name: 'negative minimum',
      param: { name: 'retry_after', type: 'number', visibility: 'public', tags: ['@asType integer', '@minimum -5'], example: 30 },
      message: /generates \{"type":"integer","minimum":-5\}/,
    },
    {
      name: 'negative exclusive minimum',
      param: { name: 'retry_after', type: 'number', visibility: 'public', tags: ['@asType integer', '@exclusiveMinimum -5'], example: 30 },
      message: /generates \{"type":"integer","exclusiveMinimum":-5\}/,
    },
    {
      name: 'nullable number',
      param: { name: 'retry_after', type: 'number | null', visibility: 'public', tags: ['@asType integer', '@minimum 0'], example: 30 },
      message: /RateLimitedParams\.retry_after must have a number type, but its type is null \| number; declare it as/,
    },
    {
      name: 'optional nullable number',
      param: { name: 'retry_after', type: 'number | null', visibility: 'public', optional: true, tags: ['@asType integer', '@minimum 0'], example: 30 },
      message: /RateLimitedParams\.retry_after must have a number type, but its type is null \| number; declare it as/,
    },
    {
      name: 'string typed as integer',
      param: { name: 'retry_after', type: 'string', visibility: 'public', tags: ['@asType integer', '@minimum 0'], example: 30 },
      message: /Code "rate_limited" \(params\.retry_after\): .*RateLimitedParams\.retry_after must have a number type, but its type is string; declare it as/,
    },
  ];

  it.each(cases)('rejects $name', async ({ param, message }) => {
    const { dir, configs } = await projectWithEveryConfig(withParams('rate_limited', [param]));
    const before = await snapshot(dir);

    const error = await generateError(configs[0]!);

    expect(error).toBeInstanceOf(CodegenError);
    expect(error.message).toMatch(message);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('accepts an optional integer delay', async () => {
    const param: FixtureParam = { name: 'retry_after', type: 'number', visibility: 'public', optional: true, tags: ['@asType integer', '@minimum 0'], example: 30 };
    const { configs } = await projectWithEveryConfig(withParams('rate_limited', [param]));

    await expect(generate(await loadConfig(configs[0]!))).resolves.toBeDefined();
  });

  it('accepts an exclusive minimum of 0', async () => {
    const param: FixtureParam = { name: 'retry_after', type: 'number', visibility: 'public', tags: ['@asType integer', '@exclusiveMinimum 0'], example: 30 };
    const { dir, configs } = await projectWithEveryConfig(withParams('rate_limited', [param]));

    await generate(await loadConfig(configs[0]!));

    const schema = JSON.parse(await readFile(path.join(dir, 'out', 'schema.json'), 'utf8'));
    expect(schema.$defs.RateLimitedEnvelope.properties.retry_after).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
  });
});

describe('examples before writing', () => {
  const amount = (example: unknown): FixtureParam[] => [
    { name: 'amount_cents', type: 'number', visibility: 'public', tags: ['@asType integer', '@minimum 1'], example },
    { name: 'invoice_id', type: 'string', visibility: 'internal', optional: true },
  ];

  it('rejects a fraction for an integer', async () => {
    const { dir, configs } = await projectWithEveryConfig(withParams('payment_required', amount(2.5)));
    const before = await snapshot(dir);

    const error = await generateError(configs[0]!);

    expect(error).toBeInstanceOf(CodegenError);
    expect(error.message).toContain('Code "payment_required" (example): /amount_cents of the example params is 2.5, which PaymentRequiredParams rejects: must be integer (type)');
    expect(error.message).toContain('/amount_cents of the example envelope is 2.5, which PaymentRequiredEnvelope rejects: must be integer (type)');
    expect(error.message).toContain('/amount_cents of the example application/problem+json envelope is 2.5');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('rejects a value under the minimum', async () => {
    const { configs } = await projectWithEveryConfig(withParams('payment_required', amount(0)));

    const error = await generateError(configs[0]!);

    expect(error.message).toContain('/amount_cents of the example params is 0, which PaymentRequiredParams rejects: must be >= 1 (minimum)');
  });

  it('rejects a mistyped detail param example', async () => {
    const params: FixtureParam[] = [
      { name: 'decline_code', type: "'insufficient_funds' | 'expired_card'", visibility: 'public', example: 'expired_card' },
      { name: 'issuer', type: 'string', visibility: 'detail', example: 42 },
    ];
    const { configs } = await projectWithEveryConfig(withParams('card_declined', params));

    const error = await generateError(configs[1]!);

    expect(error).toBeInstanceOf(CodegenError);
    expect(error.message).toContain('Code "card_declined" (example): /issuer of the example params is 42, which CardDeclinedParams rejects: must be string (type)');
  });

  it('rejects a value outside an enum', async () => {
    const params: FixtureParam[] = [
      { name: 'decline_code', type: "'insufficient_funds' | 'expired_card'", visibility: 'public', example: 'stolen' },
      { name: 'issuer', type: 'string', visibility: 'detail', example: 'Example Bank' },
    ];
    const { configs } = await projectWithEveryConfig(withParams('card_declined', params));

    const error = await generateError(configs[0]!);

    expect(error.message).toContain('/decline_code of the example params is "stolen", which CardDeclinedParams rejects: must be equal to one of the allowed values (enum)');
  });

  it('rejects an example key without param', async () => {
    const { dir, configs } = await projectWithEveryConfig(defaultSpec());
    const config = await loadConfig(configs[0]!);
    const valid = await loadRegistry(config.registry);
    const entries = valid.entries as Record<string, ErrorEntry<any>>;
    const entry = entries.payment_required!;
    // Built by hand, because validateRegistry rejects the extra key before codegen runs.
    const registry: Registry = { ...valid, entries: { ...entries, payment_required: { ...entry, example: { ...entry.example, plan: 'free' } } } };
    const before = await snapshot(dir);

    const error = await generateError(configs[0]!, registry);

    expect(error).toBeInstanceOf(CodegenError);
    expect(error.message).toContain('Code "payment_required" (example): /plan of the example params is "free", which PaymentRequiredParams rejects: must NOT have additional properties (additionalProperties)');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('names only the failing code', async () => {
    // Codes whose schemas differ only in their code and annotations share one compiled validator.
    const spec = withParams('payment_required', amount(2.5));
    spec.codes.push({ code: 'payment_overdue', status: 402, domain: 'billing', detail: 'Payment of {amount_cents} cents is overdue.', params: amount(700) });
    const { configs } = await projectWithEveryConfig(spec);

    const error = await generateError(configs[0]!);

    expect(error.message).toContain('Code "payment_required" (example): /amount_cents of the example params is 2.5, which PaymentRequiredParams rejects');
    expect(error.message).toContain('/amount_cents of the example envelope is 2.5, which PaymentRequiredEnvelope rejects');
    expect(error.message).not.toContain('payment_overdue');
    expect(error.message).toContain('Invalid examples, 3 problem(s)');
  });

  it('accepts an internal param without example', async () => {
    const { configs } = await projectWithEveryConfig(defaultSpec());

    await expect(generate(await loadConfig(configs[0]!))).resolves.toBeDefined();
  });
});
