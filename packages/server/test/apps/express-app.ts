import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import express from 'express';
import { createClientErrorListener, fieldErrorsFromAjv } from '../../src/index.ts';
import { errorHandler, notFoundHandler, requestId, requireMediaType } from '../../src/express/index.ts';
import { BODY_LIMIT, ITEM_SCHEMA, STRICT_BODY_LIMIT, STRICT_ITEM_SCHEMA, type RunningApp, type TestAppOptions } from './types.ts';

/** Starts the test application on Express; the middleware logs through `options.logger`. */
export async function startExpressApp(options: TestAppOptions): Promise<RunningApp> {
  const { renderer, logger } = options;
  const ajv = new Ajv({ allErrors: true });
  const validateItem = ajv.compile(ITEM_SCHEMA);
  const validateStrictItem = ajv.compile(STRICT_ITEM_SCHEMA);
  const app = express();
  app.use(requestId({ renderer, logger }));

  app.get('/items/:id', (request, response) => {
    response.json({ id: request.params.id });
  });
  app.post('/items', requireMediaType(['application/json'], { renderer }), express.json({ limit: BODY_LIMIT }), (request, response) => {
    if (!validateItem(request.body)) {
      throw renderer.failure('validationFailed', { errors: fieldErrorsFromAjv(validateItem.errors) });
    }
    response.status(201).json(request.body);
  });
  app.post('/strict-items', express.json({ limit: STRICT_BODY_LIMIT }), (request, response) => {
    if (!validateStrictItem(request.body)) {
      throw renderer.failure('validationFailed', { errors: fieldErrorsFromAjv(validateStrictItem.errors) });
    }
    response.status(201).json(request.body);
  });
  app.get('/throw', async (request) => {
    throw options.valueFor(String(request.headers['x-case']));
  });

  app.use(notFoundHandler({ renderer, logger }));
  app.use(errorHandler({ renderer, logger }));

  const server = app.listen(0, '127.0.0.1');
  server.on('clientError', createClientErrorListener({ renderer, logger }));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
