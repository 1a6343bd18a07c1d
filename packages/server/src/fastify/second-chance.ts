/**
 * A last error handler for one reply, for when sending the envelope itself fails: an `onSend` hook
 * or a serializer throws on it. Fastify would pass that second error to its own default handler,
 * whose body carries the error's message and no envelope.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorLogger } from '../log.ts';

/** Handler that sends the response of an error raised while an earlier envelope was being sent. */
export type SecondChance = (error: unknown, request: FastifyRequest, reply: FastifyReply) => void;

/** Description of the reply member where Fastify keeps the error handler to call when the current one fails. */
const NEXT_ERROR_HANDLER = 'fastify.reply.nextErrorHandler';
let nextErrorHandlerKey: symbol | undefined;

/** Fastify's form of an error handler: an object with `func`, whose prototype is the next handler. */
interface ChainedHandler {
  func: SecondChance;
}

/**
 * Returns a function that makes `secondChance` the handler of the next error of a reply. Call it
 * from the error handler before sending. Fastify keeps the next handler under a symbol that it does
 * not export, so it is found by its description. The chained handler is made once per next handler
 * and reused, so arming a reply allocates nothing.
 * NOTE: only Fastify 5.12.8 was checked. A version without that member gets nothing armed, and a
 * failing `onSend` hook then gets Fastify's default error body. A test fails on such a version.
 */
export function createSecondChanceArmer(secondChance: SecondChance): (reply: FastifyReply) => void {
  const chainedByNext = new WeakMap<object, ChainedHandler>();
  return (reply) => {
    const holder = reply as unknown as Record<symbol, unknown>;
    if (nextErrorHandlerKey === undefined || !Object.hasOwn(holder, nextErrorHandlerKey)) {
      nextErrorHandlerKey = Object.getOwnPropertySymbols(reply).find((key) => key.description === NEXT_ERROR_HANDLER);
      if (nextErrorHandlerKey === undefined) return;
    }
    const next = holder[nextErrorHandlerKey];
    if (typeof next !== 'object' || next === null) return;
    let chained = chainedByNext.get(next);
    if (chained === undefined) {
      chained = Object.create(next) as ChainedHandler;
      chained.func = secondChance;
      chainedByNext.set(next, chained);
    }
    holder[nextErrorHandlerKey] = chained;
  };
}

/**
 * Returns a logger for the line of an error raised while an earlier error response was being sent.
 * Each line gets `failed_response_status` and a message that names the response it replaced. The
 * earlier response's own line was written when it was rendered, before the hook or serializer
 * failed on it, so without that mark the two lines read as two responses sent.
 */
export function replacementLoggerOf(logger: ErrorLogger, failedStatus: number): ErrorLogger {
  const suffix = `, in place of the ${failedStatus} error response that an onSend hook or serializer failed on`;
  const fieldsOf = (object: object) => ({ ...object, failed_response_status: failedStatus });
  const replacement: ErrorLogger = {
    error: (object, message) => logger.error(fieldsOf(object), `${message}${suffix}`),
    info: (object, message) => logger.info(fieldsOf(object), `${message}${suffix}`),
  };
  // The renderer reads stacks only for a logger that reports its level, so the wrapper reports it too.
  if (logger.isLevelEnabled !== undefined) replacement.isLevelEnabled = (level) => logger.isLevelEnabled!(level);
  return replacement;
}
