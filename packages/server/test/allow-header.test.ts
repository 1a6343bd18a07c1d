/**
 * The `allowed_methods` param of the method-not-allowed code becomes the `Allow` header, so each
 * item must be an HTTP method token. An error that breaks the rule is a bug in the code that threw
 * it: it is sent as the masked 500 and logged with the param, the value and the rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inMethodOrder } from '../src/allow-header.ts';
import { AgnesError, createAgnesRenderer, createErrorClass, createErrorRenderer } from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL, type LogLine } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';
import { shopFailureCodes, shopRegistry } from './support/synthetic-registry.ts';

const context = { requestId: 'req-allow', method: 'PUT', path: '/v1/policies' };
const TOKEN_RULE = 'each item must be an HTTP method token of RFC 9110';

interface InvalidCase {
  name: string;
  allowedMethods: unknown;
  /** The invalid value as the log line shows it. */
  loggedValue: string;
}

const INVALID: InvalidCase[] = [
  { name: 'empty method', allowedMethods: [''], loggedValue: 'got "" at index 0' },
  { name: 'line break', allowedMethods: ['GET\r\nX: y'], loggedValue: 'got "GET\\r\\nX: y" at index 0' },
  { name: 'non-ASCII letter', allowedMethods: ['GÉT'], loggedValue: 'got "GÉT" at index 0' },
  { name: 'trailing space', allowedMethods: ['GET', 'POST '], loggedValue: 'got "POST " at index 1' },
  { name: 'two methods in one item', allowedMethods: ['GET, POST'], loggedValue: 'got "GET, POST" at index 0' },
  { name: 'number item', allowedMethods: [405], loggedValue: 'got 405 at index 0' },
  { name: 'null item', allowedMethods: ['GET', null], loggedValue: 'got null at index 1' },
  { name: 'long item', allowedMethods: ['É'.repeat(100)], loggedValue: `got "${'É'.repeat(40)}…" at index 0` },
  { name: 'string instead of array', allowedMethods: 'GET', loggedValue: 'got "GET"; expected an array' },
];

function methodNotAllowed(allowedMethods: unknown): AgnesError<'method_not_allowed'> {
  return new AgnesError('method_not_allowed', { allowed_methods: allowedMethods as string[], method: 'PUT', path: '/v1/policies' });
}

/** Checks that a log line is the error line of a masked 500 that names the param, the value and the rule. */
function expectInvalidParamLine(line: LogLine | undefined, loggedValue: string): void {
  expect(line?.level).toBe(LEVEL.error);
  const message = (line?.err as { message?: string } | undefined)?.message ?? '';
  expect(message).toContain('Invalid public param "allowed_methods" of method_not_allowed');
  expect(message).toContain(loggedValue);
  if (!loggedValue.includes('expected an array')) expect(message).toContain(TOKEN_RULE);
}

describe('order of allowed methods', () => {
  it.each([
    { given: ['POST', 'HEAD', 'GET'], ordered: ['GET', 'HEAD', 'POST'] },
    { given: ['PROPFIND', 'DELETE', 'MKCOL', 'GET'], ordered: ['GET', 'DELETE', 'MKCOL', 'PROPFIND'] },
    { given: ['OPTIONS', 'PATCH', 'PUT'], ordered: ['PUT', 'PATCH', 'OPTIONS'] },
    { given: [], ordered: [] },
  ])('orders $given', ({ given, ordered }) => {
    expect(inMethodOrder(given)).toEqual(ordered);
  });
});

describe('allowed_methods checks', () => {
  it.each(INVALID)('masks $name as a logged 500', ({ allowedMethods, loggedValue }) => {
    const logs = captureLogs();

    const rendered = createAgnesRenderer().render(methodNotAllowed(allowedMethods), { ...context, logger: logs.logger });

    expect(rendered.status).toBe(500);
    expect(rendered.body.code).toBe('internal_error');
    expect(rendered.headers).not.toHaveProperty('allow');
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
    const [line] = logs.lines();
    expect(line?.request_id).toBe('req-allow');
    expectInvalidParamLine(line, loggedValue);
  });

  it.each([
    { name: 'GET and HEAD', allowedMethods: ['GET', 'HEAD'], allow: 'GET, HEAD' },
    { name: 'extension methods', allowedMethods: ['PROPFIND', 'M-SEARCH'], allow: 'PROPFIND, M-SEARCH' },
    { name: 'every tchar', allowedMethods: ["!#$%&'*+-.^_`|~09az"], allow: "!#$%&'*+-.^_`|~09az" },
  ])('sends $name as the Allow header', ({ allowedMethods, allow }) => {
    const rendered = createAgnesRenderer().render(methodNotAllowed(allowedMethods), context);

    expect(rendered.status).toBe(405);
    expect(rendered.headers.allow).toBe(allow);
    expect((rendered.body as { allowed_methods?: unknown }).allowed_methods).toEqual(allowedMethods);
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
  });

  it('checks the method-not-allowed code of any registry', () => {
    const ShopError = createErrorClass(shopRegistry);
    const renderer = createErrorRenderer({ registry: shopRegistry, codes: shopFailureCodes });
    const logs = captureLogs();

    const rendered = renderer.render(new ShopError('wrong_verb', { allowed_methods: ['GET\r\nX: y'], method: 'PUT', path: '/x' }), {
      ...context,
      logger: logs.logger,
    });

    expect(rendered.status).toBe(500);
    expect(rendered.body.code).toBe('oops');
    expect(rendered.headers).not.toHaveProperty('allow');
    expect(JSON.stringify(logs.lines()[0])).toContain(TOKEN_RULE);
  });

  it('sends an empty list as an empty Allow without a schema', () => {
    const ShopError = createErrorClass(shopRegistry);
    const renderer = createErrorRenderer({ registry: shopRegistry, codes: shopFailureCodes });

    const rendered = renderer.render(new ShopError('wrong_verb', { allowed_methods: [], method: 'PUT', path: '/x' }), context);

    // RFC 9110 allows an empty Allow: the resource allows no methods at the moment.
    expect(rendered.status).toBe(405);
    expect(rendered.headers.allow).toBe('');
  });
});

describe.each(APP_KINDS)('%s adapter with an invalid allowed_methods', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();

  beforeAll(async () => {
    const byCase = new Map(INVALID.map((invalid) => [invalid.name, invalid.allowedMethods]));
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: (name) => methodNotAllowed(byCase.get(name)) });
  });
  afterAll(() => app.close());

  it.each(INVALID.slice(0, 3))('sends $name as a masked 500 without Allow', async ({ name, loggedValue }) => {
    const response = await send(app.url, 'GET', '/throw', { headers: { 'x-case': name } });

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect(response.headers.get('allow')).toBeNull();
    expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
    const lines = logs.lines().filter((line) => line.request_id === response.body.request_id);
    expect(lines).toHaveLength(1);
    expectInvalidParamLine(lines[0], loggedValue);
  });
});
