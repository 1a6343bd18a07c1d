/**
 * The error envelope: the JSON body of every Agnes error response, and the one
 * function that builds it.
 */
import type { ErrorEntry, Registry } from './define.ts';
import type { ErrorEnvelopeBase, ProblemDetailsMembers } from './envelope-types.ts';
import { renderTemplate } from './template.ts';

/** Default base URL of the error docs; `doc_url` is `<base>/errors/<code>`. */
export const DEFAULT_DOCS_BASE_URL = 'https://docs.lasscyber.com';

/** Request id used in every docs and OpenAPI example, so that examples are stable. */
export const EXAMPLE_REQUEST_ID = '5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91';

/** The params interface of an entry returned by `defineError`. */
export type ParamsOfEntry<E> = E extends { readonly __params?: infer P } ? (unknown extends P ? {} : P) : {};

/** Names of the params of an entry that go into the envelope. */
export type PublicParamNames<E> = E extends { params: infer V }
  ? { [K in keyof V]: V[K] extends 'public' ? K : never }[keyof V] & keyof ParamsOfEntry<E>
  : never;

/** Names of the params of an entry that are only logged. */
export type InternalParamNames<E> = Exclude<keyof ParamsOfEntry<E>, PublicParamNames<E>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Public params of an entry: the members it adds to the envelope. A union of entries gives a union. */
export type PublicParamsOfEntry<E> = E extends unknown ? Simplify<Pick<ParamsOfEntry<E>, PublicParamNames<E>>> : never;

/** Entries of a registry, keyed by code. */
export type EntriesOf<R> = R extends Registry<infer M> ? M : never;

/** The codes of a registry. */
export type CodeOf<R> = keyof EntriesOf<R> & string;

/** All params of a code, public and internal. */
export type ParamsOf<R, C extends CodeOf<R>> = ParamsOfEntry<EntriesOf<R>[C]>;

/** Public params of a code. */
export type PublicParamsOf<R, C extends CodeOf<R>> = PublicParamsOfEntry<EntriesOf<R>[C]>;

/**
 * The envelope of one code: the base members, `code` as a literal and its public params.
 * A union of codes gives the union of their envelopes, discriminated by `code`.
 */
export type EnvelopeOf<R, C extends CodeOf<R>> = C extends CodeOf<R>
  ? Simplify<Omit<ErrorEnvelopeBase, 'code'> & { code: C } & PublicParamsOf<R, C>>
  : never;

/** The union of every code's envelope, discriminated by `code`. */
export type EnvelopeUnion<R> = { [C in CodeOf<R>]: EnvelopeOf<R, C> }[CodeOf<R>];

/** Options of `buildEnvelope`. */
export interface BuildEnvelopeOptions {
  /** Request id, sent as `request_id` and as the `X-Request-Id` header. */
  requestId: string;
  /** Base URL of the docs site. @default 'https://docs.lasscyber.com' */
  docsBaseUrl?: string;
  /** Replaces the detail that the template would produce. */
  detail?: string;
  /** Adds the RFC 9457 members; `instance` is the request path. */
  problem?: { instance?: string };
}

/**
 * Returns the docs page URL of a code under a docs base URL, `<base>/errors/<code>`.
 * Trailing slashes of the base are ignored.
 *
 * @throws {TypeError} when the base is not an absolute http(s) URL, or has a query,
 * a fragment or credentials, which would end up in every `doc_url`.
 */
export function docUrlOf(code: string, docsBaseUrl: string = DEFAULT_DOCS_BASE_URL): string {
  const prefix = docsPrefixes.get(docsBaseUrl) ?? docsPrefixOf(docsBaseUrl);
  return `${prefix}/errors/${encodeURIComponent(code)}`;
}

/**
 * Checked docs base URLs and their `doc_url` prefixes. Servers build an envelope per error
 * response, and parsing the same base URL each time is a measurable part of that.
 */
const docsPrefixes = new Map<string, string>();
/** Maximum number of base URLs kept. A process uses one or a few, so the bound only stops unbounded growth. */
const MAX_DOCS_PREFIXES = 32;

