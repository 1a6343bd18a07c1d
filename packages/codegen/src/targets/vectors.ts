/**
 * The SDK conformance vectors of a registry. There is one vector per code, a response
 * with the code's example envelope and status, and one per status with a code that the
 * registry does not list. Each states the class, code and retry decision that every SDK
 * must produce, in the format that conformance/README.md documents.
 */
import { buildEnvelope, EXAMPLE_REQUEST_ID, type ErrorEntry, type Registry } from '@agnes/errors/define';
import { CodegenError } from '../errors.ts';
import type { TargetContext } from './context.ts';
import { formatJson } from './context.ts';

/** Version of the vector format; SDK runners reject files of another version. */
export const VECTOR_FORMAT = 'agnes-sdk-vectors/1';

/** Statuses that SDKs retry when the body has no known code. */
export const TRANSIENT_STATUSES: readonly number[] = [408, 429, 502, 503, 504];

/** Delay bounds of the first retry without a server hint: half to all of a 1 s base. */
const FIRST_BACKOFF_MS = { min: 500, max: 1000 };

/** Largest server hint that SDKs wait for by default; a longer hint ends the retries. */
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** One vector or any part of it, as it goes into the JSON file. */
type JsonObject = Record<string, unknown>;

interface ClassNames {
  typescript: string;
  python: string;
}

/** Renders the generated vector file of a registry. */
export function vectorsTarget(context: TargetContext): string {
  const registry = context.registry;
  const entries = Object.entries(registry.entries as Record<string, ErrorEntry<any>>);
  const vectors = [
    ...entries.map(([code, entry]) => codeVector(registry, code, entry)),
    ...statusesOf(entries).map((status) => unknownCodeVector(registry, status, entries)),
  ];
  return formatJson({
    $comment: context.header,
    format: VECTOR_FORMAT,
    contractVersion: registry.version,
    defaults: {
      request: { method: 'GET', idempotencyKey: false, retryNumber: 1, maxRetries: 2, maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS, now: '2026-10-21T07:27:30Z' },
    },
    vectors,
  });
}

function codeVector(registry: Registry, code: string, entry: ErrorEntry<any>): JsonObject {
  const example = (entry.example ?? {}) as Record<string, unknown>;
  const envelope: JsonObject = { ...buildEnvelope(registry, code, example, { requestId: EXAMPLE_REQUEST_ID }) };
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': EXAMPLE_REQUEST_ID };

  const afterParam = entry.retry.afterParam;
  let hintMs: number | undefined;
  const seconds = afterParam === undefined ? undefined : example[afterParam];
  if (afterParam !== undefined && seconds !== undefined) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw new CodegenError(`Code "${code}" (example.${afterParam}): retry.afterParam names it, so the example needs a non-negative integer of seconds, got ${JSON.stringify(seconds)}`);
    }
    headers['retry-after'] = String(seconds);
    hintMs = seconds * 1000;
  }

  const params: JsonObject = {};
  for (const [name, value] of Object.entries(envelope)) {
    if (entry.params?.[name] === 'public') params[name] = value;
  }

  return {
    id: `code/${code}`,
    description: `The example envelope of \`${code}\` with status ${entry.status}.`,
    response: { status: entry.status, headers, body: { json: envelope } },
    expected: {
      class: classOf(registry, code, entry),
      status: entry.status,
      code,
      isKnownCode: true,
      requestId: EXAMPLE_REQUEST_ID,
      docUrl: envelope.doc_url ?? null,
      detail: envelope.detail ?? null,
      params,
      retry: retryOf(entry.retry.retryable && entry.status !== 403, hintMs),
    },
  };
}

function unknownCodeVector(registry: Registry, status: number, entries: [string, ErrorEntry<any>][]): JsonObject {
  let code = `unlisted_code_${status}`;
  while (entries.some(([known]) => known === code)) code += '_x';
  const family = registry.families[status] as ClassNames;
  const body = { detail: `A code that this registry does not list, with status ${status}.`, code, request_id: EXAMPLE_REQUEST_ID };
  return {
    id: `unknown-code/${status}`,
    description: `A code that the registry does not list falls back to the family class of status ${status}.`,
    response: { status, headers: { 'content-type': 'application/json' }, body: { json: body } },
    expected: {
      class: { typescript: family.typescript, python: family.python },
      status,
      code,
      isKnownCode: false,
      requestId: EXAMPLE_REQUEST_ID,
      docUrl: null,
      detail: body.detail,
      params: {},
      retry: retryOf(TRANSIENT_STATUSES.includes(status), undefined),
    },
  };
}

function classOf(registry: Registry, code: string, entry: ErrorEntry<any>): ClassNames {
  const names = entry.sdk ?? registry.families[entry.status];
  if (!names) throw new CodegenError(`Code "${code}" (sdk): neither the code nor status ${entry.status} names an SDK class; add families[${entry.status}]`);
  return { typescript: names.typescript, python: names.python };
}

function retryOf(retryable: boolean, hintMs: number | undefined): JsonObject {
  if (!retryable) return { retry: false };
  if (hintMs === undefined) return { retry: true, delayMs: { ...FIRST_BACKOFF_MS } };
  if (hintMs > DEFAULT_MAX_RETRY_AFTER_MS) return { retry: false };
  return { retry: true, delayMs: { min: hintMs, max: hintMs } };
}

function statusesOf(entries: [string, ErrorEntry<any>][]): number[] {
  return [...new Set(entries.map(([, entry]) => entry.status))].sort((a, b) => a - b);
}
