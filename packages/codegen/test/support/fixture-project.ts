/**
 * Writes a small registry project to a directory: domain files with params
 * interfaces built with the core define helpers, a registry module, and a
 * codegen config. Tests change the spec to produce each kind of mistake.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pascalCase } from '../../src/naming.ts';
import { CORE_DIR } from './paths.ts';

/** One param of a fixture code. */
export interface FixtureParam {
  name: string;
  /** TypeScript type of the interface member. */
  type: string;
  /** Visibility in the registry entry; `undefined` leaves it out of the registry. */
  visibility?: 'public' | 'detail' | 'internal';
  optional?: boolean;
  /** Extra JSDoc lines, such as `@asType integer`. */
  tags?: string[];
  /** `false` leaves the member out of the params interface. */
  inInterface?: boolean;
  example?: unknown;
}

/** One code of a fixture registry. */
export interface FixtureCode {
  code: string;
  status: number;
  /** Domain file that declares it, without `.ts`. */
  domain: string;
  detail?: string;
  params?: FixtureParam[];
  retryable?: boolean;
  afterParam?: string;
  sdk?: { typescript: string; python: string };
  deprecated?: { since: string; replacement?: string };
  summary?: string;
  /** Name of the params interface; codegen expects `<PascalCaseCode>Params`. */
  interfaceName?: string;
}

/** A fixture registry project. */
export interface FixtureSpec {
  version: string;
  codes: FixtureCode[];
  families: Record<number, { typescript: string; python: string }>;
  tombstones: { code: string; removedIn: string }[];
  /** Extra source for domain files, keyed by domain, such as type aliases. */
  extraTypes?: Record<string, string>;
  /** Replaces the config file's text when set. */
  configText?: string;
  /** Entry of the core package that the registry files import the define helpers from; `@agnes/errors` by default. */
  coreEntry?: '@agnes/errors' | '@agnes/errors/define';
}

/** Paths of a written fixture project. */
export interface FixtureProject {
  dir: string;
  config: string;
  registry: string;
  outputs: { schema: string; openapi: string; contract: string };
}

/** The default fixture: shared statuses, own and family SDK classes, a deprecated code, Retry-After, all visibilities. */
export function defaultSpec(): FixtureSpec {
  return {
    version: '1.2.0',
    codes: [
      {
        code: 'payment_required',
        status: 402,
        domain: 'billing',
        detail: 'Payment of {amount_cents} cents is required.',
        params: [
          { name: 'amount_cents', type: 'number', visibility: 'public', tags: ['@asType integer', '@minimum 1'], example: 1200 },
          { name: 'invoice_id', type: 'string', visibility: 'internal', optional: true },
        ],
        sdk: { typescript: 'PaymentRequiredError', python: 'PaymentRequiredError' },
      },
      {
        code: 'card_declined',
        status: 402,
        domain: 'billing',
        detail: 'The card was declined ({decline_code}) by {issuer}.',
        params: [
          { name: 'decline_code', type: "'insufficient_funds' | 'expired_card'", visibility: 'public', example: 'expired_card' },
          { name: 'issuer', type: 'string', visibility: 'detail', example: 'Example Bank' },
        ],
      },
      {
        code: 'rate_limited',
        status: 429,
        domain: 'limits',
        detail: 'Too many requests; retry in {retry_after} seconds.',
        params: [{ name: 'retry_after', type: 'number', visibility: 'public', tags: ['@asType integer', '@minimum 0'], example: 30 }],
        retryable: true,
        afterParam: 'retry_after',
      },
      {
        code: 'legacy_throttled',
        status: 429,
        domain: 'limits',
        detail: 'Too many requests.',
        retryable: true,
        deprecated: { since: '1.1.0', replacement: 'rate_limited' },
      },
      {
        code: 'upstream_failed',
        status: 502,
        domain: 'server',
        detail: 'A service behind the API failed.',
        params: [{ name: 'host', type: 'string', visibility: 'internal' }],
        retryable: true,
      },
    ],
    families: {
      402: { typescript: 'PaymentError', python: 'PaymentError' },
      429: { typescript: 'RateLimitError', python: 'RateLimitError' },
      502: { typescript: 'BadGatewayError', python: 'BadGatewayError' },
    },
    tombstones: [{ code: 'old_limit', removedIn: '1.0.0' }],
  };
}

