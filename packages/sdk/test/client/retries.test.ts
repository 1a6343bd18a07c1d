import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Agnes,
  type AgnesOptions,
  APIConnectionError,
  BadGatewayError,
  PermissionError,
  RateLimitError,
  RetryBudget,
  ServiceUnavailableError,
} from '../../src/index.ts';
import { driveRetries, useFakeClock } from '../support/drive.ts';
import { recordingLogger, type RecordingLogger } from '../support/logger.ts';
import { jsonReply, startScriptedServer, type ScriptedReply, type ScriptedServer } from '../support/server.ts';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const UNAVAILABLE: ScriptedReply = jsonReply(503, { detail: 'Down for a moment.', code: 'service_unavailable', request_id: 'req_503', doc_url: 'https://docs.lasscyber.com/errors/service_unavailable' });
const OK: ScriptedReply = jsonReply(200, { ok: true });

async function setup(replies: ScriptedReply[], options: Partial<AgnesOptions> = {}): Promise<{ agnes: Agnes; server: ScriptedServer; logger: RecordingLogger }> {
  useFakeClock();
  const server = await startScriptedServer(replies);
  servers.push(server);
  const logger = recordingLogger();
  return { agnes: new Agnes({ baseURL: server.url, logger, ...options }), server, logger };
}

