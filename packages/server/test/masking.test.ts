/**
 * A path with invalid percent-encoding gets a 400, and an unknown error gets a 500 that shows
 * nothing of the error, whatever NODE_ENV is. The full error is logged with the request id, also
 * when it comes from another realm, such as a `node:vm` context, where `instanceof Error` is false.
 */
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { maskedEnvelopeOf } from './support/envelopes.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const ENVIRONMENTS = [undefined, 'staging', 'production'];

/** Fragments of the thrown error that must never reach a response body. */
const LEAKS = ['ECONNREFUSED', '10.0.3.7', '5432', '/srv/agnes', 'masking.test', 'node_modules', 'stack', 'cause', 'Error'];

function databaseFailure(): Error {
  const cause = new Error('socket closed while reading /srv/agnes/db/pool.ts');
  return new Error('connect ECONNREFUSED 10.0.3.7:5432', { cause });
}

describe.each(APP_KINDS)('%s adapter masking', (kind) => {
  describe.each(ENVIRONMENTS)('with NODE_ENV %s', (environment) => {
    let app: RunningApp;
    const logs = captureLogs();
    const previous = process.env.NODE_ENV;

    beforeAll(async () => {
      if (environment === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = environment;
      app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: databaseFailure });
    });
    afterAll(async () => {
      await app.close();
      process.env.NODE_ENV = previous;
    });

    it('answers a bad percent-encoding with 400', async () => {
      const response = await send(app.url, 'GET', '/%85');

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('bad_request');
      expect(envelopeSchemaErrors(response.body)).toEqual([]);
    });

    it('masks an unknown error as internal_error', async () => {
      const response = await send(app.url, 'GET', '/throw');

      expect(response.status).toBe(500);
      expect(response.body).toEqual(maskedEnvelopeOf(response.headers.get('x-request-id')));
      // The random request id can contain digits such as 5432, so it is left out of the search.
      const withoutRequestId = response.text.replace(String(response.body.request_id), '');
      for (const leak of LEAKS) expect(withoutRequestId).not.toContain(leak);
    });

    it('logs the full error with the request id', async () => {
      const response = await send(app.url, 'GET', '/throw');
      const line = logs.lines().find((entry) => entry.request_id === response.body.request_id);
      const err = line?.err as { message: string; stack: string } | undefined;

      expect(line?.level).toBe(LEVEL.error);
      expect(line?.code).toBe('internal_error');
      expect(err?.message).toContain('connect ECONNREFUSED 10.0.3.7:5432');
      expect(err?.stack).toContain('masking.test');
      expect(err?.stack).toContain('socket closed while reading /srv/agnes/db/pool.ts');
    });
  });
});

describe.each(APP_KINDS)('%s adapter with an error from another realm', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();
  const thrown = () => runInNewContext('new Error("vm realm: connect ECONNREFUSED 10.0.3.7:5432")') as unknown;

  beforeAll(async () => {
    app = await startApp(kind, { renderer: createAgnesRenderer(), logger: logs.logger, valueFor: thrown });
  });
  afterAll(() => app.close());

  it('logs its message and stack', async () => {
    const response = await send(app.url, 'GET', '/throw');
    const line = logs.lines().find((entry) => entry.request_id === response.body.request_id);
    const err = line?.err as { message?: string; stack?: string } | undefined;

    expect(thrown() instanceof Error).toBe(false);
    expect(response.body).toEqual(maskedEnvelopeOf(response.headers.get('x-request-id')));
    expect(line?.thrown).toBeUndefined();
    expect(err?.message).toBe('vm realm: connect ECONNREFUSED 10.0.3.7:5432');
    expect(err?.stack).toContain('vm realm: connect ECONNREFUSED');
  });
});
