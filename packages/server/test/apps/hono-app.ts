import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Ajv } from 'ajv';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { createClientErrorListener, fieldErrorsFromAjv } from '../../src/index.ts';
import { bodyLimit, errorsMiddleware, notFound, onError, requireMediaType } from '../../src/hono/index.ts';
import { BODY_LIMIT, ITEM_SCHEMA, STRICT_BODY_LIMIT, STRICT_ITEM_SCHEMA, type RunningApp, type TestAppOptions } from './types.ts';

/** Starts the test application on Hono with the Node server; the handlers log through `options.logger`. */
export async function startHonoApp(options: TestAppOptions): Promise<RunningApp> {
  const { renderer, logger } = options;
  const ajv = new Ajv({ allErrors: true });
  const validateItem = ajv.compile(ITEM_SCHEMA);
  const validateStrictItem = ajv.compile(STRICT_ITEM_SCHEMA);
  const app = new Hono();
  app.use(errorsMiddleware({ renderer, logger }));
  app.onError(onError({ renderer, logger }));
  app.notFound(notFound({ renderer, logger, app }));

  app.get('/items/:id', (c) => c.json({ id: c.req.param('id') }));
  app.post(
    '/items',
    bodyLimit(BODY_LIMIT, { renderer }),
    requireMediaType(['application/json'], { renderer }),
    validator('json', (value) => {
      if (!validateItem(value)) throw renderer.failure('validationFailed', { errors: fieldErrorsFromAjv(validateItem.errors) });
      return value;
    }),
    (c) => c.json(c.req.valid('json'), 201),
  );
  app.post(
    '/strict-items',
    bodyLimit(STRICT_BODY_LIMIT, { renderer }),
    validator('json', (value) => {
      if (!validateStrictItem(value)) throw renderer.failure('validationFailed', { errors: fieldErrorsFromAjv(validateStrictItem.errors) });
      return value;
    }),
    (c) => c.json(c.req.valid('json'), 201),
  );
  app.get('/throw', (c) => {
    throw options.valueFor(String(c.req.header('x-case')));
  });

  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started as Server));
  });
  server.on('clientError', createClientErrorListener({ renderer, logger }));
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
