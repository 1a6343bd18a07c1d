/**
 * Failures of `@fastify/multipart` are faults of the client's upload: each gets a registry 4xx,
 * logged at info level without a stack, not a masked 500 logged as a server fault.
 */
import multipart from '@fastify/multipart';
import Fastify, { type FastifyRequest } from 'fastify';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createAgnesRenderer } from '../src/index.ts';
import { errorsPlugin, errorsServerOptions } from '../src/fastify/index.ts';
import { send, sendAndClose } from './support/http.ts';
import { captureLogs, LEVEL, type LogLine } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';

const BOUNDARY = 'agnes-boundary';
const MULTIPART = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
const FILE_SIZE_LIMIT = 16;
const CALL_FILE_SIZE_LIMIT = 8;

/** One part of a multipart body: a field, or a file when `filename` is set. */
interface Part {
  name: string;
  value: string;
  filename?: string;
  contentType?: string;
}

function partOf({ name, value, filename, contentType }: Part): string {
  const disposition = `form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}`;
  const type = contentType === undefined ? '' : `Content-Type: ${contentType}\r\n`;
  return `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n${value}\r\n`;
}

function multipartBody(...parts: Part[]): string {
  return `${parts.map(partOf).join('')}--${BOUNDARY}--\r\n`;
}

const file = (name: string, value: string): Part => ({ name, value, filename: `${name}.txt`, contentType: 'text/plain' });
const field = (name: string, value: string, contentType?: string): Part => ({ name, value, contentType });

const logs = captureLogs();
const options = { renderer: createAgnesRenderer(), logger: logs.logger };

async function startApp(): Promise<{ url: string; port: number }> {
  const app = Fastify({ ...errorsServerOptions(options) });
  await app.register(errorsPlugin, options);
  await app.register(multipart, { limits: { fileSize: FILE_SIZE_LIMIT, files: 1, fields: 1, parts: 3 } });

  const upload = async (request: FastifyRequest) => {
    const file = await request.file();
    return { size: (await file?.toBuffer())?.length ?? 0 };
  };
  app.post('/upload', upload);
  app.get('/upload', upload);
  app.post('/small-upload', async (request) => {
    const upload = await request.file({ limits: { fileSize: CALL_FILE_SIZE_LIMIT } });
    return { size: (await upload?.toBuffer())?.length ?? 0 };
  });

  app.post('/parts', async (request) => {
    let count = 0;
    for await (const part of request.parts()) {
      if (part.type === 'file') await part.toBuffer();
      count += 1;
    }
    return { count };
  });

  app.post('/many-parts', async (request) => {
    let count = 0;
    for await (const part of request.parts({ limits: { parts: 2, fields: 10, files: 10 } })) {
      if (part.type === 'file') await part.toBuffer();
      count += 1;
    }
    return { count };
  });

  // Errors that the plugin raises in states that a test client cannot reach reliably, such as a
  // request that closes without an error event.
  // The plugin's types leave out FileBufferNotFoundError, which `multipartErrors` has.
  const errorClasses = app.multipartErrors as unknown as Record<string, new () => Error>;
  app.post<{ Params: { name: string } }>('/throw/:name', async (request) => {
    throw new errorClasses[request.params.name]!();
  });

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  afterAll(() => app.close());
  return { url, port: (app.server.address() as { port: number }).port };
}

interface MultipartCase {
  name: string;
  /** @default 'POST' */
  method?: string;
  path: string;
  headers: Record<string, string>;
  /** Omitted for a request without a body. */
  body?: string;
  status: number;
  code: string;
  /** Public params of the envelope, besides the members that every envelope has. */
  params: Record<string, unknown>;
  /** Log level of the response's line. */
  level: number;
  /** Params in the log line, which has those that fill only the detail too, such as `reason`. */
  logged: Record<string, unknown>;
}

const NO_BODY_REASON = 'the request has no body, but this endpoint reads a multipart/form-data body';

