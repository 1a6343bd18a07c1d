/**
 * Synthetic registries of any size for the codegen benchmark: the codes, and a
 * registry project of TypeScript domain files built with the core define
 * helpers. typespec-project.ts writes the TypeSpec equivalent of the same codes.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Statuses and how often each occurs, roughly as in a public HTTP API. */
const STATUS_WEIGHTS: readonly (readonly [status: number, weight: number])[] = [
  [400, 14], [401, 6], [403, 8], [404, 14], [409, 8], [413, 2], [422, 18], [429, 6], [500, 10], [502, 4], [503, 6], [504, 4],
];
const STATUS_CYCLE = STATUS_WEIGHTS.flatMap(([status, weight]) => Array.from({ length: weight }, () => status));

/** Codes per domain file. */
const CODES_PER_DOMAIN = 50;

/** One param of a synthetic code. */
export interface SyntheticParam {
  name: string;
  /** TypeScript type. */
  ts: string;
  /** TypeSpec type. */
  tsp: string;
  visibility: 'public' | 'detail' | 'internal';
  optional: boolean;
  example: unknown;
  tags: string[];
}

/** One synthetic code. */
export interface SyntheticCode {
  code: string;
  pascal: string;
  status: number;
  params: SyntheticParam[];
  afterParam?: string;
}

/** Builds `size` codes; the same size always gives the same codes. */
export function syntheticCodes(size: number): SyntheticCode[] {
  return Array.from({ length: size }, (_, index) => {
    const number = String(index).padStart(5, '0');
    const status = STATUS_CYCLE[index % STATUS_CYCLE.length]!;
    const params: SyntheticParam[] = [];
    if (status === 429 || status === 503) {
      params.push({ name: 'retry_after', ts: 'number', tsp: 'int32', visibility: 'public', optional: status === 503, example: 30, tags: ['@asType integer', '@minimum 0'] });
    }
    if (index % 3 === 0) {
      params.push({ name: 'resource', ts: 'string', tsp: 'string', visibility: 'public', optional: false, example: 'policy', tags: [] });
      params.push({ name: 'resource_id', ts: 'string', tsp: 'string', visibility: 'detail', optional: false, example: 'pol_123', tags: [] });
    }
    if (index % 5 === 0) {
      params.push({ name: 'fields', ts: 'string[]', tsp: 'string[]', visibility: 'public', optional: true, example: ['name'], tags: [] });
    }
    if (index % 4 === 0) params.push({ name: 'tenant_id', ts: 'string', tsp: 'string', visibility: 'internal', optional: true, example: undefined, tags: [] });
    return {
      code: `synthetic_error_${number}`,
      pascal: `SyntheticError${number}`,
      status,
      params,
      ...(params.some((param) => param.name === 'retry_after') ? { afterParam: 'retry_after' } : {}),
    };
  });
}

/** Returns the doc comment text of a param, the same in the TypeScript and the TypeSpec source. */
export function paramDescription(param: SyntheticParam): string {
  return `The ${param.name.replace(/_/g, ' ')} of the failed request.`;
}

/**
 * The core entry that the registry imports its helpers from. A registry other than the Agnes
 * catalog needs no catalog, and the root entry would evaluate it on every run.
 */
const CORE_ENTRY = '@agnes/errors/define';

/**
 * Writes a registry project for codegen: an ESM package (`"type": "module"`, as a TypeScript
 * project on Node declares itself), domain files, the registry module and a config with every target.
 */
export async function writeCodegenProject(dir: string, codes: readonly SyntheticCode[], coreDir: string, targets: readonly string[]): Promise<string> {
  await mkdir(path.join(dir, 'node_modules', '@agnes'), { recursive: true });
  await symlink(coreDir, path.join(dir, 'node_modules', '@agnes', 'errors'), 'dir');
  await mkdir(path.join(dir, 'src'), { recursive: true });
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'synthetic-registry', private: true, type: 'module' }, null, 2)}\n`);

  const domains: string[] = [];
  for (let start = 0; start < codes.length; start += CODES_PER_DOMAIN) {
    const name = `domain${String(domains.length).padStart(3, '0')}`;
    domains.push(name);
    await writeFile(path.join(dir, 'src', `${name}.ts`), domainSource(name, codes.slice(start, start + CODES_PER_DOMAIN)));
  }
  const statuses = [...new Set(codes.map((code) => code.status))].sort();
  const families = Object.fromEntries(statuses.map((status) => [status, { typescript: `Status${status}Error`, python: `Status${status}Error` }]));
  await writeFile(
    path.join(dir, 'src', 'registry.ts'),
    [
      `import { defineRegistry } from '${CORE_ENTRY}';`,
      ...domains.map((name) => `import { ${name} } from './${name}.ts';`),
      `export const registry = defineRegistry({ version: '1.0.0', domains: [${domains.join(', ')}], families: ${JSON.stringify(families)}, tombstones: [] });`,
      '',
    ].join('\n'),
  );

  const config = path.join(dir, 'codegen.config.json');
  const outputs = Object.fromEntries(targets.map((target) => [target, `./out/${target}.${target.startsWith('sdk') ? 'txt' : 'json'}`]));
  await writeFile(config, JSON.stringify({ registry: './src/registry.ts', types: ['./src/domain*.ts'], command: 'pnpm bench:codegen', outputs }));
  return config;
}

function domainSource(name: string, codes: readonly SyntheticCode[]): string {
  const lines = [`import { defineError } from '${CORE_ENTRY}';`, ''];
  for (const code of codes) {
    if (code.params.length === 0) continue;
    lines.push(`/** Params of \`${code.code}\`. */`, `export interface ${code.pascal}Params {`);
    for (const param of code.params) {
      lines.push(`  /**`, `   * ${paramDescription(param)}`, ...param.tags.map((tag) => `   * ${tag}`), `   */`);
      lines.push(`  ${param.name}${param.optional ? '?' : ''}: ${param.ts};`);
    }
    lines.push('}', '');
  }
  lines.push(`export const ${name} = {`);
  for (const code of codes) {
    const detailNames = code.params.filter((param) => param.visibility !== 'internal' && !param.optional).map((param) => `{${param.name}}`);
    const entry = {
      status: code.status,
      title: `Synthetic error ${code.code.slice(-5)}`,
      summary: `a synthetic error with status ${code.status}`,
      retry: { retryable: code.status >= 500 || code.status === 429, advice: 'follow the fix steps', ...(code.afterParam ? { afterParam: code.afterParam } : {}) },
      when: `The benchmark registry declares ${code.code} to measure codegen.`,
      causes: ['The benchmark asked for it.', 'A second cause, so that lists have several items.'],
      fix: ['Read the [docs](/errors).', 'Retry with a corrected request.'],
      detail: `Synthetic error ${code.code}${detailNames.length ? ` (${detailNames.join(', ')})` : ''}.`,
      params: Object.fromEntries(code.params.map((param) => [param.name, param.visibility])),
      example: Object.fromEntries(code.params.filter((param) => param.example !== undefined).map((param) => [param.name, param.example])),
      related: [{ href: '/errors', title: 'Error index' }],
      since: '1.0.0',
    };
    const typeArgument = code.params.length > 0 ? `${code.pascal}Params` : '';
    lines.push(`  ${code.code}: defineError${typeArgument ? `<${typeArgument}>` : ''}()(${JSON.stringify(entry)}),`);
  }
  lines.push('};', '');
  return lines.join('\n');
}
