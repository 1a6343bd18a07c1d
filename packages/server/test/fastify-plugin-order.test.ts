/**
 * Fastify gives a route the error handler of its instance when the route is loaded. A route loaded
 * before `errorsPlugin` keeps Fastify's default handler, which sends a thrown error's message, so
 * the plugin fails `ready()` and names such routes.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { errorsPlugin } from '../src/fastify/index.ts';
import { send } from './support/http.ts';
import { captureLogs } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const FIX = 'Register errorsPlugin on the root instance before any route and before plugins that add routes';
const SECRET = 'SECRET connection string';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function throwSecret(): never {
  throw new Error(SECRET);
}

/** Creates an app that `afterEach` closes. */
function createApp(): FastifyInstance {
  app = Fastify();
  return app;
}

/** Starts the app on 127.0.0.1 and returns the message of the error that `listen` rejects with. */
async function startupErrorOf(instance: FastifyInstance): Promise<string> {
  const error = await instance.listen({ host: '127.0.0.1', port: 0 }).then(
    () => new Error('listen succeeded'),
    (rejection: unknown) => rejection as Error,
  );
  return error.message;
}

// The masked 500s log into memory, so that the test output stays clean.
const pluginOptions = { logger: captureLogs().logger };

describe('fastify plugin order', () => {
  it('rejects routes on the root registered before the plugin', async () => {
    const instance = createApp();
    instance.get('/early', throwSecret);
    await instance.register(errorsPlugin, pluginOptions);
    instance.get('/late', throwSecret);

    const message = await startupErrorOf(instance);

    expect(message).toContain("Routes keep Fastify's default error handler");
    expect(message).toContain('GET, HEAD /early');
    expect(message).not.toContain('/late');
    expect(message).toContain(FIX);
  });

  it('names routes next to a catch-all route', async () => {
    const instance = createApp();
    await instance.register(cors);
    instance.get('/early', throwSecret);
    await instance.register(errorsPlugin, pluginOptions);

    const message = await startupErrorOf(instance);

    expect(message).toContain('GET, HEAD /early; OPTIONS *');
    expect(message).not.toContain('empty root node');
  });

  it('names routes of a plugin registered before it', async () => {
    const instance = createApp();
    instance.register(
      async (scope) => {
        scope.get('/things/:id', throwSecret);
        scope.post('/things/:id', throwSecret);
        scope.get('/files/*', throwSecret);
        scope.get('/versioned', { constraints: { version: '1.2.0' } }, throwSecret);
      },
      { prefix: '/v1' },
    );
    instance.register(errorsPlugin, pluginOptions);

    const message = await startupErrorOf(instance);

    expect(message).toContain('GET, HEAD, POST /v1/things/:id');
    expect(message).toContain('GET, HEAD /v1/files/*');
    expect(message).toContain('GET, HEAD /v1/versioned');
  });

  it('names five routes and counts the rest', async () => {
    const instance = createApp();
    for (let index = 0; index < 8; index += 1) instance.get(`/early-${index}`, throwSecret);
    await instance.register(errorsPlugin, pluginOptions);

    const message = await startupErrorOf(instance);

    expect(message.match(/GET, HEAD \/early-\d/g)).toHaveLength(5);
    expect(message).toContain('and 3 more');
  });

  it('rejects root routes when registered in a child instance', async () => {
    const instance = createApp();
    instance.register(async (api) => {
      await api.register(errorsPlugin, pluginOptions);
      api.get('/policies', throwSecret);
    }, { prefix: '/api' });
    instance.get('/health', async () => ({ ok: true }));

    const message = await startupErrorOf(instance);

    expect(message).toContain('GET, HEAD /health');
    expect(message).not.toContain('/api/policies');
  });

  it.each([
    {
      name: 'awaited plugin, then routes',
      build: async (instance: FastifyInstance) => {
        await instance.register(errorsPlugin, pluginOptions);
        instance.get('/secret', throwSecret);
      },
    },
    {
      name: 'plugin not awaited, then routes',
      build: async (instance: FastifyInstance) => {
        instance.register(errorsPlugin, pluginOptions);
        instance.get('/secret', throwSecret);
      },
    },
    {
      name: 'plugin, then a plugin with routes',
      build: async (instance: FastifyInstance) => {
        instance.register(errorsPlugin, pluginOptions);
        instance.register(async (scope) => {
          scope.get('/secret', throwSecret);
        });
      },
    },
  ])('starts with $name and masks the error', async ({ build }) => {
    const instance = createApp();
    await build(instance);

    const url = await instance.listen({ host: '127.0.0.1', port: 0 });
    const response = await send(url, 'GET', '/secret');

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect(response.text).not.toContain(SECRET);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });
});

describe('fastify plugin registered twice', () => {
  const TWICE = 'errorsPlugin is registered twice';

  it.each([
    {
      name: 'twice on the root',
      build: (instance: FastifyInstance) => {
        instance.register(errorsPlugin, pluginOptions);
        instance.register(errorsPlugin, pluginOptions);
      },
    },
    {
      name: 'on the root and in a child',
      build: (instance: FastifyInstance) => {
        instance.register(errorsPlugin, pluginOptions);
        instance.register(async (child) => {
          await child.register(errorsPlugin, pluginOptions);
        });
      },
    },
  ])('fails ready() $name', async ({ build }) => {
    const instance = createApp();
    build(instance);

    const message = await startupErrorOf(instance);

    expect(message).toContain(TWICE);
    expect(message).toContain('Register it once, on the root instance');
  });

  const SAME_PREFIX = 'errorsPlugin could not set the not-found handler';

  it.each([
    {
      name: 'in a child, then on the root',
      build: (instance: FastifyInstance) => {
        instance.register(async (child) => {
          await child.register(errorsPlugin, pluginOptions);
        });
        instance.register(errorsPlugin, pluginOptions);
      },
    },
    {
      name: 'in two sibling instances without a prefix',
      build: (instance: FastifyInstance) => {
        for (let index = 0; index < 2; index += 1) {
          instance.register(async (child) => {
            await child.register(errorsPlugin, pluginOptions);
          });
        }
      },
    },
    {
      name: 'after setNotFoundHandler on the same instance',
      build: (instance: FastifyInstance) => {
        instance.setNotFoundHandler((_request, reply) => {
          reply.code(404).send('not here');
        });
        instance.register(errorsPlugin, pluginOptions);
      },
    },
  ])('fails ready() $name without a crash', async ({ build }) => {
    const instance = createApp();
    build(instance);

    const message = await startupErrorOf(instance);

    expect(message).toContain(SAME_PREFIX);
    expect(message).toContain('for the prefix "/"');
    expect(message).toContain('Register errorsPlugin once, on the root instance');
  });

  it('starts with the plugin in two sibling instances', async () => {
    const instance = createApp();
    for (const prefix of ['/a', '/b']) {
      instance.register(
        async (child) => {
          await child.register(errorsPlugin, pluginOptions);
          child.get('/secret', throwSecret);
        },
        { prefix },
      );
    }

    const url = await instance.listen({ host: '127.0.0.1', port: 0 });
    const response = await send(url, 'GET', '/b/secret');

    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect(response.text).not.toContain(SECRET);
  });
});
