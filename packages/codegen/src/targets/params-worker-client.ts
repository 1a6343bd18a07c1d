/**
 * Starts the params reader in a worker thread, so that building the TypeScript
 * program overlaps with importing the registry. This module does not load
 * TypeScript itself.
 */
import module from 'node:module';
import { Worker } from 'node:worker_threads';
import { CodegenError } from '../errors.ts';
import type { CodeParams } from './params-codes.ts';
import type { ParamsDefinitions, ParamsSource } from './params-types.ts';
import type { ParamsWorkerData, ParamsWorkerReply } from './params-worker.ts';

/** A params reader running in a worker thread. */
export interface ParamsWorker {
  /** Sends the codes and resolves with their definitions; call it once. */
  read(codes: readonly CodeParams[]): Promise<ParamsDefinitions>;
  /**
   * Stops the worker; safe to call at any time and more than once. After a reply, the worker
   * writes Node's compile cache and ends by itself; before one, it is terminated.
   */
  stop(): Promise<void>;
}

let prestarted: Worker | undefined;

function createWorker(): Worker {
  const workerData: ParamsWorkerData = { compileCache: module.getCompileCacheDir() !== undefined };
  return new Worker(new URL('./params-worker.ts', import.meta.url), { workerData });
}

/**
 * Starts a worker before it is needed, so that it loads TypeScript while the
 * CLI loads its own modules. The worker does not keep the process alive until
 * `startParamsWorker` takes it over.
 */
export function prestartParamsWorker(): void {
  if (prestarted) return;
  prestarted = createWorker();
  prestarted.unref();
}

/** Starts a worker, or takes over the prestarted one, and has it open a params session on `source`. */
export function startParamsWorker(source: ParamsSource): ParamsWorker {
  const worker = prestarted ?? createWorker();
  prestarted = undefined;
  worker.ref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const reply = new Promise<ParamsWorkerReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The params worker exited with code ${code} before it replied`)));
  });
  // A failure before read() is called is reported by read(); this keeps it from being an unhandled rejection.
  reply.catch(() => undefined);
  worker.postMessage({ types: source.types, tsconfig: source.tsconfig } satisfies ParamsSource);
  let replied = false;
  let stopping: Promise<void> | undefined;

  return {
    async read(codes) {
      worker.postMessage(codes);
      const answer = await reply;
      replied = true;
      if (answer.ok) return answer.result;
      if (answer.error.name === 'CodegenError') throw new CodegenError(answer.error.message);
      const error = new Error(answer.error.message);
      error.stack = answer.error.stack;
      throw error;
    },
    stop() {
      if (!stopping && replied) {
        worker.postMessage('stop');
        stopping = exited;
      }
      stopping ??= worker.terminate().then(() => undefined);
      return stopping;
    },
  };
}
