/**
 * Worker thread that reads the params types. Its imports load TypeScript and
 * the generator as soon as it starts. The first message gives the params
 * source, so it builds the TypeScript program; the second lists the codes, and
 * it replies with their definitions.
 */
import { parentPort } from 'node:worker_threads';
import type { CodeParams } from './params-codes.ts';
import { openParamsSession, type ParamsDefinitions, type ParamsSession, type ParamsSource } from './params-types.ts';

/** Reply of the worker: the definitions, or the error that stopped it. */
export type ParamsWorkerReply =
  | { ok: true; result: ParamsDefinitions }
  | { ok: false; error: { name: string; message: string; stack?: string } };

function replyWithError(error: unknown): ParamsWorkerReply {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return { ok: false, error: { name, message, stack } };
}

let session: ParamsSession | undefined;
let openError: unknown;

parentPort!.once('message', (source: ParamsSource) => {
  try {
    session = openParamsSession(source);
  } catch (error) {
    openError = error;
  }

  parentPort!.once('message', (codes: CodeParams[]) => {
    let reply: ParamsWorkerReply;
    try {
      if (!session) throw openError;
      reply = { ok: true, result: session.read(codes) };
    } catch (error) {
      reply = replyWithError(error);
    }
    parentPort!.postMessage(reply);
  });
});
