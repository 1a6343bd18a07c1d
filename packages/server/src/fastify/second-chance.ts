/**
 * A last error handler for one reply, for when sending the envelope itself fails: an `onSend` hook
 * or a serializer throws on it. Fastify would pass that second error to its own default handler,
 * whose body carries the error's message and no envelope.
 */
import type { FastifyReply } from 'fastify';

/** Sends the response of an error that arrived while the envelope of an earlier one was being sent. */
export type SecondChance = (error: unknown, reply: FastifyReply) => void;

/** Description of the reply member where Fastify keeps the error handler to call when the current one fails. */
const NEXT_ERROR_HANDLER = 'fastify.reply.nextErrorHandler';
let nextErrorHandlerKey: symbol | undefined;

/**
 * Makes `secondChance` the handler of the next error of this reply. Call it from the error handler
 * before sending. Fastify keeps the next handler under a symbol that it does not export, so it is
 * found by its description.
 * NOTE: a Fastify without that member (not 5.x) gets nothing armed. A failing `onSend` hook then
 * gets Fastify's default error body. A test holds the behaviour for the Fastify version in use.
 */
export function armSecondChance(reply: FastifyReply, secondChance: SecondChance): void {
  const holder = reply as unknown as Record<symbol, unknown>;
  if (nextErrorHandlerKey === undefined || !Object.hasOwn(holder, nextErrorHandlerKey)) {
    nextErrorHandlerKey = Object.getOwnPropertySymbols(reply).find((key) => key.description === NEXT_ERROR_HANDLER);
    if (nextErrorHandlerKey === undefined) return;
  }
  const next = holder[nextErrorHandlerKey];
  if (typeof next !== 'object' || next === null) return;
  // Fastify's handlers form a prototype chain, each with a `func`; this one goes before the rest.
  const handler = Object.create(next) as { func: (error: unknown, request: unknown, reply: FastifyReply) => void };
  handler.func = (error, _request, failedReply) => secondChance(error, failedReply);
  holder[nextErrorHandlerKey] = handler;
}
