/**
 * The retry rules that the SDK sentence states, held against what both Agnes SDKs do.
 * A real server on 127.0.0.1 sends 503 `service_unavailable`; each SDK calls it with its
 * default settings. A retry is seen in the SDK's own delay step, which the test stops,
 * so no test waits for a delay.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { agnesRegistry, buildEnvelope } from '@agnes/errors';
import { Agnes, APIError } from '@agnes/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS_RETRIED_ONLY_WITH_KEY, SDK_RETRY_AFTER_LIMIT_SECONDS } from '../src/retry-sentence.ts';

/** One call: the method, the `Retry-After` seconds that the server sends, and whether the call has an idempotency key. */
interface RetryCase {
  name: string;
  method: string;
  retryAfter?: number;
  idempotencyKey?: boolean;
}

/** What an SDK did after the first 503: retry after a delay in seconds, or raise the error. */
type Outcome = { retried: true; delaySeconds: number } | { retried: false; status: number };

const LIMIT = SDK_RETRY_AFTER_LIMIT_SECONDS;

const cases: { call: RetryCase; want: 'retry after the hint' | 'retry with backoff' | 'raise' }[] = [
  { call: { name: 'hint under the limit', method: 'GET', retryAfter: LIMIT - 1 }, want: 'retry after the hint' },
  { call: { name: 'hint at the limit', method: 'GET', retryAfter: LIMIT }, want: 'raise' },
  { call: { name: 'hint over the limit', method: 'GET', retryAfter: LIMIT * 2 }, want: 'raise' },
  { call: { name: 'no hint', method: 'GET' }, want: 'retry with backoff' },
  { call: { name: 'PUT without key', method: 'PUT' }, want: 'retry with backoff' },
  ...METHODS_RETRIED_ONLY_WITH_KEY.flatMap((method) => [
    { call: { name: `${method} without key`, method }, want: 'raise' as const },
    { call: { name: `${method} with key`, method, idempotencyKey: true }, want: 'retry with backoff' as const },
  ]),
];

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const retryAfter = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('retry_after');
    const params = retryAfter === null ? {} : { retry_after: Number(retryAfter) };
    const envelope = buildEnvelope(agnesRegistry, 'service_unavailable', params, { requestId: 'req_retry_rules' });
    response.writeHead(503, {
      'content-type': 'application/json',
      'x-request-id': 'req_retry_rules',
      ...(retryAfter === null ? {} : { 'retry-after': retryAfter }),
    });
    response.end(JSON.stringify(envelope));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function pathOf(call: RetryCase): string {
  return call.retryAfter === undefined ? '/v1/policies' : `/v1/policies?retry_after=${call.retryAfter}`;
}

async function typescriptOutcome(call: RetryCase): Promise<Outcome> {
  const controller = new AbortController();
  let delayMs: number | undefined;
  const agnes = new Agnes({
    baseURL: origin,
    logger: {
      debug(fields, message) {
        if (message !== 'Retrying request') return;
        // The client logs the retry just before its delay; aborting here ends the call without waiting.
        delayMs = fields['delayMs'] as number;
        controller.abort();
      },
    },
  });
  try {
    await agnes.request({ method: call.method, path: pathOf(call), idempotencyKey: call.idempotencyKey ? 'key-1' : undefined, signal: controller.signal });
  } catch (error) {
    if (delayMs !== undefined) return { retried: true, delaySeconds: delayMs / 1000 };
    if (error instanceof APIError) return { retried: false, status: error.status };
    throw error;
  }
  throw new Error(`${call.name}: the TypeScript SDK returned a 503 as a success`);
}

const PYTHON_RUNNER = `
import json, sys
import agnes

class StopBeforeDelay(Exception):
    pass

def outcome(origin, call):
    delays = []
    def sleep(seconds):
        delays.append(seconds)
        raise StopBeforeDelay()
    client = agnes.Client(base_url=origin, sleep=sleep)
    try:
        client.request(call["method"], call["path"], idempotency_key="key-1" if call.get("idempotencyKey") else None)
    except StopBeforeDelay:
        return {"retried": True, "delaySeconds": delays[0]}
    except agnes.APIError as error:
        return {"retried": False, "status": error.status}
    raise AssertionError(call["name"] + ": the Python SDK returned a 503 as a success")

print(json.dumps([outcome(sys.argv[1], call) for call in json.loads(sys.argv[2])]))
`;

async function pythonOutcomes(calls: readonly RetryCase[]): Promise<Outcome[]> {
  const require = createRequire(import.meta.url);
  const sourceDir = join(dirname(require.resolve('@agnes/sdk-python/package.json')), 'src');
  const input = JSON.stringify(calls.map((call) => ({ ...call, path: pathOf(call) })));
  // Asynchronous, because the server that Python calls runs in this process.
  const { stdout } = await promisify(execFile)('python3', ['-c', PYTHON_RUNNER, origin, input], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: sourceDir, PYTHONDONTWRITEBYTECODE: '1' },
    timeout: 30_000,
  });
  return JSON.parse(stdout) as Outcome[];
}

function expectOutcome(outcome: Outcome | undefined, call: RetryCase, want: (typeof cases)[number]['want']): void {
  if (want === 'raise') {
    expect(outcome).toEqual({ retried: false, status: 503 });
  } else if (want === 'retry after the hint') {
    expect(outcome).toEqual({ retried: true, delaySeconds: call.retryAfter });
  } else {
    // Without a hint, the first retry waits between half the base delay of 1 s and the base.
    expect(outcome?.retried).toBe(true);
    expect(outcome).toMatchObject({ delaySeconds: expect.any(Number) });
    const delay = (outcome as { delaySeconds: number }).delaySeconds;
    expect(delay).toBeGreaterThanOrEqual(0.5);
    expect(delay).toBeLessThanOrEqual(1);
  }
}

describe('TypeScript SDK retry rules', () => {
  it.each(cases)('$call.name: $want', async ({ call, want }) => {
    expectOutcome(await typescriptOutcome(call), call, want);
  });
});

describe('Python SDK retry rules', () => {
  let outcomes: Outcome[] = [];
  beforeAll(async () => {
    outcomes = await pythonOutcomes(cases.map(({ call }) => call));
  });

  it.each(cases.map((item, index) => ({ ...item, index })))('$call.name: $want', ({ call, want, index }) => {
    expectOutcome(outcomes[index], call, want);
  });
});
