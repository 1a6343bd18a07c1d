/** Starts the example service: `pnpm --filter @agnes/example-api start`. */
import { buildApp, createLogger } from './app.ts';
import { ConfigError, readConfig } from './config.ts';
import { listenOrExplain } from './listen.ts';

let started;
try {
  const config = readConfig();
  const { app } = await buildApp({ config, logger: createLogger(config.logLevel) });
  await listenOrExplain(app, config);
  started = app;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // The configured logger may not exist yet, or may be silent, so the message goes out at info level.
  createLogger('info').fatal(error.message);
  process.exit(1);
}

const app = started;
let stopping = false;
/**
 * Stops the service: Fastify stops accepting connections and waits for the requests in progress.
 * A signal that arrives while it stops is logged and ignored. pnpm forwards SIGINT to the script
 * while a terminal sends Ctrl-C to the whole process group, so one Ctrl-C arrives twice.
 */
function stop(signal: NodeJS.Signals): void {
  if (stopping) {
    app.log.info({ signal }, 'Ignored a signal while stopping');
    return;
  }
  stopping = true;
  app.log.info({ signal }, 'Stopping');
  app.close().then(
    () => {
      app.log.info('Stopped');
      process.exit(0);
    },
    (error: unknown) => {
      app.log.error({ err: error }, 'Failed to stop cleanly');
      process.exit(1);
    },
  );
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop);
