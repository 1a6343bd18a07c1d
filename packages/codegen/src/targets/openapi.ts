/**
 * The OpenAPI 3.1 document: the JSON Schema definitions as `components.schemas`,
 * one reusable response per status, and the shared headers. Services `$ref`
 * these components from their own specs; the document has no paths.
 */
import type { Definition } from 'ts-json-schema-generator';
import { CodegenError } from '../errors.ts';
import type { TargetContext } from './context.ts';
import { buildHeaders, discriminatedUnion } from './openapi-responses.ts';
import { UNION_NAME } from './schema.ts';

export const OPENAPI_VERSION = '3.1.0';

const COMPONENT_NAME = /^[a-zA-Z0-9._-]+$/;

/** Builds the OpenAPI document of the context's registry. */
export function buildOpenApiDocument(context: TargetContext): Record<string, unknown> {
  const { document, envelopeMembers } = context.model();
  const schemas: Record<string, unknown> = {};
  const copies = new WeakMap<object, unknown>();
  for (const [name, definition] of Object.entries(document.$defs)) {
    if (!COMPONENT_NAME.test(name)) {
      throw new CodegenError(`Definition ${name} is not a valid OpenAPI component name (${COMPONENT_NAME.source}); rename the type`);
    }
    schemas[name] = rewriteRefs(definition, copies);
  }
  const codes = Object.keys(context.registry.entries);
  schemas[UNION_NAME] = { ...(schemas[UNION_NAME] as object), ...discriminatedUnion(codes) };

  const requestId = envelopeMembers.find((member) => member.name === 'request_id');
  if (!requestId) throw new CodegenError('The shared envelope has no request_id member; the installed @agnes/errors does not match codegen');
  const { description: _description, ...requestIdSchema } = rewriteRefs(requestId.schema) as Definition;

  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: context.config.title,
      version: context.registry.version,
      description:
        `${context.header}\n\n` +
        `Error responses of contract version ${context.registry.version}: the envelope schema of every code, ` +
        'one reusable response per HTTP status, and the `X-Request-Id` and `Retry-After` headers. ' +
        '`$ref` these components from the spec of a service.',
    },
    paths: {},
    components: {
      schemas,
      responses: context.responses(),
      headers: buildHeaders(requestIdSchema),
    },
  };
}

/**
 * Rewrites `#/$defs/X` references to `#/components/schemas/X`. Every envelope
 * shares the same schema objects for the shared members, so each object is
 * copied once and the copy is reused.
 */
function rewriteRefs(value: unknown, copies = new WeakMap<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;

  let result: unknown;
  if (Array.isArray(value)) {
    result = value.map((item) => rewriteRefs(item, copies));
  } else {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = key === '$ref' && typeof item === 'string' ? item.replace(/^#\/\$defs\//, '#/components/schemas/') : rewriteRefs(item, copies);
    }
    result = copy;
  }
  copies.set(value, result);
  return result;
}
