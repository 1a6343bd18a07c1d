/**
 * The `Vary` of Hono envelopes for a thrown value that is not an `Error`, which unwinds through
 * `hono/cors` and skips its `Vary: Origin`. It must match the `Vary` of a thrown `Error` in the same
 * app, for an allowed, a not-allowed and an absent `Origin`.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsMiddleware, notFound, onError } from '../src/hono/index.ts';
import { send } from './support/http.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const ALLOWED = 'https://a.example';

/** Values that the routes throw: an `Error`, which Hono passes to `onError`, and a string, which it does not. */
const THROWN: Record<string, () => unknown> = {
  error: () => new Error('route failed'),
  string: () => 'route failed',
};

/**
 * Starts one app whose path prefixes sit behind different CORS setups. `cors-first` registers
 * `hono/cors` before `errorsMiddleware`, so its cors middleware always runs after the envelope.
 * Under `guarded` a middleware throws before `hono/cors` runs, so neither throw passes through it.
 */
async function startApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const logger = captureLogs().logger;
  const app = new Hono();
  app.use('/cors-first/*', cors({ origin: ALLOWED }));
  app.use(errorsMiddleware({ logger }));
  app.use('/fixed/*', cors({ origin: ALLOWED }));
  app.use('/list/*', cors({ origin: [ALLOWED, 'https://b.example'] }));
  app.use('/function/*', cors({ origin: (origin) => (origin === ALLOWED ? origin : null) }));
  app.use('/any/*', cors());
  app.use('/guarded/*', (c) => {
    throw THROWN[c.req.path.split('/')[2]!]!();
  });
  app.use('/guarded/*', cors({ origin: ALLOWED }));
  app.onError(onError({ logger }));
  app.notFound(notFound({ logger, app }));
  app.get('/cors-first/star', (c) => {
    c.header('Vary', '*');
    throw 'route failed';
  });
  app.get('/:setup/:kind', (c) => {
    throw THROWN[c.req.param('kind')]!();
  });
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started as Server));
  });
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/** Returns the names of a `Vary` header, lowercased and sorted, repeats kept. */
function varyNames(vary: string | null): string[] {
  return (vary ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '').sort();
}

const ORIGINS: Record<string, Record<string, string>> = {
  allowed: { Origin: ALLOWED },
  'not allowed': { Origin: 'https://evil.example' },
  absent: {},
};

describe('hono envelope Vary behind hono/cors', () => {
  let app: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  describe.each<{ setup: string; want: string[] }>([
    { setup: 'fixed', want: ['accept', 'origin'] },
    { setup: 'list', want: ['accept', 'origin'] },
    { setup: 'function', want: ['accept', 'origin'] },
    { setup: 'any', want: ['accept'] },
    { setup: 'none', want: ['accept'] },
    { setup: 'guarded', want: ['accept'] },
  ])('$setup origin', ({ setup, want }) => {
    it.each(Object.keys(ORIGINS))('origin %s gets the same Vary for both throws', async (origin) => {
      const fromError = await send(app.url, 'GET', `/${setup}/error`, { headers: ORIGINS[origin] });
      const fromString = await send(app.url, 'GET', `/${setup}/string`, { headers: ORIGINS[origin] });

      expect(fromError.status).toBe(500);
      expect(fromString.status).toBe(500);
      expect(envelopeSchemaErrors(fromString.body)).toEqual([]);
      expect(varyNames(fromError.headers.get('vary'))).toEqual(want);
      expect(varyNames(fromString.headers.get('vary'))).toEqual(want);
    });
  });

  it.each([
    { path: '/cors-first/error', want: 'Accept, Origin, Origin' },
    { path: '/cors-first/string', want: 'Accept, Origin, Origin' },
    { path: '/cors-first/star', want: '*, Origin' },
  ])('cors-first order gets Vary $want for $path', async ({ path, want }) => {
    const response = await send(app.url, 'GET', path, { headers: ORIGINS.allowed });

    expect(response.status).toBe(500);
    expect(response.headers.get('vary')).toBe(want);
  });
});
