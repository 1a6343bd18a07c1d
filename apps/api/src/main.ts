/** Starts the example service: `pnpm --filter @agnes/example-api start`. */
import { resolve } from 'node:path';
import { buildApp, createLogger } from './app.ts';
import { ConfigError, readConfig } from './config.ts';
import { listenOrExplain } from './listen.ts';
import { createLogOutput } from './log-output.ts';

const stdout = createLogOutput(process.stdout);

/** Logs the message of a `ConfigError` and exits with code 1. Any other error is raised again. */
function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  // The configured logger may not exist yet, or may be silent, so the message goes out at info level.
  createLogger('info', stdout).fatal(error.message);
  process.exit(1);
}

const config = await Promise.resolve().then(() => readConfig()).catch(exitOnConfigError);
const { app } = await buildApp({ config, logger: createLogger(config.logLevel, stdout) }).catch(exitOnConfigError);
let stopping = false;

/** Resolves with the number of open connections of the HTTP server, with or without a request in progress. */
function countConnections(): Promise<number> {
  return new Promise((resolve, reject) => {
    app.server.getConnections((error, count) => (error ? reject(error) : resolve(count)));
  });
}

/**
 * Logs that the stop timed out, ends the open connections and exits with code 1. After `close`,
 * Node 24 no longer applies `requestTimeout`, so without this a client that sends its body slowly
 * would hold the service until a supervisor sends SIGKILL, which leaves no log line.
 */
async function endOpenConnections(): Promise<never> {
  const connections = await countConnections().catch((error: unknown) => {
    app.log.error({ err: error }, 'Failed to count the open connections');
    return undefined;
  });
  let ending = 'every open connection';
  if (connections !== undefined) ending = `${connections} open ${connections === 1 ? 'connection' : 'connections'}`;
  app.log.error(
    { stop_timeout_ms: config.stopTimeoutMs, connections },
    `Stopping timed out after STOP_TIMEOUT_MS (${config.stopTimeoutMs} ms), so ending ${ending} and exiting with code 1`,
  );
  app.server.closeAllConnections();
  process.exit(1);
}

/**
 * Stops the service: Fastify stops accepting connections and waits for the requests in progress,
 * then the process exits with `exitCode`. Requests still in progress after STOP_TIMEOUT_MS are
 * ended, and the process exits with code 1.
 */
function stop(exitCode: number): void {
  stopping = true;
  const deadline = setTimeout(() => void endOpenConnections(), config.stopTimeoutMs);
  app.close().then(
    () => {
      clearTimeout(deadline);
      app.log.info('Stopped');
      process.exit(exitCode);
    },
    (error: unknown) => {
      app.log.error({ err: error }, 'Failed to stop cleanly');
      process.exit(1);
    },
  );
}

/**
 * Stops the service on SIGINT or SIGTERM. A signal that arrives while it stops is logged and
 * ignored. pnpm forwards SIGINT to the script while a terminal sends Ctrl-C to the whole process
 * group, so one Ctrl-C arrives twice.
 */
function stopOnSignal(signal: NodeJS.Signals): void {
  if (stopping) {
    app.log.info({ signal }, 'Ignored a signal while stopping');
    return;
  }
  app.log.info({ signal, stop_timeout_ms: config.stopTimeoutMs }, 'Stopping');
  stop(0);
}
// Registered before `listen`, so a signal sent as soon as the listening line appears stops the service.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stopOnSignal);

// A pipe whose reader has exited stays broken, and a service without its log would hide the causes
// of its 500s and every rejected credential. So it stops, with exit code 1 for a supervisor to
// restart it, and writes the cause to stderr.
stdout.onBroken((error) => {
  if (stopping) return;
  createLogger('info', createLogOutput(process.stderr)).error({ err: error }, 'Stopping because a write to stdout failed, so log lines are lost');
  stop(1);
});

await listenOrExplain(app, config).catch(exitOnConfigError);
// Logged after the listening line, so that a failed start still logs its fatal line alone. SQLite
// resolves a relative path against the working directory, as `path.resolve` does.
if (config.databasePath === ':memory:') {
  app.log.info({ database_path: ':memory:' }, 'Storing data in memory; it is lost when the process stops');
} else {
  const databasePath = resolve(config.databasePath);
  app.log.info({ database_path: databasePath }, `Storing data in the SQLite file ${databasePath}`);
}
