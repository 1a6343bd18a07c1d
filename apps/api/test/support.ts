/** Helpers of the example service's tests: a running service, captured logs and schema validation. */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { buildApp, createLogger } from '../src/app.ts';
import { readConfig } from '../src/config.ts';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@agnes/errors/schema.json'), 'utf8')) as object;
// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateEnvelope = ajv.compile(schema);

/** Returns the violations of `@agnes/errors/schema.json` by a body; empty when it is valid. */
export function envelopeSchemaErrors(body: unknown): string[] {
  if (validateEnvelope(body)) return [];
  return (validateEnvelope.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface RunningService {
  url: string;
  /** Every log line so far, parsed. */
  logs(): LogLine[];
  /** Every log line so far, as written. */
  logText(): string;
  close(): Promise<void>;
}

/** Starts the service on 127.0.0.1 with a system-chosen port; `env` contains the variables it reads. */
export async function startService(env: Record<string, string> = {}, beforeCreatePolicy?: () => Promise<void>): Promise<RunningService> {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const config = readConfig({ PORT: '0', ...env });
  // The service's own logger setup, so that tests cover its redaction.
  const logger = createLogger('info', stream);
  const { app } = await buildApp({ config, logger, beforeCreatePolicy });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const logText = () => chunks.join('');
  return {
    url,
    logText,
    logs: () => logText().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as LogLine),
    close: () => app.close(),
  };
}

/**
 * Returns a `beforeCreatePolicy` gate for `startService` that pauses the first policy creation:
 * `arrived` resolves once that request waits at the gate, and `releaseFirst` lets it go on.
 */
export function holdFirstCreation(): { gate: () => Promise<void>; arrived: Promise<void>; releaseFirst: () => void } {
  let releaseFirst: () => void = () => {};
  let firstArrived: () => void = () => {};
  const arrived = new Promise<void>((resolve) => {
    firstArrived = resolve;
  });
  const gate = () =>
    new Promise<void>((resolve) => {
      releaseFirst = resolve;
      firstArrived();
    });
  return { gate, arrived, releaseFirst: () => releaseFirst() };
}

/** Resolves like `promise`, or rejects when it has not settled within `ms` milliseconds. */
export async function settledWithin<T>(promise: Promise<T>, ms: number, description: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${description}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

/** Sends a request, with `key` as the bearer credential when given, and parses a JSON body. */
export async function call(
  service: RunningService,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, service.url), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/**
 * Sends a request whose headers are given as name, value, name, value… so that a header can be
 * sent twice, which `fetch` cannot do. Node adds no Host header to such a list, so this adds it.
 */
export function callWithRawHeaders(service: RunningService, method: string, path: string, rawHeaders: string[], body?: unknown): Promise<ApiResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = ['host', new URL(service.url).host, ...rawHeaders];
  if (payload !== undefined) headers.push('content-type', 'application/json', 'content-length', String(Buffer.byteLength(payload)));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(new URL(path, service.url), { method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const responseHeaders = new Headers();
        for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
          responseHeaders.append(incoming.rawHeaders[index] as string, incoming.rawHeaders[index + 1] as string);
        }
        const parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        resolve({ status: incoming.statusCode ?? 0, headers: responseHeaders, text, body: parsed });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** Every API error must be a schema-valid envelope whose request id is also in the header. */
export function envelopeProblems(response: ApiResponse): string[] {
  const problems = envelopeSchemaErrors(response.body);
  if (response.headers.get('x-request-id') !== response.body.request_id) problems.push('X-Request-Id differs from request_id');
  return problems;
}
