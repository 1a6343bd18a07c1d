/**
 * One request id per request on Fastify: the factory setups that give Fastify's log lines an id of
 * their own get one warning per instance, and `requestIdHeader` fails registration.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type RawServerDefault } from 'fastify';
import type { Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AgnesError } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL, type CapturedLogs } from './support/logs.ts';

/** An instance that logs through the captured pino logger. */
type LoggingApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Inbound `X-Request-Id` values: a valid one that is kept, none, and an invalid one that is replaced. */
const INBOUND: Array<{ name: string; headers: Record<string, string>; kept?: string }> = [
  { name: 'valid', headers: { 'x-request-id': 'client-abc' }, kept: 'client-abc' },
  { name: 'missing', headers: {} },
  { name: 'invalid', headers: { 'x-request-id': 'has space' } },
];

/** Starts an app with a route that returns `request.id` and one that throws. */
async function start(app: LoggingApp): Promise<string> {
  await app.register(errorsPlugin);
  app.get('/id', async (request) => ({ routeId: request.id }));
  app.get('/thrown', async () => {
    throw new AgnesError('forbidden', { scope: 'policy:delete' });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  closers.push(() => app.close());
  return url;
}

function userIds(): () => string {
  let count = 0;
  return () => `user-${++count}`;
}

function warningsOf(logs: CapturedLogs) {
  return logs.lines().filter((line) => line.level === LEVEL.warn);
}

interface SecondIdCase {
  name: string;
  create: (logs: CapturedLogs) => LoggingApp;
}

const SECOND_ID_CASES: SecondIdCase[] = [
  {
    name: 'genReqId after the spread',
    create: (logs) => Fastify({ loggerInstance: logs.logger, ...errorsServerOptions(), genReqId: userIds() }),
  },
  {
    name: 'setGenReqId',
    create: (logs) => {
      const app = Fastify({ loggerInstance: logs.logger, ...errorsServerOptions() });
      app.setGenReqId(userIds());
      return app;
    },
  },
  { name: 'no errorsServerOptions', create: (logs) => Fastify({ loggerInstance: logs.logger }) },
];

describe('fastify request ids', () => {
  it.each(SECOND_ID_CASES)('warns once for $name', async ({ create }) => {
    const logs = captureLogs();
    const url = await start(create(logs));

    const first = await send(url, 'GET', '/id', { headers: { 'x-request-id': 'client-abc' } });
    await send(url, 'GET', '/id');
    await send(url, 'GET', '/thrown');
    const warnings = warningsOf(logs);

    expect(first.body.routeId).toBe('client-abc');
    expect(first.headers.get('x-request-id')).toBe('client-abc');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.request_id).toBe('client-abc');
    expect(warnings[0]?.reqId).not.toBe('client-abc');
    expect(warnings[0]?.msg).toContain('Spread errorsServerOptions() last');
    expect(warnings[0]?.msg).toContain('pass generateRequestId to createAgnesRenderer()');
  });

  it('warns once per instance', async () => {
    const logs = captureLogs();
    const urls = [await start(Fastify({ loggerInstance: logs.logger })), await start(Fastify({ loggerInstance: logs.logger }))];

    for (const url of urls) {
      await send(url, 'GET', '/id');
      await send(url, 'GET', '/id');
    }

    expect(warningsOf(logs)).toHaveLength(2);
  });

  it('warns through the plugin logger', async () => {
    const pluginLogs = captureLogs();
    const app = Fastify({ genReqId: userIds() });
    await app.register(errorsPlugin, { logger: pluginLogs.logger });
    app.get('/id', async (request) => ({ routeId: request.id }));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => app.close());

    const first = await send(url, 'GET', '/id', { headers: { 'x-request-id': 'client-abc' } });
    await send(url, 'GET', '/id');
    const warnings = pluginLogs.lines().filter((line) => line.msg.includes('Spread errorsServerOptions() last'));

    expect(first.body.routeId).toBe('client-abc');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: LEVEL.error, request_id: 'client-abc', fastify_request_id: 'user-1' });
  });

  it.each(INBOUND)('logs one id for a $name inbound id', async ({ headers, kept }) => {
    const logs = captureLogs();
    const url = await start(Fastify({ loggerInstance: logs.logger, ...errorsServerOptions() }));

    const routed = await send(url, 'GET', '/id', { headers });
    const thrown = await send(url, 'GET', '/thrown', { headers });
    await closers.pop()?.();

    for (const [response, routeId] of [[routed, routed.body.routeId], [thrown, thrown.body.request_id]] as const) {
      const id = response.headers.get('x-request-id');
      const lines = logs.lines().filter((line) => line.reqId === id);

      expect(routeId).toBe(id);
      if (kept !== undefined) expect(id).toBe(kept);
      else expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.map((line) => line.msg)).toContain('request completed');
    }
    const loggedIds = new Set(logs.lines().filter((line) => line.reqId !== undefined).map((line) => line.reqId));
    expect(loggedIds).toEqual(new Set([routed.headers.get('x-request-id'), thrown.headers.get('x-request-id')]));
    expect(warningsOf(logs)).toEqual([]);
  });

  // Fastify 5.12's types allow only a string or false, but its runtime also takes true as 'request-id'.
  it.each<{ option: string | true; header: string }>([
    { option: 'X-Correlation-Id', header: 'x-correlation-id' },
    { option: 'x-request-id', header: 'x-request-id' },
    { option: true, header: 'request-id' },
  ])('fails registration with requestIdHeader $option', async ({ option, header }) => {
    const app = Fastify({ ...errorsServerOptions(), requestIdHeader: option as string });
    closers.push(() => app.close());

    const registered = app.register(errorsPlugin);

    await expect(registered).rejects.toThrow(`the Fastify option requestIdHeader: "${header}"`);
    await expect(app.ready()).rejects.toThrow('Remove requestIdHeader');
  });

  it('registers with requestIdHeader false', async () => {
    const app = Fastify({ ...errorsServerOptions(), requestIdHeader: false });
    closers.push(() => app.close());

    await app.register(errorsPlugin);

    await expect(app.ready()).resolves.toBe(app);
  });
});