describe('retries', () => {
  it('retries a retryable code and resolves', async () => {
    const { agnes, server, logger } = await setup([UNAVAILABLE, OK]);
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.value).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(result.delays[0]).toBeGreaterThanOrEqual(500);
    expect(result.delays[0]).toBeLessThanOrEqual(1000);
  });

  it('sends a 403 exactly once', async () => {
    const { agnes, server, logger } = await setup([jsonReply(403, { detail: 'no', code: 'forbidden', request_id: 'r', doc_url: 'https://d/errors/forbidden' }), OK]);
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.error).toBeInstanceOf(PermissionError);
    expect(server.requests).toHaveLength(1);
    expect(logger.entries).toEqual([]);
  });

  it('stops after maxRetries and surfaces the last error', async () => {
    const { agnes, server, logger } = await setup([{ status: 502, headers: { 'content-type': 'text/html' }, body: '<title>502 Bad Gateway</title>' }]);
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.error).toBeInstanceOf(BadGatewayError);
    expect(server.requests).toHaveLength(3);
    expect(result.delays).toHaveLength(2);
    expect(result.delays[1]).toBeGreaterThanOrEqual(1000);
    expect(result.delays[1]).toBeLessThanOrEqual(2000);
    expect(logger.entries.at(-1)).toMatchObject({ message: 'Not retrying request', fields: { attempt: 3, reason: 'no retry left (maxRetries is 2)' } });
  });

  it('sends one attempt with maxRetries 0', async () => {
    const { agnes, server, logger } = await setup([UNAVAILABLE, OK], { maxRetries: 0 });
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.error).toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests).toHaveLength(1);
  });

  it.each(['POST', 'PATCH', 'DELETE'])('sends a %s without idempotency key once', async (method) => {
    const { agnes, server, logger } = await setup([UNAVAILABLE, OK]);
    const result = await driveRetries(agnes.request({ method, path: '/v1/x', body: {} }), logger);
    expect(result.error).toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests).toHaveLength(1);
    expect(logger.entries[0]?.fields.reason).toBe(`${method} is retried only with an idempotency key`);
  });

  it('sends the same idempotency key on every attempt', async () => {
    const { agnes, server, logger } = await setup([UNAVAILABLE, UNAVAILABLE, OK]);
    const result = await driveRetries(agnes.request({ method: 'POST', path: '/v1/x', body: { a: 1 }, idempotencyKey: 'key-1' }), logger);
    expect(result.value).toEqual({ ok: true });
    expect(server.requests.map((request) => request.headers['idempotency-key'])).toEqual(['key-1', 'key-1', 'key-1']);
    expect(server.requests.map((request) => request.body)).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });

  it('generates one key for the whole call with idempotencyKey true', async () => {
    const { agnes, server, logger } = await setup([UNAVAILABLE, OK]);
    await driveRetries(agnes.request({ method: 'POST', path: '/v1/x', idempotencyKey: true }), logger);
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('generates a new key for each call', async () => {
    const { agnes, server } = await setup([OK]);
    await agnes.request({ method: 'POST', path: '/v1/x', idempotencyKey: true });
    await agnes.request({ method: 'POST', path: '/v1/x', idempotencyKey: true });
    expect(server.requests[0]?.headers['idempotency-key']).not.toBe(server.requests[1]?.headers['idempotency-key']);
  });

  it('counts an Idempotency-Key header as a key', async () => {
    const { agnes, server, logger } = await setup([UNAVAILABLE, OK]);
    const result = await driveRetries(agnes.request({ method: 'DELETE', path: '/v1/x', headers: { 'Idempotency-Key': 'from-header' } }), logger);
    expect(result.value).toEqual({ ok: true });
    expect(server.requests.map((request) => request.headers['idempotency-key'])).toEqual(['from-header', 'from-header']);
  });

  it('retries a dropped connection of a GET', async () => {
    const { agnes, server, logger } = await setup([{ drop: true }, OK]);
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.value).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(logger.entries[0]?.fields.error).toBe('APIConnectionError');
  });

  it('does not retry a dropped connection of a POST without key', async () => {
    const { agnes, server, logger } = await setup([{ drop: true }, OK]);
    const result = await driveRetries(agnes.request({ method: 'POST', path: '/v1/x' }), logger);
    expect(result.error).toBeInstanceOf(APIConnectionError);
    expect((result.error as APIConnectionError).cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it('raises APIConnectionError for a refused connection after the retries', async () => {
    const closed = await startScriptedServer([OK]);
    await closed.close();
    useFakeClock();
    const logger = recordingLogger();
    const agnes = new Agnes({ baseURL: closed.url, logger });
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.error).toBeInstanceOf(APIConnectionError);
    expect((result.error as Error).message).toContain('ECONNREFUSED');
    expect(result.delays).toHaveLength(2);
  });

  it('waits exactly the Retry-After seconds', async () => {
    const { agnes, server, logger } = await setup([{ ...UNAVAILABLE, headers: { 'content-type': 'application/json', 'retry-after': '2' } } as ScriptedReply, OK]);
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.delays).toEqual([2000]);
    expect(server.requests[1]!.receivedAt - server.requests[0]!.receivedAt).toBe(2000);
  });

  it('surfaces a hint above the cap at once', async () => {
    const { agnes, server, logger } = await setup([jsonReply(429, { detail: 'slow', code: 'rate_limited', request_id: 'r', doc_url: 'https://d', retry_after: 120 }, { 'retry-after': '120' }), OK]);
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
    expect(logger.entries[0]?.fields.reason).toBe('the server hint of 120000 ms exceeds maxRetryAfter (60000 ms)');
  });

  it('ignores a logger that throws', async () => {
    // The logger records each entry before it throws, so that driveRetries sees each retry delay.
    const recorder = recordingLogger();
    const logger = {
      debug(fields: Record<string, unknown>, message: string) {
        recorder.debug(fields, message);
        throw new Error('log sink is down');
      },
    };
    const { agnes, server } = await setup([UNAVAILABLE, OK], { logger, maxRetries: 1 });
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), recorder);
    expect(recorder.entries.map((entry) => entry.message)).toEqual(['Retrying request']);
    expect(result.value).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it('ignores a logger without debug', async () => {
    const logger = {} as AgnesOptions['logger'];
    const { agnes, server } = await setup([UNAVAILABLE], { logger, maxRetries: 0 });
    const error = await agnes.request({ path: '/v1/x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests).toHaveLength(1);
  });

  it('throws the API error despite a throwing logger', async () => {
    const logger = {
      debug() {
        throw new Error('log sink is down');
      },
    };
    const { agnes, server } = await setup([UNAVAILABLE], { logger, maxRetries: 0 });
    const error = await agnes.request({ path: '/v1/x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests).toHaveLength(1);
  });

  it('applies a lower maxRetryAfter', async () => {
    const { agnes, server, logger } = await setup([{ status: 503, headers: { 'retry-after': '5' } }, OK], { maxRetryAfter: 1000 });
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.error).toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests).toHaveLength(1);
  });

  it('does not start a retry that would end after the timeout', async () => {
    const { agnes, server, logger } = await setup([{ status: 503, headers: { 'retry-after': '30' } }, OK], { timeout: 10_000 });
    const result = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(result.error).toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests).toHaveLength(1);
    expect(logger.entries[0]).toMatchObject({ message: 'Not retrying request', fields: { reason: "the delay would pass the call's timeout" } });
  });

  it('logs each retry with the attempt, delay and request id', async () => {
    const { agnes, logger } = await setup([UNAVAILABLE, OK]);
    await driveRetries(agnes.request({ path: '/v1/policies' }), logger);
    expect(logger.entries).toHaveLength(1);
    const [entry] = logger.entries;
    expect(entry?.message).toBe('Retrying request');
    expect(entry?.fields).toMatchObject({ attempt: 1, method: 'GET', path: '/v1/policies', status: 503, code: 'service_unavailable', requestId: 'req_503', reason: 'backoff' });
    expect(entry?.fields.delayMs).toEqual(expect.any(Number));
  });

  it('logs the path without its query string', async () => {
    const { agnes, logger } = await setup([UNAVAILABLE, OK]);
    await driveRetries(agnes.request({ path: '/v1/policies?token=secret_token_1&limit=5' }), logger);
    const [entry] = logger.entries;

    expect(entry?.fields.path).toBe('/v1/policies');
    expect(JSON.stringify(entry)).not.toContain('secret_token_1');
  });
});

describe('retry budget', () => {
  it('stops retries across clients that share an empty budget', async () => {
    const budget = new RetryBudget({ capacity: 5, retryCost: 5 });
    const { agnes, server, logger } = await setup([UNAVAILABLE], { retryBudget: budget });
    const other = new Agnes({ baseURL: server.url, logger, retryBudget: budget });

    const first = await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(first.error).toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests).toHaveLength(2);
    expect(budget.available).toBe(0);

    const second = await driveRetries(other.request({ path: '/v1/x' }), logger);
    expect(second.error).toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests).toHaveLength(3);
    expect(logger.entries.at(-1)).toMatchObject({ message: 'Not retrying request', fields: { reason: 'the retry budget is empty' } });
  });

  it('refunds the retry cost when the retry succeeds', async () => {
    const budget = new RetryBudget({ capacity: 10, retryCost: 5 });
    const { agnes, logger } = await setup([UNAVAILABLE, OK], { retryBudget: budget });
    await driveRetries(agnes.request({ path: '/v1/x' }), logger);
    expect(budget.available).toBe(10);
  });

  it('gives each client its own budget by default', async () => {
    const { agnes, server } = await setup([OK]);
    const other = new Agnes({ baseURL: server.url });
    expect(agnes.retryBudget).not.toBe(other.retryBudget);
    expect(agnes.retryBudget.available).toBe(500);
  });
});
