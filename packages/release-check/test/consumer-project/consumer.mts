// An ESM consumer of the published packages, type-checked with tsc and run on Node 24 and Node 20.
import { agnesRegistry, type ErrorCode } from '@agnes/errors';
import contract from '@agnes/errors/contract.json' with { type: 'json' };
import schema from '@agnes/errors/schema.json' with { type: 'json' };
import { AuthenticationError, errorFromResponse } from '@agnes/sdk';
import { agnesErrors } from '@agnes/sdk/openapi-fetch';
import { AgnesError, createAgnesRenderer, type DeprecatedCodeNotice } from '@agnes/errors-server';
import { errorHandler } from '@agnes/errors-server/express';
import { errorsPlugin } from '@agnes/errors-server/fastify';
import { onError } from '@agnes/errors-server/hono';

const code: ErrorCode = 'session_expired';
// @ts-expect-error a code outside the catalog is not an ErrorCode
const unknownCode: ErrorCode = 'no_such_code';

const notices: DeprecatedCodeNotice[] = [];
const renderer = createAgnesRenderer({ onDeprecatedCode: (notice) => notices.push(notice) });
const response = renderer.toResponse(new AgnesError(code, {}), new Request('http://127.0.0.1/session'));
const error = await errorFromResponse(response);

console.log(
  JSON.stringify({
    codes: Object.keys(agnesRegistry.entries).length,
    schemaHasCode: JSON.stringify(schema).includes(`"${code}"`),
    tombstones: contract.tombstones.map((tombstone) => tombstone.code),
    status: error.status,
    errorClass: error.constructor.name,
    isAuthenticationError: error instanceof AuthenticationError,
    code: error.code,
    deprecatedNotices: notices.map((notice) => `${notice.code}->${notice.replacement}`),
    adapters: [typeof errorsPlugin, typeof errorHandler, typeof onError, typeof agnesErrors],
    unknownCode,
  }),
);
