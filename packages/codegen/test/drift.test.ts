/**
 * The registry, schema.json, openapi.json and contract.json agree in both
 * directions, and the committed files are exactly what codegen renders now.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { agnesRegistry, lookupsOf, type ErrorEntry } from '@agnes/errors';
import {
  envelopeSchemaName,
  loadConfig,
  renderOutputs,
  responseNameOf,
  type ContractSnapshot,
  type JsonSchemaDocument,
} from '../src/index.ts';
import { CORE_CONFIG, GENERATED } from './support/paths.ts';
import type { OpenApiDocument } from './support/render.ts';

const schema = JSON.parse(await readFile(GENERATED.schema, 'utf8')) as JsonSchemaDocument;
const openapi = JSON.parse(await readFile(GENERATED.openapi, 'utf8')) as OpenApiDocument;
const contract = JSON.parse(await readFile(GENERATED.contract, 'utf8')) as ContractSnapshot;

const entries = agnesRegistry.entries as Readonly<Record<string, ErrorEntry<any>>>;
const registryCodes = Object.keys(entries).sort();
const SHARED_MEMBERS = new Set(contract.envelope.map((member) => member.name));

/** Codes of the envelope definitions in a set of schemas, read from each `code` constant. */
function envelopeCodes(definitions: Record<string, any>): string[] {
  return Object.values(definitions)
    .map((definition) => definition.properties?.code?.const as string | undefined)
    .filter((code): code is string => code !== undefined)
    .sort();
}

/** Public params of an envelope definition: its members minus the shared ones. */
function paramsOf(definition: { properties: Record<string, unknown> }): string[] {
  return Object.keys(definition.properties)
    .filter((name) => !SHARED_MEMBERS.has(name))
    .sort();
}

/** Public params of a registry entry, sorted. */
function registryParamsOf(code: string): string[] {
  return Object.entries(entries[code]!.params ?? {})
    .filter(([, visibility]) => visibility === 'public')
    .map(([name]) => name)
    .sort();
}

describe('codes', () => {
  it('schema.json has an envelope for exactly the registry codes', () => {
    expect(envelopeCodes(schema.$defs)).toEqual(registryCodes);
    expect([...(schema.$defs.ErrorCode!.enum as string[])].sort()).toEqual(registryCodes);
    expect(schema.$defs.ErrorEnvelope!.oneOf).toHaveLength(registryCodes.length);
  });

  it('openapi.json has an envelope schema for exactly the registry codes', () => {
    expect(envelopeCodes(openapi.components.schemas)).toEqual(registryCodes);
  });

  it('contract.json lists exactly the registry codes', () => {
    expect(contract.codes.map((code) => code.code)).toEqual(registryCodes);
  });

  it('envelope definitions are named after their code', () => {
    for (const code of registryCodes) {
      expect(schema.$defs[envelopeSchemaName(code)]?.properties?.code).toMatchObject({ const: code });
      expect(openapi.components.schemas[envelopeSchemaName(code)]?.properties?.code).toMatchObject({ const: code });
    }
  });
});

describe('statuses', () => {
  const { statuses, codesByStatus } = lookupsOf(agnesRegistry);

  it('openapi.json has one response for each status in use and no other', () => {
    expect(Object.keys(openapi.components.responses).sort()).toEqual(statuses.map(responseNameOf).sort());
  });

  it.each(statuses)('response of %i maps exactly the codes of that status', (status) => {
    const response = openapi.components.responses[responseNameOf(status)];
    for (const media of Object.values(response.content) as { schema: { discriminator: { mapping: Record<string, string> } } }[]) {
      expect(Object.keys(media.schema.discriminator.mapping).sort()).toEqual([...codesByStatus.get(status)!].sort());
    }
  });

  it('contract.json gives every code its registry status', () => {
    for (const code of contract.codes) expect(code.status).toBe(entries[code.code]!.status);
  });
});

describe('public params', () => {
  it.each(registryCodes)('%s has the same public params everywhere', (code) => {
    const name = envelopeSchemaName(code);
    const want = registryParamsOf(code);

    expect(paramsOf(schema.$defs[name] as never)).toEqual(want);
    expect(paramsOf(openapi.components.schemas[name] as never)).toEqual(want);
    expect(contract.codes.find((item) => item.code === code)!.publicParams.map((param) => param.name)).toEqual(want);
  });

  it.each(registryCodes)('%s marks the same params required in schema.json and contract.json', (code) => {
    const required = (schema.$defs[envelopeSchemaName(code)]!.required as string[]).filter((name) => !SHARED_MEMBERS.has(name)).sort();
    const snapshot = contract.codes.find((item) => item.code === code)!;

    expect(snapshot.publicParams.filter((param) => param.required).map((param) => param.name)).toEqual(required);
  });
});

describe('committed artifacts', () => {
  it('equal a fresh render byte for byte', async () => {
    const config = await loadConfig(CORE_CONFIG);
    const files = renderOutputs(agnesRegistry, config);

    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      expect(await readFile(file.path, 'utf8'), `${file.path} is stale; run pnpm --filter @agnes/errors codegen`).toBe(file.content);
    }
  });

  it('render the same bytes twice', async () => {
    const config = await loadConfig(CORE_CONFIG);
    const first = renderOutputs(agnesRegistry, config);
    const second = renderOutputs(agnesRegistry, config);

    expect(second).toEqual(first);
  });
});
