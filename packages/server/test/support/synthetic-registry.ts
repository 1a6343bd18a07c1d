/**
 * A small registry unlike the Agnes catalog: other code names, another retry param and a docs
 * base URL of its own. Tests use it to show that the server package works for any registry.
 */
import { defineError, defineRegistry } from '@agnes/errors';
import type { FailureCodes } from '../../src/index.ts';

const docs = {
  title: 'Shop error',
  summary: 'a failure of the shop API',
  when: 'The shop API could not complete the request.',
  causes: ['A test made it happen.'],
  fix: ['Change the request.'],
  related: [],
  since: '1.0.0',
} as const;
const notRetryable = { retryable: false, advice: 'change the request' } as const;

const shopErrors = {
  oops: defineError()({ ...docs, status: 500, retry: { retryable: true, advice: 'retry later' }, detail: 'Something broke on our side.', params: {}, example: {} }),
  unparsable: defineError<{ reason: string }>()({ ...docs, status: 400, retry: notRetryable, detail: 'Cannot parse the request: {reason}.', params: { reason: 'detail' }, example: { reason: 'bad bytes' } }),
  bad_json: defineError<{ reason: string }>()({ ...docs, status: 400, retry: notRetryable, detail: 'Bad JSON: {reason}.', params: { reason: 'detail' }, example: { reason: 'unexpected end of input' } }),
  no_route: defineError<{ method: string; path: string }>()({ ...docs, status: 404, retry: notRetryable, detail: 'Nothing at {method} {path}.', params: { method: 'detail', path: 'detail' }, example: { method: 'GET', path: '/x' } }),
  wrong_verb: defineError<{ allowed_methods: string[]; method: string; path: string }>()({
    ...docs, status: 405, retry: notRetryable, detail: '{method} is not allowed on {path}.',
    params: { allowed_methods: 'public', method: 'detail', path: 'detail' }, example: { allowed_methods: ['GET'], method: 'PUT', path: '/x' },
  }),
  too_big: defineError<{ max_bytes: number }>()({ ...docs, status: 413, retry: notRetryable, detail: 'Body above {max_bytes} bytes.', params: { max_bytes: 'public' }, example: { max_bytes: 10 } }),
  bad_type: defineError<{ supported_media_types: string[]; content_type: string }>()({
    ...docs, status: 415, retry: notRetryable, detail: 'Cannot read {content_type}.',
    params: { supported_media_types: 'public', content_type: 'detail' }, example: { supported_media_types: ['application/json'], content_type: 'text/csv' },
  }),
  invalid_fields: defineError<{ errors: { pointer: string; code: string; detail: string }[] }>()({
    ...docs, status: 422, retry: notRetryable, detail: 'Some fields are invalid.', params: { errors: 'public' },
    example: { errors: [{ pointer: '/a', code: 'required', detail: 'a is required.' }] },
  }),
  slow_down: defineError<{ wait_seconds: number }>()({
    ...docs, status: 429, retry: { retryable: true, advice: 'wait', afterParam: 'wait_seconds' }, detail: 'Slow down for {wait_seconds} s.',
    params: { wait_seconds: 'public' }, example: { wait_seconds: 5 },
  }),
  out_of_stock: defineError<{ sku: string; warehouse?: string }>()({
    ...docs, status: 409, retry: notRetryable, detail: 'Item {sku} is out of stock.', params: { sku: 'public', warehouse: 'internal' }, example: { sku: 'A-1' },
  }),
};

export const shopRegistry = defineRegistry({
  version: '1.0.0',
  domains: [shopErrors],
  families: {
    400: { typescript: 'BadRequest', python: 'BadRequest' },
    404: { typescript: 'NotFound', python: 'NotFound' },
    405: { typescript: 'WrongMethod', python: 'WrongMethod' },
    409: { typescript: 'Conflict', python: 'Conflict' },
    413: { typescript: 'TooLarge', python: 'TooLarge' },
    415: { typescript: 'BadMediaType', python: 'BadMediaType' },
    422: { typescript: 'Invalid', python: 'Invalid' },
    429: { typescript: 'SlowDown', python: 'SlowDown' },
    500: { typescript: 'ServerFault', python: 'ServerFault' },
  },
});

export const shopFailureCodes = {
  internal: 'oops',
  badRequest: 'unparsable',
  malformedJson: 'bad_json',
  routeNotFound: 'no_route',
  methodNotAllowed: 'wrong_verb',
  payloadTooLarge: 'too_big',
  unsupportedMediaType: 'bad_type',
  validationFailed: 'invalid_fields',
} as const satisfies FailureCodes<typeof shopRegistry>;

export const SHOP_DOCS_BASE_URL = 'https://shop.example.test/docs';
