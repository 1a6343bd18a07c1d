/** Loads the shared conformance vector files and turns their responses into `Response` objects. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Folder of the shared vector files, at the repository root. */
export const CONFORMANCE_DIR = fileURLToPath(new URL('../../../../conformance/', import.meta.url));

export type VectorBody =
  | null
  | { text: string }
  | { json: unknown }
  | { repeat: string; times: number; prefix?: string; suffix?: string };

export interface VectorRequest {
  method: string;
  idempotencyKey: boolean;
  retryNumber: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  now: string;
}

export interface VectorExpected {
  class: { typescript: string; python: string };
  status?: number;
  code?: string;
  isKnownCode?: boolean;
  requestId?: string | null;
  docUrl?: string | null;
  detail?: string;
  detailIncludes?: string[];
  detailExcludes?: string[];
  detailMaxLength?: number;
  params?: Record<string, unknown>;
  bodyJson?: unknown;
  bodyTextPrefix?: string;
  bodyTextMaxLength?: number;
  retry: { retry: false } | { retry: true; delayMs: { min: number; max: number } };
}

export interface Vector {
  id: string;
  description: string;
  request?: Partial<VectorRequest>;
  response: { status: number; headers: Record<string, string>; body?: VectorBody };
  expected: VectorExpected;
}

export interface VectorFile {
  format: string;
  defaults: { request: VectorRequest };
  vectors: Vector[];
}

/** Reads one vector file of the conformance folder. */
export function loadVectorFile(name: string): VectorFile {
  return JSON.parse(readFileSync(`${CONFORMANCE_DIR}${name}`, 'utf8')) as VectorFile;
}

/** Returns the text of a vector body; huge bodies are built from `repeat`. */
export function bodyText(body: VectorBody | undefined): string | undefined {
  if (body === null || body === undefined) return undefined;
  if ('text' in body) return body.text;
  if ('json' in body) return JSON.stringify(body.json);
  return `${body.prefix ?? ''}${body.repeat.repeat(body.times)}${body.suffix ?? ''}`;
}

const CHUNK_BYTES = 16_384;

/**
 * Builds the vector's response. The body streams in 16 KiB chunks, as a network body
 * would, and carries no Content-Type unless the vector sets one.
 */
export function responseOf(vector: Vector): Response {
  const text = bodyText(vector.response.body);
  const bytes = text === undefined ? undefined : new TextEncoder().encode(text);
  const stream =
    bytes === undefined
      ? null
      : new ReadableStream<Uint8Array>({
          start(controller) {
            for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) controller.enqueue(bytes.subarray(offset, offset + CHUNK_BYTES));
            controller.close();
          },
        });
  return new Response(stream, { status: vector.response.status, headers: vector.response.headers });
}
