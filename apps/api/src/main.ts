/** Starts the example service: `pnpm --filter @agnes/example-api start`. */
import { buildApp, createLogger } from './app.ts';
import { ConfigError, readConfig } from './config.ts';

const bootLogger = createLogger(process.env.LOG_LEVEL || 'info');

let config;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  bootLogger.fatal(error.message);
  process.exit(1);
}

const { app } = await buildApp({ config, logger: bootLogger });
await app.listen({ host: config.host, port: config.port });

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