const CASES: MultipartCase[] = [
  {
    name: 'file above limits.fileSize',
    path: '/upload',
    headers: MULTIPART,
    body: multipartBody(file('a', 'x'.repeat(100))),
    status: 413,
    level: LEVEL.info,
    code: 'payload_too_large',
    params: { max_bytes: FILE_SIZE_LIMIT },
    logged: { max_bytes: FILE_SIZE_LIMIT },
  },
  {
    name: 'file above the fileSize of request.file()',
    path: '/small-upload',
    headers: MULTIPART,
    body: multipartBody(file('a', 'x'.repeat(12))),
    status: 413,
    level: LEVEL.info,
    code: 'payload_too_large',
    params: { max_bytes: CALL_FILE_SIZE_LIMIT },
    logged: { max_bytes: CALL_FILE_SIZE_LIMIT },
  },
  {
    name: 'more files than limits.files',
    path: '/parts',
    headers: MULTIPART,
    body: multipartBody(file('a', '1'), file('b', '2')),
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: 'the multipart body has more files than the server accepts' },
  },
  {
    name: 'more fields than limits.fields',
    path: '/parts',
    headers: MULTIPART,
    body: multipartBody(field('a', '1'), field('b', '2')),
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: 'the multipart body has more fields than the server accepts' },
  },
  {
    name: 'more parts than the limits of request.parts()',
    path: '/many-parts',
    headers: MULTIPART,
    body: multipartBody(field('a', '1'), file('b', '2'), field('c', '3'), file('d', '4')),
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: 'the multipart body has more parts than the server accepts' },
  },
  {
    name: 'field named after a prototype property',
    path: '/parts',
    headers: MULTIPART,
    body: multipartBody(field('__proto__', '1')),
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: 'a multipart field is named after a property of Object.prototype, such as __proto__' },
  },
  {
    name: 'JSON field that does not parse',
    path: '/parts',
    headers: MULTIPART,
    body: multipartBody(field('a', '{"open":', 'application/json')),
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: 'a multipart field with Content-Type application/json is not valid JSON' },
  },
  {
    name: 'body that is not multipart',
    path: '/upload',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    status: 415,
    level: LEVEL.info,
    code: 'unsupported_media_type',
    params: { supported_media_types: ['multipart/form-data'] },
    logged: { supported_media_types: ['multipart/form-data'], content_type: 'application/json' },
  },
  {
    name: 'GET without a body',
    method: 'GET',
    path: '/upload',
    headers: {},
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: NO_BODY_REASON },
  },
  {
    name: 'POST with an empty body',
    path: '/upload',
    headers: {},
    body: '',
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: NO_BODY_REASON },
  },
  {
    name: 'Content-Type without a boundary',
    path: '/upload',
    headers: { 'content-type': 'multipart/form-data' },
    body: multipartBody(file('a', '1')),
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: 'the multipart Content-Type has no boundary parameter' },
  },
  {
    name: 'body without its closing boundary',
    path: '/upload',
    headers: MULTIPART,
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"; filename="a.txt"\r\n\r\nabc`,
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: 'the multipart body ends before its closing boundary' },
  },
  {
    name: 'PrematureCloseError thrown',
    path: '/throw/PrematureCloseError',
    headers: {},
    body: '',
    status: 400,
    level: LEVEL.info,
    code: 'bad_request',
    params: {},
    logged: { reason: 'the request body was aborted' },
  },
  {
    name: 'FileBufferNotFoundError, a server fault,',
    path: '/throw/FileBufferNotFoundError',
    headers: {},
    body: '',
    status: 500,
    level: LEVEL.error,
    code: 'internal_error',
    params: {},
    logged: {},
  },
];

const ABORTED_REASON = 'the request body was aborted';

/** Returns the `reason` param of a log line, if it has one. */
function reasonOf(line: LogLine): unknown {
  return (line.params as { reason?: unknown } | undefined)?.reason;
}

/** Members that every envelope has. */
const ENVELOPE_MEMBERS = ['detail', 'code', 'request_id', 'doc_url'];

describe('fastify multipart failures', () => {
  const app = startApp();

  it.each(CASES)('$name gets $status $code', async ({ method = 'POST', path, headers, body, status, level, code, params, logged }) => {
    const response = await send((await app).url, method, path, { headers, body });

    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(Object.keys(response.body).sort()).toEqual([...ENVELOPE_MEMBERS, ...Object.keys(params)].sort());
    expect(response.body).toMatchObject(params);
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
    const line = logs.lines().find((candidate) => candidate.request_id === response.body.request_id);
    expect(line?.level).toBe(level);
    // Only a server fault is logged with its error and stack.
    expect(line?.err !== undefined).toBe(level === LEVEL.error);
    expect(line?.params ?? {}).toEqual(logged);
  });

  // Node's aborted-request error reaches the route before the plugin's own error, so this passes
  // through the adapter's general check of the request stream.
  it('logs an aborted upload at info', async () => {
    const head = `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${MULTIPART['content-type']}\r\nContent-Length: 1000\r\n\r\n`;
    const started = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"; filename="a.txt"\r\n\r\nabc`;

    await sendAndClose((await app).port, head + started);
    const line = await vi.waitFor(
      () => {
        const found = logs.lines().find((candidate) => candidate.path === '/upload' && reasonOf(candidate) === ABORTED_REASON);
        if (found === undefined) throw new Error(`No log line of the aborted upload yet; lines so far: ${logs.text()}`);
        return found;
      },
      { timeout: 3000, interval: 10 },
    );

    expect(line.level).toBe(LEVEL.info);
    expect(line.code).toBe('bad_request');
    expect(line).not.toHaveProperty('err');
  });
});
