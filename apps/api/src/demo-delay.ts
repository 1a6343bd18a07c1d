/**
 * The `Demo-Delay-Ms` header of `POST /v1/policies`, read only with AGNES_DEMO_FAULTS=1. It delays
 * the request after its Idempotency-Key is claimed, so that a second request with the same key
 * gets 409 `idempotency_request_in_progress`.
 */
import { AgnesError } from '@agnes/errors-server';
import type { FastifyRequest } from 'fastify';
import { rawHeaderValuesOf } from './raw-headers.ts';

const DEMO_DELAY_HEADER = 'demo-delay-ms';
/** Maximum delay, in milliseconds. A stopping service waits for held requests, so this bounds the stop. */
const MAX_DEMO_DELAY_MS = 10_000;
const DECIMAL_INTEGER = /^[0-9]{1,5}$/;

/**
 * Returns the delay that `Demo-Delay-Ms` requests, in milliseconds, or 0 without the header.
 *
 * @throws {AgnesError} `bad_request` for a value that is not an integer from 0 to 10000 in decimal
 * digits, or a header sent more than once.
 */
export function demoDelayOf(request: FastifyRequest): number {
  const values = rawHeaderValuesOf(request, DEMO_DELAY_HEADER);
  if (values.length > 1) {
    throw new AgnesError('bad_request', { reason: `the Demo-Delay-Ms header was sent ${values.length} times, but it must be sent once` });
  }
  const raw = values[0];
  if (raw === undefined) return 0;
  const delay = DECIMAL_INTEGER.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(delay) || delay > MAX_DEMO_DELAY_MS) {
    throw new AgnesError('bad_request', {
      reason: `the Demo-Delay-Ms header must be an integer from 0 to ${MAX_DEMO_DELAY_MS} milliseconds, but it is "${raw}"`,
    });
  }
  return delay;
}
