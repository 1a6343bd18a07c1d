/**
 * The TypeSpec equivalent of a synthetic registry, for the TypeSpec side of the
 * codegen benchmark. It declares what agnes-errors writes into openapi.json:
 *
 * - one `@error` model per code with its status, `X-Request-Id` and (with a
 *   retry param) `Retry-After` headers, both error media types, a title and a
 *   description;
 * - the shared envelope members with their docs and constraints, spread into
 *   every model so that each schema is flat like codegen's, and the RFC 9457
 *   members as optional members of the same shared model;
 * - each public param with its doc comment and constraint;
 * - the `ErrorCode` enum and the `ErrorEnvelope` union of every code;
 * - one operation whose responses are all the models, so that the emitter
 *   builds one response per status, as codegen's `components.responses`.
 *
 * Codegen also writes one example per code and media type into each response.
 * TypeSpec declares those with `@opExample` on the operation, and its time then
 * grows with the square of the codes: with @typespec/openapi3 1.16.0 on this
 * machine, 500 codes took 9.7 s of CPU instead of 2.0 s, 1,000 codes 36.8 s,
 * and 5,000 codes had not finished after 9 minutes. So the definition has no
 * examples, and TypeSpec does less work than codegen here.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paramDescription, type SyntheticCode, type SyntheticParam } from './synthetic.ts';

/** Compiler options: the OpenAPI 3 emitter, OpenAPI 3.1 as JSON, like codegen's openapi.json. */
const TSPCONFIG = `emit:
  - "@typespec/openapi3"
options:
  "@typespec/openapi3":
    openapi-versions:
      - 3.1.0
    file-type: json
output-dir: "{project-root}/tsp-output"
`;

/** The shared members, with the docs and constraints of core's ErrorEnvelopeBase and ProblemDetailsMembers. */
const ENVELOPE_BASE = `/** Members that every error envelope carries. */
model ErrorEnvelopeBase {
  /** Human-readable explanation of this occurrence of the error. */
  @minLength(1) detail: string;

  /** Identifier of the request, also sent as the \`X-Request-Id\` response header. */
  @minLength(1) @maxLength(128) @pattern("^[A-Za-z0-9._:-]+$") request_id: string;

  /** Docs page of the code. */
  doc_url: url;

  /** URI of the problem type; the same value as \`doc_url\`. */
  type?: url;

  /** Short summary of the problem type. */
  title?: string;

  /** HTTP status code of the response. */
  @minValue(400) @maxValue(599) status?: int32;

  /** URI reference of this occurrence, the request path. */
  instance?: string;
}
`;

/** Path of the generated OpenAPI document inside a project written by `writeTypeSpecProject`. */
export function typeSpecOpenApiFile(mainFile: string): string {
  return path.join(path.dirname(mainFile), 'tsp-output', '@typespec', 'openapi3', 'openapi.json');
}

/** Writes main.tsp and tspconfig.yaml for the codes, with the TypeSpec packages linked, and returns the main.tsp path. */
export async function writeTypeSpecProject(dir: string, codes: readonly SyntheticCode[], typespecModules: Record<string, string>): Promise<string> {
  await mkdir(path.join(dir, 'node_modules', '@typespec'), { recursive: true });
  for (const [name, target] of Object.entries(typespecModules)) {
    await symlink(target, path.join(dir, 'node_modules', '@typespec', name), 'dir');
  }
  const lines = [
    'import "@typespec/http";',
    'import "@typespec/openapi3";',
    'using Http;',
    '',
    '@service(#{ title: "Synthetic errors" })',
    'namespace Synthetic;',
    '',
    ENVELOPE_BASE,
    '/** Every error code of the registry. */',
    'enum ErrorCode {',
    ...codes.map((code) => `  ${code.code},`),
    '}',
    '',
  ];
  for (const code of codes) lines.push(...errorModel(code));
  lines.push('/** Any error envelope of the registry, discriminated by `code`. */', 'union ErrorEnvelope {');
  lines.push(...codes.map((code) => `  ${code.pascal}Error,`), '}', '');
  lines.push(`@route("/probe") op probe(): void | ${codes.map((code) => `${code.pascal}Error`).join(' | ')};`, '');

  const main = path.join(dir, 'main.tsp');
  await writeFile(main, lines.join('\n'));
  await writeFile(path.join(dir, 'tspconfig.yaml'), TSPCONFIG);
  return main;
}

/** Returns the lines of the `@error` model of one code. */
function errorModel(code: SyntheticCode): string[] {
  const lines = [
    `/** a synthetic error with status ${code.status}. */`,
    `@summary("Synthetic error ${code.code.slice(-5)}")`,
    '@error',
    `model ${code.pascal}Error {`,
    `  @statusCode statusCode: ${code.status};`,
    '  @header("X-Request-Id") requestId: string;',
    '  @header contentType: "application/json" | "application/problem+json";',
  ];
  if (code.afterParam) lines.push('  @header("Retry-After") @minValue(0) retryAfter?: int32;');
  lines.push('  ...ErrorEnvelopeBase;', '', '  /** Stable, machine-readable error code in snake_case. */', `  code: "${code.code}";`);
  for (const param of code.params.filter((item) => item.visibility === 'public')) {
    lines.push('', `  /** ${paramDescription(param)} */`, `  ${constraintsOf(param)}${param.name}${param.optional ? '?' : ''}: ${param.tsp};`);
  }
  lines.push('}', '');
  return lines;
}

/** TypeSpec decorators for the JSDoc constraint tags of a param, such as `@minimum 0` to `@minValue(0) `. */
function constraintsOf(param: SyntheticParam): string {
  return param.tags
    .map((tag) => /^@minimum (\S+)$/.exec(tag))
    .filter((match) => match !== null)
    .map((match) => `@minValue(${match[1]}) `)
    .join('');
}
