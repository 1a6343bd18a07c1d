/** Runs both shared vector files through `errorFromResponse` and the retry decision. */
import { describe, expect, it } from 'vitest';
import * as sdk from '../src/index.ts';
import { decideRetry } from '../src/retry/decide.ts';
import { loadVectorFile, responseOf, type Vector, type VectorFile, type VectorRequest } from './support/vectors.ts';

const FILES = ['vectors.generated.json', 'vectors.hostile.json'] as const;

const CLASSES = sdk as unknown as Record<string, abstract new (...args: never[]) => unknown>;

async function check(vector: Vector, defaults: VectorRequest): Promise<void> {
  const error = await sdk.errorFromResponse(responseOf(vector));
  const want = vector.expected;

  const expectedClass = CLASSES[want.class.typescript];
  expect(expectedClass, `class ${want.class.typescript} is exported`).toBeTypeOf('function');
  expect(error.constructor).toBe(expectedClass);
  expect(error.name).toBe(want.class.typescript);
  if (want.status !== undefined) expect(error.status).toBe(want.status);
  if (want.code !== undefined) expect(error.code).toBe(want.code);
  if (want.isKnownCode !== undefined) expect(error.isKnownCode).toBe(want.isKnownCode);
  if (want.requestId !== undefined) expect(error.requestId ?? null).toBe(want.requestId);
  if (want.docUrl !== undefined) expect(error.docUrl ?? null).toBe(want.docUrl);
  if (want.detail !== undefined) expect(error.detail).toBe(want.detail);
  for (const part of want.detailIncludes ?? []) expect(error.detail).toContain(part);
  for (const part of want.detailExcludes ?? []) expect(error.detail).not.toContain(part);
  if (want.detailMaxLength !== undefined) expect(error.detail.length).toBeLessThanOrEqual(want.detailMaxLength);
  if (want.params !== undefined) expect(error.params).toEqual(want.params);
  if (want.bodyJson !== undefined) expect(error.body).toEqual(want.bodyJson);
  if (want.bodyTextPrefix !== undefined) expect(String(error.body).startsWith(want.bodyTextPrefix)).toBe(true);
  if (want.bodyTextMaxLength !== undefined) expect(String(error.body).length).toBeLessThanOrEqual(want.bodyTextMaxLength);
  expect(error.message).toContain(String(error.status));

  const request = { ...defaults, ...vector.request };
  const decision = decideRetry(error, {
    method: request.method,
    hasIdempotencyKey: request.idempotencyKey,
    retry: request.retryNumber,
    maxRetries: request.maxRetries,
    maxRetryAfterMs: request.maxRetryAfterMs,
    now: Date.parse(request.now),
  });
  expect(decision.retry).toBe(want.retry.retry);
  if (decision.retry && want.retry.retry) {
    expect({ min: decision.minDelayMs, max: decision.maxDelayMs }).toEqual(want.retry.delayMs);
  }
}

describe.each(FILES)('%s', (name) => {
  const file: VectorFile = loadVectorFile(name);

  it('uses format version 1', () => {
    expect(file.format).toBe('agnes-sdk-vectors/1');
  });

  it.each(file.vectors.map((vector) => [vector.id, vector] as const))('%s', async (_id, vector) => {
    await check(vector, file.defaults.request);
  });
});
