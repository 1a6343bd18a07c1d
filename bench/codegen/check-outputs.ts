/**
 * Checks that both tools of the codegen benchmark wrote the same contract: the
 * same codes, each with the same status and envelope members, and the same
 * error media types in every response. A failed check stops the benchmark.
 */
import { readFile } from 'node:fs/promises';
import type { SyntheticCode } from './synthetic.ts';

interface Schema {
  properties?: Record<string, { const?: string; enum?: string[] }>;
}

interface Response {
  content?: Record<string, unknown>;
}

interface OpenApiDocument {
  paths: Record<string, { get?: { responses: Record<string, Response> } }>;
  components: { schemas: Record<string, Schema>; responses?: Record<string, Response> };
}

const MEDIA_TYPES = ['application/json', 'application/problem+json'];

/** Envelope members by code, from every schema whose `code` member is a single string. */
function membersByCode(document: OpenApiDocument): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const schema of Object.values(document.components.schemas)) {
    const code = schema.properties?.code;
    const value = code?.const ?? (code?.enum?.length === 1 ? code.enum[0] : undefined);
    if (value !== undefined) members.set(value, Object.keys(schema.properties!).sort());
  }
  return members;
}

/** Throws when the two documents disagree with each other or with the codes. */
export async function checkEquivalentOutputs(codegenFile: string, typespecFile: string, codes: readonly SyntheticCode[]): Promise<void> {
  const codegen = JSON.parse(await readFile(codegenFile, 'utf8')) as OpenApiDocument;
  const typespec = JSON.parse(await readFile(typespecFile, 'utf8')) as OpenApiDocument;
  const ours = membersByCode(codegen);
  const theirs = membersByCode(typespec);
  const fail = (problem: string) => {
    throw new Error(`The outputs of ${codegenFile} and ${typespecFile} differ: ${problem}`);
  };

  if (ours.size !== codes.length || theirs.size !== codes.length) {
    fail(`expected ${codes.length} code schemas, codegen wrote ${ours.size} and TypeSpec ${theirs.size}`);
  }
  for (const { code } of codes) {
    const [a, b] = [ours.get(code)?.join(', '), theirs.get(code)?.join(', ')];
    if (a !== b) fail(`members of ${code}: codegen has [${a}], TypeSpec has [${b}]`);
  }

  const statuses = [...new Set(codes.map((code) => String(code.status)))].sort();
  const codegenResponses = Object.values(codegen.components.responses ?? {});
  const typespecResponses = Object.entries(typespec.paths['/probe']?.get?.responses ?? {}).filter(([status]) => statuses.includes(status));
  if (codegenResponses.length !== statuses.length || typespecResponses.length !== statuses.length) {
    fail(`expected ${statuses.length} responses, codegen wrote ${codegenResponses.length} and TypeSpec ${typespecResponses.length}`);
  }
  for (const response of [...codegenResponses, ...typespecResponses.map(([, item]) => item)]) {
    const types = Object.keys(response.content ?? {}).sort().join(', ');
    if (types !== MEDIA_TYPES.join(', ')) fail(`a response has the media types [${types}], expected [${MEDIA_TYPES.join(', ')}]`);
  }
}
