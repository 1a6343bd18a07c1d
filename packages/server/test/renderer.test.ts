import { agnesRegistry } from '@agnes/errors';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AgnesError,
  agnesFailureCodes,
  createAgnesRenderer,
  createErrorClass,
  createErrorRenderer,
  type FailureCodes,
  type FailureFacts,
} from '../src/index.ts';
import { envelopeSchemaErrors } from './support/schema.ts';
import { SHOP_DOCS_BASE_URL, shopFailureCodes, shopRegistry } from './support/synthetic-registry.ts';

const ShopError = createErrorClass(shopRegistry, { name: 'ShopError' });
const renderer = createErrorRenderer({
  registry: shopRegistry,
  codes: shopFailureCodes,
  docsBaseUrl: SHOP_DOCS_BASE_URL,
  generateRequestId: () => 'generated-id',
});
const context = { requestId: 'req-1', method: 'GET', path: '/things/1' };

/** The masked envelope of the synthetic registry for `req-1`. */
const MASKED = {
  detail: 'Something broke on our side.',
  code: 'oops',
  request_id: 'req-1',
  doc_url: `${SHOP_DOCS_BASE_URL}/errors/oops`,
};

describe('renderer with a synthetic registry', () => {
  it('renders a contract error with its status and public params', () => {
    const rendered = renderer.render(new ShopError('out_of_stock', { sku: 'B-7', warehouse: 'north' }), context);

    expect(rendered.status).toBe(409);
    expect(rendered.body).toEqual({
      detail: 'Item B-7 is out of stock.',
      code: 'out_of_stock',
      request_id: 'req-1',
      doc_url: 'https://shop.example.test/docs/errors/out_of_stock',
      sku: 'B-7',
    });
    expect(JSON.parse(rendered.json)).toEqual(rendered.body);
    expect(rendered.headers).toEqual({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-1', vary: 'Accept' });
  });

  it('sends no Vary with the RFC 9457 form off', () => {
    const plain = createErrorRenderer({ registry: shopRegistry, codes: shopFailureCodes, problemDetails: false });
    const rendered = plain.render(new ShopError('out_of_stock', { sku: 'B-7' }), { ...context, accept: 'application/problem+json' });

    expect(rendered.headers).toEqual({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-1' });
  });

  it('sets Retry-After from the retry param', () => {
    const rendered = renderer.render(new ShopError('slow_down', { wait_seconds: 12 }), context);

    expect(rendered.headers['retry-after']).toBe('12');
  });


  it('sets Allow for the method-not-allowed code', () => {
    const rendered = renderer.render(renderer.failure('methodNotAllowed', { allowed_methods: ['GET', 'HEAD'], method: 'PUT', path: '/x' }), context);

    expect(rendered.status).toBe(405);
    expect(rendered.headers.allow).toBe('GET, HEAD');
    expect(rendered.body.code).toBe('wrong_verb');
  });

  it('keeps valid extra headers and drops the others', () => {
    const headers = {
      'WWW-Authenticate': 'Bearer',
      'Bad Name': 'x',
      'X-Injected': 'a\r\nSet-Cookie: b',
      'Content-Type': 'text/html',
      'X-Request-Id': 'forged',
      Vary: 'Cookie',
      'Transfer-Encoding': 'chunked',
      'Content-Encoding': 'gzip',
      'Content-Range': 'bytes 0-1/2',
      Trailer: 'Expires',
      Connection: 'upgrade',
      'Keep-Alive': 'timeout=5',
      'Proxy-Connection': 'close',
      TE: 'trailers',
      Upgrade: 'websocket',
    };
    const rendered = renderer.render(new ShopError('out_of_stock', { sku: 'B-7' }, { headers }), context);

    expect(rendered.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': 'req-1',
      vary: 'Accept',
      'www-authenticate': 'Bearer',
    });
  });

  it.each([
    ['a string', 'ab'],
    ['an array', ['WWW-Authenticate', 'Bearer']],
    ['a Map', new Map([['www-authenticate', 'Bearer']])],
    ['a number', 5],
  ])('drops extra headers given as %s', (_label, headers) => {
    const options = { headers } as unknown as ConstructorParameters<typeof ShopError>[2];
    const rendered = renderer.render(new ShopError('out_of_stock', { sku: 'B-7' }, options), context);

    expect(rendered.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': 'req-1',
      vary: 'Accept',
    });
  });

  it('reads extra headers from a Headers object', () => {
    const headers = new Headers({ 'WWW-Authenticate': 'Bearer', 'Content-Type': 'text/html' });
    const options = { headers } as unknown as ConstructorParameters<typeof ShopError>[2];
    const rendered = renderer.render(new ShopError('out_of_stock', { sku: 'B-7' }, options), context);

    expect(rendered.headers['www-authenticate']).toBe('Bearer');
    expect(rendered.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('renders the RFC 9457 form on request', () => {
    const rendered = renderer.render(new ShopError('out_of_stock', { sku: 'B-7' }), { ...context, accept: 'application/problem+json' });

    expect(rendered.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(rendered.body).toMatchObject({
      code: 'out_of_stock',
      sku: 'B-7',
      type: 'https://shop.example.test/docs/errors/out_of_stock',
      title: 'Shop error',
      status: 409,
      instance: '/things/1',
    });
  });

  it.each([
    { name: 'a string', thrown: 'secret string' },
    { name: 'null', thrown: null },
    { name: 'undefined', thrown: undefined },
    { name: 'a plain object', thrown: { message: 'secret', status: 400 } },
    { name: 'an Error', thrown: new Error('secret message') },
    { name: 'a contract error of another registry', thrown: new AgnesError('forbidden', { scope: 'policy:delete' }) },
    { name: 'a proxy whose traps throw', thrown: new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } }) },
  ])('masks $name as the internal code', ({ thrown }) => {
    const rendered = renderer.render(thrown, context);

    expect(rendered.status).toBe(500);
    expect(rendered.body).toEqual(MASKED);
  });

  it('masks a contract error whose params have a cycle', () => {
    const errors: unknown[] = [];
    errors.push(errors);
    const rendered = renderer.render(new ShopError('invalid_fields', { errors: errors as never }), context);

    expect(rendered.status).toBe(500);
    expect(rendered.body).toEqual(MASKED);
  });

  it('masks a contract error with a BigInt param', () => {
    const rendered = renderer.render(new ShopError('out_of_stock', { sku: 10n as unknown as string }), context);

    expect(rendered.body).toEqual(MASKED);
  });

  it.each(['', 'has space', 'a\r\nb', 'x'.repeat(129), 'é'])('replaces the invalid request id %j', (requestId) => {
    const rendered = renderer.render(new ShopError('oops'), { requestId });

    expect(rendered.body.request_id).toBe('generated-id');
    expect(rendered.headers['x-request-id']).toBe('generated-id');
  });

  it('builds the Web Response of a thrown value', async () => {
    const request = new Request('http://127.0.0.1/things/1?key=secret', {
      headers: { 'x-request-id': 'from-header', accept: 'application/problem+json' },
    });
    const response = renderer.toResponse(new ShopError('slow_down', { wait_seconds: 4 }), request);

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('4');
    expect(response.headers.get('x-request-id')).toBe('from-header');
    expect(await response.json()).toMatchObject({ code: 'slow_down', wait_seconds: 4, request_id: 'from-header', instance: '/things/1' });
  });
});

describe('renderer options', () => {
  it('rejects an invalid docs base URL', () => {
    const create = () => createErrorRenderer({ registry: shopRegistry, codes: shopFailureCodes, docsBaseUrl: 'docs.example.test' });

    expect(create).toThrow('Invalid docs base URL "docs.example.test"');
  });

  it('rejects a failure code outside the registry', () => {
    const codes = { ...shopFailureCodes, routeNotFound: 'gone' } as unknown as FailureCodes<typeof shopRegistry>;

    expect(() => createErrorRenderer({ registry: shopRegistry, codes })).toThrow('Invalid failure code for "routeNotFound": "gone"');
  });

  it('rejects a 4xx internal code', () => {
    const codes = { ...shopFailureCodes, internal: 'unparsable' } as unknown as FailureCodes<typeof shopRegistry>;

    expect(() => createErrorRenderer({ registry: shopRegistry, codes })).toThrow('has status 400');
  });

  it.each([
    { kind: 'headersTooLarge', detail: 'Cannot parse the request: the request headers are too large.' },
    { kind: 'requestTimeout', detail: 'Cannot parse the request: the request was not received in time.' },
  ] as const)('falls back to badRequest for $kind', ({ kind, detail }) => {
    const rendered = renderer.render(renderer.failure(kind, {}), context);

    expect(rendered.status).toBe(400);
    expect(rendered.body).toMatchObject({ code: 'unparsable', detail });
  });

  it('sends serviceUnavailable without a code as internal', () => {
    const rendered = renderer.render(renderer.failure('serviceUnavailable', {}), context);

    expect(rendered.status).toBe(500);
    expect(rendered.body).toEqual(MASKED);
  });

  it('sends the Agnes serviceUnavailable as a 503', () => {
    const agnes = createAgnesRenderer();

    const rendered = agnes.render(agnes.failure('serviceUnavailable', {}), context);

    expect(rendered.status).toBe(503);
    expect(rendered.body).toMatchObject({ code: 'service_unavailable', request_id: 'req-1' });
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
    expect(rendered.headers).not.toHaveProperty('retry-after');
  });

  it('rejects a serviceUnavailable code that is not a 503', () => {
    const create = () => createErrorRenderer({ registry: shopRegistry, codes: { ...shopFailureCodes, serviceUnavailable: 'oops' } });

    expect(create).toThrow('Invalid failure code for "serviceUnavailable": "oops" has status 500');
  });

  it('types the serviceUnavailable code as optional', () => {
    expectTypeOf(shopFailureCodes).toExtend<FailureCodes<typeof shopRegistry>>();
    expectTypeOf<FailureFacts['serviceUnavailable']>().toEqualTypeOf<{}>();
    expectTypeOf(agnesFailureCodes.serviceUnavailable).toEqualTypeOf<'service_unavailable'>();
    const codes = () => {
      // @ts-expect-error out_of_stock needs `sku`, which a closing server does not know
      const wrong: FailureCodes<typeof shopRegistry> = { ...shopFailureCodes, serviceUnavailable: 'out_of_stock' };
      return wrong;
    };

    expect(codes).toBeTypeOf('function');
  });

  it('rejects a missing required code', () => {
    const { badRequest: _left, ...codes } = shopFailureCodes;

    const create = () => createErrorRenderer({ registry: shopRegistry, codes: codes as unknown as FailureCodes<typeof shopRegistry> });
    expect(create).toThrow('Missing failure code for "badRequest"');
  });

  it('rejects an unknown failure kind', () => {
    const codes = { ...shopFailureCodes, notFound: 'no_route' } as unknown as FailureCodes<typeof shopRegistry>;

    expect(() => createErrorRenderer({ registry: shopRegistry, codes })).toThrow('Invalid failure kind "notFound" in codes');
  });

  it('types failure codes by the facts they need', () => {
    const codes = () => {
      // @ts-expect-error out_of_stock needs `sku`, which no route-not-found fact provides
      const wrong: FailureCodes<typeof shopRegistry> = { ...shopFailureCodes, routeNotFound: 'out_of_stock' };
      return wrong;
    };

    expect(codes).toBeTypeOf('function');
  });

  it('sends each renderer’s doc_url when two alternate', () => {
    const mirror = createErrorRenderer({ registry: shopRegistry, codes: shopFailureCodes, docsBaseUrl: 'https://mirror.example.test' });
    const error = new ShopError('out_of_stock', { sku: 'B-7' });
    const docUrls = [renderer, mirror, renderer, mirror].map((each) => each.render(error, context).body.doc_url);

    expect(docUrls).toEqual([
      `${SHOP_DOCS_BASE_URL}/errors/out_of_stock`,
      'https://mirror.example.test/errors/out_of_stock',
      `${SHOP_DOCS_BASE_URL}/errors/out_of_stock`,
      'https://mirror.example.test/errors/out_of_stock',
    ]);
  });

  it('uses the default docs base URL', () => {
    const agnes = createErrorRenderer({ registry: agnesRegistry, codes: { ...shopFailureCodesOfAgnes } });

    expect(agnes.render(new Error('x'), context).body.doc_url).toBe('https://docs.lasscyber.com/errors/internal_error');
  });
});

describe('schema check', () => {
  it('rejects an envelope with a member that its code does not declare', () => {
    const body = { detail: 'd', code: 'forbidden', request_id: 'r', doc_url: 'https://docs.lasscyber.com/errors/forbidden', scope: 'x' };

    expect(envelopeSchemaErrors(body)).not.toEqual([]);
  });
});

const shopFailureCodesOfAgnes = {
  internal: 'internal_error',
  badRequest: 'bad_request',
  malformedJson: 'malformed_json',
  routeNotFound: 'route_not_found',
  methodNotAllowed: 'method_not_allowed',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  validationFailed: 'validation_failed',
} as const;

describe('renderer headers from params', () => {
  it('masks an error whose Allow header would be invalid', () => {
    const rendered = renderer.render(renderer.failure('methodNotAllowed', { allowed_methods: ['GET\r\nX-Injected: 1'], method: 'PUT', path: '/x' }), context);

    expect(rendered.status).toBe(500);
    expect(rendered.body).toEqual(MASKED);
    expect(rendered.headers).not.toHaveProperty('allow');
  });
});
