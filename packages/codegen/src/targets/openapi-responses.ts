/**
 * The reusable OpenAPI responses: one per HTTP status that the registry uses,
 * each with its codes' envelopes as a discriminated `oneOf` and one example per
 * code in both media types.
 */
import { EXAMPLE_REQUEST_ID, buildEnvelope, lookupsOf, type ErrorEntry, type Registry } from '@agnes/errors/define';
import { envelopeSchemaName } from '../naming.ts';
import { reasonPhraseOf, responseNameOf } from './http-status.ts';

/** Request path that the `application/problem+json` examples use as `instance`. */
export const EXAMPLE_INSTANCE = '/v1/example';

/** Names of the reusable headers in `components.headers`. */
export const REQUEST_ID_HEADER = 'X-Request-Id';
export const RETRY_AFTER_HEADER = 'Retry-After';

/** Media types of every error response; one schema covers both. */
export const ERROR_MEDIA_TYPES = ['application/json', 'application/problem+json'] as const;

const SCHEMAS_PREFIX = '#/components/schemas/';

/**
 * Builds a `oneOf` over the envelopes of some codes with a discriminator on
 * `code`. The mapping is always explicit, because openapi-typescript 7.13.0
 * types `code` as the schema name when a discriminator has no mapping.
 */
export function discriminatedUnion(codes: readonly string[]): Record<string, unknown> {
  const mapping: Record<string, string> = {};
  for (const code of codes) mapping[code] = `${SCHEMAS_PREFIX}${envelopeSchemaName(code)}`;
  return {
    oneOf: codes.map((code) => ({ $ref: mapping[code] })),
    discriminator: { propertyName: 'code', mapping },
  };
}

/** Builds `components.responses`, keyed by response name, in ascending status order. */
export function buildResponses(registry: Registry): Record<string, unknown> {
  const { codesByStatus, entryByCode, statuses } = lookupsOf(registry);
  const responses: Record<string, unknown> = {};
  for (const status of statuses) {
    const codes = codesByStatus.get(status) ?? [];
    const entries = codes.map((code) => [code, entryByCode.get(code)!] as const);
    responses[responseNameOf(status)] = buildResponse(registry, status, entries);
  }
  return responses;
}

function buildResponse(registry: Registry, status: number, entries: readonly (readonly [string, ErrorEntry<any>])[]) {
  const codes = entries.map(([code]) => code);
  const headers: Record<string, unknown> = { [REQUEST_ID_HEADER]: { $ref: `#/components/headers/${REQUEST_ID_HEADER}` } };
  if (entries.some(([, entry]) => entry.retry.afterParam !== undefined)) {
    headers[RETRY_AFTER_HEADER] = { $ref: `#/components/headers/${RETRY_AFTER_HEADER}` };
  }

  const content: Record<string, unknown> = {};
  for (const mediaType of ERROR_MEDIA_TYPES) {
    const problem = mediaType === 'application/problem+json';
    const examples: Record<string, unknown> = {};
    for (const [code, entry] of entries) {
      examples[code] = {
        summary: entry.deprecated ? `${entry.title} (deprecated)` : entry.title,
        value: buildEnvelope(registry, code, entry.example, {
          requestId: EXAMPLE_REQUEST_ID,
          ...(problem ? { problem: { instance: EXAMPLE_INSTANCE } } : {}),
        }),
      };
    }
    content[mediaType] = { schema: discriminatedUnion(codes), examples };
  }

  const phrase = reasonPhraseOf(status);
  return {
    description: `${status}${phrase ? ` ${phrase}` : ''}, with one of the codes ${codes.map((code) => `\`${code}\``).join(', ')}.`,
    headers,
    content,
  };
}

/** Builds `components.headers`: the request id and the retry delay. */
export function buildHeaders(requestIdSchema: Record<string, unknown>): Record<string, unknown> {
  return {
    [REQUEST_ID_HEADER]: {
      description: 'Identifier of the request; the same value as the `request_id` member of the body.',
      required: true,
      schema: requestIdSchema,
    },
    [RETRY_AFTER_HEADER]: {
      description:
        'Seconds to wait before retrying, as a non-negative integer; the same value as the code\'s retry param ' +
        '(such as `retry_after`) in the body, and sent only when the body carries that param.',
      schema: { type: 'integer', minimum: 0 },
    },
  };
}
