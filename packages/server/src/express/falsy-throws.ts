/**
 * Falsy values thrown by Express handlers. Express's router treats `throw null` (or `undefined`,
 * `0`, `''`, `false`) as "no error" and passes the request on, so the request reaches the not-found
 * handler. Router 2.3 and later publish every handler call on the `express.router.request` tracing
 * channel of `node:diagnostics_channel`, and a throw sets the context's `error` even when the thrown
 * value is falsy. That is how the adapter learns what was thrown.
 */
import { tracingChannel } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

/** Name of the tracing channel of Express's router (the `router` package, 2.3.0 and later). */
const ROUTER_CHANNEL = 'express.router.request';

/** The members of the router's tracing context that are read here. */
interface HandlerCallContext {
  req?: IncomingMessage;
  /** The path that the route or middleware was registered with. */
  route?: unknown;
  handler?: { name?: unknown };
  error?: unknown;
}

interface FalsyThrow {
  value: unknown;
  handlerName: string;
  registeredPath: string;
}

const falsyThrows = new WeakMap<IncomingMessage, FalsyThrow>();
let tracking = false;

/**
 * Starts recording falsy throws of every Express application in the process; later calls do nothing.
 * While a subscriber is attached, the router builds a tracing context for each handler call.
 */
export function trackFalsyThrows(): void {
  if (tracking) return;
  tracking = true;
  // Only `end` reports a synchronous throw, so the other events of the channel get no subscriber.
  tracingChannel(ROUTER_CHANNEL).end.subscribe(recordFalsyThrow);
}

/**
 * Records the first falsy value that a handler of the request threw. At `end`, an `error` member
 * that is present but falsy can only come from a throw, because `next(value)` sets it only for a
 * truthy value.
 */
function recordFalsyThrow(message: unknown): void {
  if (typeof message !== 'object' || message === null) return;
  const context = message as HandlerCallContext;
  const request = context.req;
  if (!('error' in context) || context.error || request === undefined || falsyThrows.has(request)) return;
  const name = context.handler?.name;
  falsyThrows.set(request, {
    value: context.error,
    handlerName: typeof name === 'string' && name !== '' ? name : '<anonymous>',
    registeredPath: String(context.route),
  });
}

/**
 * Returns an error that names the falsy value a handler of the request threw, and the handler, or
 * `undefined` when none did. The router publishes a synchronous throw only after the request has
 * moved on, so call this once the call stack that handled the request has unwound.
 */
export function falsyThrowOf(request: IncomingMessage): Error | undefined {
  const thrown = falsyThrows.get(request);
  if (thrown === undefined) return undefined;
  return new Error(
    `Handler ${thrown.handlerName}, registered for ${thrown.registeredPath}, threw ${describeFalsy(thrown.value)}. ` +
      'Express treats a falsy thrown value as no error, so it passed the request on and no handler sent a response.',
  );
}

/** Writes a falsy value as it would appear in source code, so that `''` and `0` stay visible in a log. */
function describeFalsy(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Object.is(value, -0)) return '-0';
  return String(value);
}
