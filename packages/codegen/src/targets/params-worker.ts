/**
 * Worker thread that reads the params types. It loads TypeScript and the
 * generator as soon as it starts. The first message gives the params source,
 * so it builds the TypeScript program; the second lists the codes, and it
 * replies with their definitions. On a third message it writes Node's compile
 * cache, which `worker.terminate()` can cut short, and ends.
 */
import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { CodeParams } from './params-codes.ts';
import type { ParamsDefinitions, ParamsSession, ParamsSource } from './params-types.ts';

/** Data that the worker receives when it starts. */
export interface ParamsWorkerData {
  /**
   * Whether the main thread has Node's compile cache on. A worker does not inherit a cache that
   * `module.enableCompileCache()` turned on, so it turns on its own in the default directory, which
   * is the one that the CLI uses.
   */
  compileCache: boolean;
}

/** Reply of the worker: the definitions, or the error that stopped it. */
export type ParamsWorkerReply =
  | { ok: true; result: ParamsDefinitions }
  | { ok: false; error: { name: string; message: string; stack?: string } };

function replyWithError(error: unknown): ParamsWorkerReply {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return { ok: false, error: { name, message, stack } };
}

// The cache must be on before TypeScript loads, so params-types.ts is imported only after this line.
if ((workerData as ParamsWorkerData | undefined)?.compileCache) module.enableCompileCache();
const { openParamsSession } = await import('./params-types.ts');

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

    parentPort!.once('message', () => {
      module.flushCompileCache();
      parentPort!.close();
    });
  });
});
