/** Builds the example service: Fastify with the errors plugin, SQLite storage and the policy routes. */
import { createAgnesRenderer } from '@agnes/errors-server';
import { errorsPlugin, errorsServerOptions, serializeRequest } from '@agnes/errors-server/fastify';
import Fastify from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { ApiConfig } from './config.ts';
import { openDatabaseOrExplain } from './database-errors.ts';
import { rejectEmptySegments } from './empty-segment.ts';
import { addUtf8JsonParser, rejectNonUtf8Json } from './json-charset.ts';
import { createLogOutput } from './log-output.ts';
import { policyRoutes } from './policy-routes.ts';
import { RateLimiter } from './rate-limit.ts';

/** Largest request body, in bytes. */
const BODY_LIMIT = 64 * 1024;
/** Media types of the request bodies that the service parses. */
const JSON_MEDIA_TYPES = ['application/json'];

/** Options of `buildApp`. */
export interface BuildAppOptions {
  config: ApiConfig;
  /** Logger of the service. @default pino at `config.logLevel`, writing to stdout */
  logger?: Logger;
  /** Awaited before a policy is created; tests use it to hold a request open. */
  beforeCreatePolicy?: () => Promise<void>;
}

/** Text in the form of an API key of this service: `agnes_` and at least 6 more characters. */
const API_KEY_TEXT = /\bagnes_[A-Za-z0-9_-]{6,}/g;

/**
 * Returns a log line with each text in the form of an API key replaced. A client may put its key
 * where no header is, such as a path segment (`/v1/policies/agnes_...`) or a body member's name, and
 * the 404's path or the 422's pointers would log it.
 */
export function withoutApiKeys(line: string): string {
  return line.replace(API_KEY_TEXT, 'agnes_[redacted]');
}

/**
 * Creates the service's logger, writing to `destination` (stdout by default). Headers that carry
 * credentials are redacted if anything logs them, and so is any text in the form of an API key.
 */
export function createLogger(level: string, destination: DestinationStream = createLogOutput(process.stdout)): Logger {
  return pino(
    {
      level,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
      hooks: { streamWrite: withoutApiKeys },
    },
    destination,
  );
}

/** Builds the service without starting it; the database closes with the app. */
export async function buildApp(options: BuildAppOptions) {
  const { config } = options;
  // Fastify applies the logger's own `req` serializer in place of its default, which logs the full
  // URL. Set on a child, it also covers a logger that the caller passes in.
  const logger = (options.logger ?? createLogger(config.logLevel)).child({}, { serializers: { req: serializeRequest } });
  const renderer = createAgnesRenderer({ docsBaseUrl: config.docsBaseUrl });
  const database = openDatabaseOrExplain(config.databasePath);

  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT,
    // `/v1/policies/` is the collection and `/v1/policies/pol_1/` the policy, as clients expect.
    // Without this, `/v1/policies/` would reach the `:id` routes with an empty id.
    routerOptions: { ignoreTrailingSlash: true },
    ...errorsServerOptions({ renderer, logger }),
    // All errors per body, and no silent removal or coercion, so 422s list every invalid field.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false, useDefaults: false } },
  });
  app.addHook('onClose', async () => database.close());
  app.addHook('onRequest', rejectEmptySegments);
  // Node's `server.close()` ends idle connections only. A keep-alive connection whose request was
  // in progress would stay open after its response and hold the close until the client or the
  // keep-alive timeout (72 s in Fastify 5) ends it, so responses sent while closing end theirs.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // The routes read JSON only. Without Fastify's built-in text/plain parser, a text body gets a 415
  // that lists application/json alone, instead of a 422 from the body schema.
  app.removeContentTypeParser('text/plain');
  app.addHook('preParsing', rejectNonUtf8Json);
  addUtf8JsonParser(app);
  await app.register(errorsPlugin, { renderer, supportedMediaTypes: JSON_MEDIA_TYPES });

  app.get('/health', async () => ({ status: 'ok' }));
  if (config.demoFaults) {
    // Shows masking: the message names an internal address, which only the log may show.
    app.get('/v1/_fault', async () => {
      throw new Error('connect ECONNREFUSED 10.0.3.7:5432 (policy database)');
    });
  }
  await app.register(policyRoutes, {
    database,
    limits: { perKey: new RateLimiter(config.rateLimitMax), failuresPerAddress: new RateLimiter(config.authFailureLimitMax) },
    beforeCreate: options.beforeCreatePolicy,
    demoDelay: config.demoFaults,
  });
  return { app, database };
}
