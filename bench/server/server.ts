/**
 * Benchmark servers, started as a child process by run.ts so that load generation and serving do
 * not share one event loop. `node server.ts contract` serves the errors plugin; `node server.ts
 * plain` serves Fastify with its own error handler, the baseline. Each prints `listening <port>`.
 *
 * Routes of both: `GET /ok` (async handler) and `GET /ok-sync` (sync handler) return a 200 JSON
 * body the size of an envelope, and `GET /forbidden` throws a 403 from an async handler.
 * Contract only: `GET /forbidden-sync` throws the same contract error from a sync handler, and
 * `GET /forbidden-sent` passes it to `reply.send` instead of throwing it. `GET /unknown` throws a
 * plain Error. `GET /forbidden-floor` (async) and `GET /forbidden-floor-sync` throw one Error built
 * at startup to an error handler that only sends a constant body, and `GET /forbidden-floor-fresh`
 * (async) and `GET /forbidden-floor-fresh-sync` throw an Error without stack built for each request
 * to the same handler. Plain only:
 * `GET /forbidden-no-stack` (async) and `GET /forbidden-no-stack-sync` throw a 403 Error created
 * without a stack trace. The contract server also serves the `/steps/*` routes of
 * `pnpm bench:server:steps`.
 *
 * Both servers log through Fastify's pino logger at info level into /dev/null, so every route pays
 * for the same request and response lines, and error routes also write their error line.
 * `BENCH_LOGGER=off` disables the logger of both servers instead.
 */
import { AgnesError, createAgnesRenderer } from '@agnes/errors-server';
import { errorsPlugin, errorsServerOptions } from '@agnes/errors-server/fastify';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';

const kind = process.argv[2];
/** One logger setting for every route of both servers: pino's asynchronous file destination, at info. */
const logger = process.env.BENCH_LOGGER === 'off' ? false : { level: 'info', file: '/dev/null' };

/** Returns a 200 body with the members and sizes of the forbidden envelope. */
function okBody() {
  return {
    detail: 'Permission granted: the scope policy:delete is present.',
    code: 'ok',
    request_id: '5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91',
    doc_url: 'https://docs.lasscyber.com/errors/forbidden',
  };
}

function forbiddenError(): Error & { statusCode: number } {
  return Object.assign(new Error('Permission denied: missing scope policy:delete.'), { statusCode: 403 });
}

function forbiddenErrorWithoutStack(): Error & { statusCode: number } {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const error = forbiddenError();
  Error.stackTraceLimit = limit;
  return error;
}

/**
 * The minimum cost of a thrown error: one error built at startup, and an error handler of its own
 * scope that sends a constant envelope without logging. What stays is the cost of the throw, of the
 * rejected promise and of Fastify's error path.
 */
async function floorRoutes(scope: FastifyInstance) {
  const error = forbiddenErrorWithoutStack();
  const json = JSON.stringify({ ...okBody(), detail: error.message, code: 'forbidden' });
  scope.setErrorHandler((_error, _request, reply) => {
    reply.code(403).header('content-type', 'application/json; charset=utf-8').send(json);
  });
  scope.get('/forbidden-floor', async () => {
    throw error;
  });
  scope.get('/forbidden-floor-sync', () => {
    throw error;
  });
  // The same, with an Error built for each request, as a contract error is: a handler that
  // received any newly built error pays at least this much.
  scope.get('/forbidden-floor-fresh', async () => {
    throw forbiddenErrorWithoutStack();
  });
  scope.get('/forbidden-floor-fresh-sync', () => {
    throw forbiddenErrorWithoutStack();
  });
}

async function contractServer() {
  const app = Fastify({ logger, ...errorsServerOptions() });
  await app.register(errorsPlugin);
  app.get('/ok', async () => okBody());
  app.get('/forbidden', async () => {
    throw new AgnesError('forbidden', { scope: 'policy:delete' });
  });
  app.get('/ok-sync', (_request, reply) => {
    reply.send(okBody());
  });
  app.get('/forbidden-sync', () => {
    throw new AgnesError('forbidden', { scope: 'policy:delete' });
  });
  app.get('/forbidden-sent', (_request, reply) => {
    reply.send(new AgnesError('forbidden', { scope: 'policy:delete' }));
  });
  app.get('/unknown', async () => {
    throw new Error('connect ECONNREFUSED 10.0.3.7:5432');
  });
  await app.register(floorRoutes);
  stepRoutes(app);
  return app;
}

/**
 * Routes of `pnpm bench:server:steps`, from sync handlers: each adds one step of a thrown contract
 * error to the one before, so that the drop between two routes is the cost of one step. All of
 * them respond with 403, the same headers and the same body size.
 */
function stepRoutes(app: FastifyInstance) {
  const renderer = createAgnesRenderer();
  const prebuilt = new AgnesError('forbidden', { scope: 'policy:delete' });
  const constant = renderer.render(prebuilt, { requestId: '5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91' });
  const sendConstant = (reply: FastifyReply) => {
    reply.code(403).headers(constant.headers).send(constant.json);
  };
  // Step 1: the response alone, from text built at startup, with no error object.
  app.get('/steps/constant', (_request, reply) => {
    sendConstant(reply);
  });
  // Step 2: the same, after building a plain Error without a stack trace.
  app.get('/steps/error-built', (_request, reply) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const error = new Error('Permission denied: missing scope policy:delete.');
    Error.stackTraceLimit = limit;
    if (error.message !== '') sendConstant(reply);
  });
  // Step 3: the same, after building the contract error instead.
  app.get('/steps/contract-built', (_request, reply) => {
    const error = new AgnesError('forbidden', { scope: 'policy:delete' });
    if (error.detail !== '') sendConstant(reply);
  });
  // Step 4: the contract error rendered by the renderer and sent by the route, not thrown.
  app.get('/steps/contract-rendered', (request, reply) => {
    const error = new AgnesError('forbidden', { scope: 'policy:delete' });
    const rendered = renderer.render(error, { requestId: request.id, method: request.method, path: request.url, logger: request.log });
    reply.code(rendered.status).headers(rendered.headers).send(rendered.json);
  });
}

async function plainServer() {
  const app = Fastify({ logger });
  app.get('/ok', async () => okBody());
  app.get('/forbidden', async () => {
    throw forbiddenError();
  });
  app.get('/forbidden-no-stack', async () => {
    throw forbiddenErrorWithoutStack();
  });
  app.get('/ok-sync', (_request, reply) => {
    reply.send(okBody());
  });
  app.get('/forbidden-no-stack-sync', () => {
    throw forbiddenErrorWithoutStack();
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