function docsPrefixOf(docsBaseUrl: string): string {
  let base: URL;
  try {
    base = new URL(docsBaseUrl);
  } catch {
    throw new TypeError(`Invalid docs base URL "${docsBaseUrl}": expected an absolute http(s) URL such as ${DEFAULT_DOCS_BASE_URL}`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TypeError(`Invalid docs base URL "${docsBaseUrl}": expected http: or https:, got ${base.protocol}`);
  }
  if (base.username !== '' || base.password !== '') {
    // The message names the host only, so that the password does not reach logs.
    throw new TypeError(`Invalid docs base URL for host ${base.host}: remove the user name and password from it`);
  }
  if (base.search !== '' || base.hash !== '') {
    const part = base.search !== '' ? 'query' : 'fragment';
    throw new TypeError(`Invalid docs base URL "${docsBaseUrl}": remove the ${part}, because doc_url appends /errors/<code> to the path`);
  }
  const prefix = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  if (docsPrefixes.size < MAX_DOCS_PREFIXES) docsPrefixes.set(docsBaseUrl, prefix);
  return prefix;
}

/**
 * Facts of an entry that `buildEnvelope` reads on every call: the names of its public params, in
 * declaration order, and its doc URL under the docs base URL of the last call. Servers build an
 * envelope per error response, and reading these again each time is a measurable part of that.
 */
interface EntryFacts {
  /**
   * The `params` declaration that `publicParams` was read from, to notice a replaced one.
   * NOTE: a declaration edited in place after the first envelope is not noticed, as in `lookupsOf`.
   */
  readonly params: ErrorEntry<any>['params'];
  readonly publicParams: readonly string[];
  code: string;
  docsBaseUrl: string | undefined;
  docUrl: string;
}

/** Facts per entry object; entries are dropped with their registry. */
const factsByEntry = new WeakMap<ErrorEntry<any>, EntryFacts>();

function entryFactsOf(entry: ErrorEntry<any>, code: string, docsBaseUrl: string | undefined): EntryFacts {
  let facts = factsByEntry.get(entry);
  if (facts === undefined || facts.params !== entry.params) {
    const publicParams = Object.entries(entry.params ?? {})
      .filter(([, visibility]) => visibility === 'public')
      .map(([name]) => name);
    facts = { params: entry.params, publicParams, code, docsBaseUrl, docUrl: docUrlOf(code, docsBaseUrl) };
    factsByEntry.set(entry, facts);
  } else if (facts.code !== code || facts.docsBaseUrl !== docsBaseUrl) {
    // docUrlOf validates the base URL before anything is stored.
    facts.docUrl = docUrlOf(code, docsBaseUrl);
    facts.code = code;
    facts.docsBaseUrl = docsBaseUrl;
  }
  return facts;
}

/**
 * Builds the envelope of a code from its params. The detail comes from the
 * code's template, or from `options.detail`. Only public params become members,
 * so detail and internal params never reach the body. Members come in the order
 * `detail`, `code`, `request_id`, `doc_url`, then public params in declaration
 * order, then the RFC 9457 members when `options.problem` is set.
 *
 * @throws {TypeError} when the code is not in the registry or the docs base URL is invalid.
 * @example
 * buildEnvelope(registry, 'forbidden', { scope: 'policy:delete' }, { requestId: 'req_1' });
 * // { detail: 'Permission denied: missing scope policy:delete.', code: 'forbidden', request_id: 'req_1',
 * //   doc_url: 'https://docs.lasscyber.com/errors/forbidden' }
 */
export function buildEnvelope<R extends Registry<any>, C extends CodeOf<R>>(
  registry: R,
  code: C,
  params: ParamsOf<R, C>,
  options: BuildEnvelopeOptions,
): EnvelopeOf<R, C> & ProblemDetailsMembers {
  const entries = registry.entries as Readonly<Record<string, ErrorEntry<any>>>;
  const entry = Object.hasOwn(entries, code) ? entries[code] : undefined;
  if (!entry) {
    throw new TypeError(`Unknown error code "${code}": it is not in the registry; use one of its codes or add an entry`);
  }
  const values = (params ?? {}) as Record<string, unknown>;
  const facts = entryFactsOf(entry, code, options.docsBaseUrl);
  const docUrl = facts.docUrl;
  const envelope: Record<string, unknown> = {
    detail: options.detail ?? renderTemplate(entry.detail, values),
    code,
    request_id: options.requestId,
    doc_url: docUrl,
  };
  for (const name of facts.publicParams) {
    if (values[name] !== undefined) envelope[name] = values[name];
  }
  if (options.problem) {
    envelope.type = docUrl;
    envelope.title = entry.title;
    envelope.status = entry.status;
    if (options.problem.instance !== undefined) envelope.instance = options.problem.instance;
  }
  return envelope as EnvelopeOf<R, C> & ProblemDetailsMembers;
}
