/**
 * Preloaded with `node --import` in a child process: records the URL of every
 * module that the main thread loads, and prints them as one JSON line on
 * stderr when the process exits. Worker threads run the preload too, and
 * record nothing.
 */
import { registerHooks } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const loaded: string[] = [];

if (isMainThread) {
  registerHooks({
    load(url, context, nextLoad) {
      loaded.push(url);
      return nextLoad(url, context);
    },
  });

  process.on('exit', () => {
    process.stderr.write(`loaded modules: ${JSON.stringify(loaded)}\n`);
  });
}
