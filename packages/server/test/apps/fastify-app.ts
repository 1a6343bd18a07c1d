import Fastify from 'fastify';
import { errorsPlugin, errorsServerOptions } from '../../src/fastify/index.ts';
import { BODY_LIMIT, ITEM_SCHEMA, STRICT_BODY_LIMIT, STRICT_ITEM_SCHEMA, type RunningApp, type TestAppOptions } from './types.ts';

/** Starts the test application on Fastify; the plugin logs through `options.logger`. */
export async function startFastifyApp(options: TestAppOptions): Promise<RunningApp> {
  const pluginOptions = { renderer: options.renderer, logger: options.logger };
  const app = Fastify({ ...errorsServerOptions(pluginOptions), ajv: { customOptions: { allErrors: true, removeAdditional: false } } });
  await app.register(errorsPlugin, pluginOptions);

  app.get<{ Params: { id: string } }>('/items/:id', async (request) => ({ id: request.params.id }));
  app.post('/items', { bodyLimit: BODY_LIMIT, schema: { body: ITEM_SCHEMA } }, async (request, reply) => {
    reply.code(201);
    return request.body;
  });
  app.post('/strict-items', { bodyLimit: STRICT_BODY_LIMIT, schema: { body: STRICT_ITEM_SCHEMA } }, async (request, reply) => {
    reply.code(201);
    return request.body;
  });
  app.get('/throw', async (request) => {
    throw options.valueFor(String(request.headers['x-case']));
  });

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, port: Number(new URL(url).port), close: () => app.close() };
}
