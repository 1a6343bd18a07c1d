/**
 * Benchmark servers, started as a child process by run.ts so that load generation and serving do
 * not share one event loop. `node server.ts contract` serves the errors plugin; `node server.ts
 * plain` serves Fastify with its own error handler, the baseline. Each prints `listening <port>`.
 *
 * Routes: `GET /ok` returns a 200 JSON body the size of an envelope, and `GET /forbidden` throws a
 * 403. `GET /unknown` (contract) throws a plain Error. `GET /forbidden-no-stack` (plain) throws a
 * 403 Error created without a stack trace.
 */
import { AgnesError } from '@agnes/errors-server';
import { errorsPlugin, errorsServerOptions } from '@agnes/errors-server/fastify';
import Fastify from 'fastify';

const kind = process.argv[2];

/** Returns a 200 body with the members and sizes of the forbidden envelope. */
function okBody() {
  return {
    detail: 'Permission granted: the scope policy:delete is present.',
    code: 'ok',
    request_id: '5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91',
    doc_url: 'https://docs.lasscyber.com/errors/forbidden',
  };
}

async function contractServer() {
  const app = Fastify(errorsServerOptions());
  await app.register(errorsPlugin);
  app.get('/ok', async () => okBody());
  app.get('/forbidden', async () => {
    throw new AgnesError('forbidden', { scope: 'policy:delete' });
  });
  app.get('/unknown', async () => {
    throw new Error('connect ECONNREFUSED 10.0.3.7:5432');
  });
  return app;
}

function forbiddenError(): Error & { statusCode: number } {
  return Object.assign(new Error('Permission denied: missing scope policy:delete.'), { statusCode: 403 });
}

async function plainServer() {
  const app = Fastify();
  app.get('/ok', async () => okBody());
  app.get('/forbidden', async () => {
    throw forbiddenError();
  });
  app.get('/forbidden-no-stack', async () => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const error = forbiddenError();
    Error.stackTraceLimit = limit;
    throw error;
  });
  return app;
}

if (kind !== 'contract' && kind !== 'plain') {
  process.stderr.write(`Unknown server kind "${kind}": expected contract or plain\n`);
  process.exit(2);
}
const app = kind === 'contract' ? await contractServer() : await plainServer();
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${new URL(address).port}\n`);
// run.ts requests the CPU time used so far, to compute CPU time per request of each target.
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicroseconds: user + system });
  }
});
process.once('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
