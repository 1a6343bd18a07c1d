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
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'Stopping');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'Failed to stop cleanly');
        process.exit(1);
      },
    );
  });
}