/** Writes the project to `dir`, with `@agnes/errors` linked to the workspace's core package. */
export async function writeFixtureProject(dir: string, spec: FixtureSpec): Promise<FixtureProject> {
  await mkdir(path.join(dir, 'node_modules', '@agnes'), { recursive: true });
  await symlink(CORE_DIR, path.join(dir, 'node_modules', '@agnes', 'errors'), 'dir');
  await mkdir(path.join(dir, 'src'), { recursive: true });

  const domains = [...new Set(spec.codes.map((code) => code.domain))];
  for (const domain of domains) {
    const codes = spec.codes.filter((code) => code.domain === domain);
    const extra = spec.extraTypes?.[domain] ?? '';
    await writeFile(path.join(dir, 'src', `${domain}.ts`), domainSource(domain, codes, extra, spec.coreEntry ?? '@agnes/errors'));
  }
  await writeFile(path.join(dir, 'src', 'registry.ts'), registrySource(spec, domains));

  const config = path.join(dir, 'codegen.config.json');
  const outputs = {
    schema: path.join(dir, 'out', 'schema.json'),
    openapi: path.join(dir, 'out', 'openapi.json'),
    contract: path.join(dir, 'out', 'contract.json'),
  };
  const configText =
    spec.configText ??
    JSON.stringify({
      registry: './src/registry.ts',
      types: ['./src/*.ts'],
      command: 'agnes-errors generate --config codegen.config.json',
      title: 'Fixture API',
      outputs: { schema: './out/schema.json', openapi: './out/openapi.json', contract: './out/contract.json' },
    });
  await writeFile(config, configText);
  return { dir, config, registry: path.join(dir, 'src', 'registry.ts'), outputs };
}

function interfaceNameOf(code: FixtureCode): string {
  return code.interfaceName ?? `${pascalCase(code.code)}Params`;
}

/** Name of the exported entries object of a domain file. */
function domainExport(domain: string): string {
  return `${domain}Errors`;
}

function domainSource(domain: string, codes: readonly FixtureCode[], extra: string, coreEntry: string): string {
  const lines = [`import { defineError } from '${coreEntry}';`, ''];
  if (extra) lines.push(extra, '');
  for (const code of codes) {
    const members = (code.params ?? []).filter((param) => param.inInterface !== false);
    if (code.params === undefined) continue;
    lines.push(`export interface ${interfaceNameOf(code)} {`);
    for (const param of members) {
      lines.push(`  /**`, `   * The ${param.name} of the fixture.`, ...(param.tags ?? []).map((tag) => `   * ${tag}`), `   */`);
      lines.push(`  ${param.name}${param.optional ? '?' : ''}: ${param.type};`);
    }
    lines.push('}', '');
  }
  lines.push(`export const ${domainExport(domain)} = {`);
  for (const code of codes) lines.push(entrySource(code));
  lines.push('};', '');
  return lines.join('\n');
}

function entrySource(code: FixtureCode): string {
  const params = code.params ?? [];
  const visibility = Object.fromEntries(params.filter((param) => param.visibility).map((param) => [param.name, param.visibility]));
  const example = Object.fromEntries(params.filter((param) => param.example !== undefined).map((param) => [param.name, param.example]));
  const typeArgument = code.params === undefined ? 'Record<never, never>' : interfaceNameOf(code);
  const entry = {
    status: code.status,
    title: pascalCase(code.code).replace(/([a-z])([A-Z])/g, '$1 $2'),
    summary: code.summary ?? `the fixture error ${code.code}`,
    retry: {
      retryable: code.retryable ?? false,
      advice: code.retryable ? 'retry later' : 'fix the request',
      ...(code.afterParam ? { afterParam: code.afterParam } : {}),
    },
    when: `The fixture raises ${code.code}.`,
    causes: [`A test asked for ${code.code}.`],
    fix: ['Change the test.'],
    detail: code.detail ?? `The fixture error ${code.code}.`,
    params: visibility,
    example,
    ...(code.sdk ? { sdk: code.sdk } : {}),
    related: [],
    since: '1.0.0',
    ...(code.deprecated ? { deprecated: code.deprecated } : {}),
  };
  return `  ${JSON.stringify(code.code)}: defineError<${typeArgument}>()(${JSON.stringify(entry)}),`;
}

function registrySource(spec: FixtureSpec, domains: readonly string[]): string {
  return [
    `import { defineRegistry } from '${spec.coreEntry ?? '@agnes/errors'}';`,
    ...domains.map((domain) => `import { ${domainExport(domain)} } from './${domain}.ts';`),
    '',
    `export const registry = defineRegistry(${JSON.stringify({ version: spec.version, families: spec.families, tombstones: spec.tombstones }).replace(
      /}$/,
      `, "domains": [${domains.map(domainExport).join(', ')}]}`,
    )});`,
    '',
  ].join('\n');
}
