/**
 * Helpers that turn plain objects of error entries into a typed registry.
 *
 * The types catch what the compiler can see (unknown related codes, detail
 * placeholders without a declared param, SDK class names that are not
 * identifiers). `validateRegistry` catches the rest when the registry is built.
 */
import { validateRegistry } from './validate.ts';

/**
 * Where a param goes: `public` params are envelope members, `detail` params only
 * fill placeholders of the detail message, and `internal` params are only logged.
 */
export type ParamVisibility = 'public' | 'detail' | 'internal';

/** Exception class names of one code or one status family, per SDK language. */
export interface SdkClassNames<TS extends string = string, PY extends string = string> {
  /** TypeScript class name, such as `PermissionError`. */
  typescript: TS;
  /** Python class name inside the `agnes` package, such as `PermissionError`. */
  python: PY;
}

/** Retry advice shown in the "Retry?" cell and followed by the SDKs. */
export interface RetryPolicy {
  /** Whether SDKs retry the request automatically. */
  retryable: boolean;
  /** What the caller should do, such as "request additional permissions". */
  advice: string;
  /** Name of the integer param that carries the server's delay in seconds, sent as `Retry-After`. */
  afterParam?: string;
  /**
   * Why SDKs act as they do, one line without a final period, such as "there is no
   * recovery without a permission change". The docs page adds it to its retry sentence.
   */
  reason?: string;
}

/** A link from a code's page to another code's page. */
export interface RelatedCode<C extends string = string> {
  code: C;
  /** Short note shown after the link, such as "same status, different cause". */
  note?: string;
}

/** A link from a code's page to another docs page of the site. */
export interface RelatedPage {
  /** Site-absolute path, such as `/administration/api-keys`. */
  href: `/${string}`;
  title: string;
  note?: string;
}

export type RelatedLink<C extends string = string> = RelatedCode<C> | RelatedPage;

/** Deprecation of a code: the version that deprecated it and the code to use instead. */
export interface Deprecation<C extends string = string> {
  since: string;
  replacement?: C;
  reason?: string;
}

/** One error code as written in a domain file. `P` is the code's params interface. */
export interface ErrorEntry<P extends object = object, C extends string = string> {
  status: number;
  /** One-line title, such as "Forbidden". */
  title: string;
  /** One-line summary without a final period, shown after `HTTP <status> —`. */
  summary: string;
  retry: RetryPolicy;
  /** Markdown paragraph that opens "When this happens". */
  when: string;
  /** Markdown list items of common causes. */
  causes: readonly string[];
  /** Markdown steps of "How to fix", in order. */
  fix: readonly string[];
  /** Default `detail` message; `{name}` placeholders are filled from params. */
  detail: string;
  /** Visibility of every param of `P`. */
  params: { readonly [K in keyof P]-?: ParamVisibility };
  /** Example params for docs and OpenAPI examples. */
  example: P;
  /** Code-specific SDK classes; without it the code raises its status family's class. */
  sdk?: SdkClassNames;
  related: readonly RelatedLink<C>[];
  /** Contract version that added the code. */
  since: string;
  deprecated?: Deprecation<C>;
}

/** Placeholder names in a detail template, such as `scope` in `missing scope {scope}.`. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

type IdentifierStart =
  | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M'
  | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U' | 'V' | 'W' | 'X' | 'Y' | 'Z'
  | Lowercase<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M'>
  | Lowercase<'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U' | 'V' | 'W' | 'X' | 'Y' | 'Z'>
  | '_';
type IdentifierPart = IdentifierStart | '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type IsIdentifierRest<S extends string> = S extends ''
  ? true
  : S extends `${infer Head}${infer Tail}`
    ? Head extends IdentifierPart
      ? IsIdentifierRest<Tail>
      : false
    : false;

/** `true` when `S` is an ASCII identifier valid in both TypeScript and Python. */
export type IsIdentifier<S extends string> = string extends S
  ? true
  : S extends `${infer Head}${infer Tail}`
    ? Head extends IdentifierStart
      ? IsIdentifierRest<Tail>
      : false
    : false;

type IdentifierProblem<Field extends string, S> = S extends string
  ? IsIdentifier<S> extends true
    ? never
    : `Error: ${Field} "${S}" is not a valid class name; use letters, digits and _ only, not starting with a digit`
  : never;

type DetailProblem<D, P> = D extends string
  ? [Exclude<Placeholders<D>, keyof P & string>] extends [never]
    ? never
    : `Error: detail placeholder {${Exclude<Placeholders<D>, keyof P & string>}} has no declared param`
  : never;

/** Readable compile errors for an entry: each problem becomes a required property that is missing. */
export type EntryProblems<P, E> =
  | DetailProblem<E extends { detail: infer D } ? D : never, P>
  | IdentifierProblem<'sdk.typescript', E extends { sdk: { typescript: infer T } } ? T : never>
  | IdentifierProblem<'sdk.python', E extends { sdk: { python: infer T } } ? T : never>;

type ReportProblems<Problems extends string> = [Problems] extends [never] ? unknown : { [K in Problems]: never };

/**
 * Declares one error entry whose params follow the interface `P`.
 *
 * The call is curried so that `P` is given by hand and the entry itself is inferred,
 * which keeps the detail template and class names as literal types for the checks.
 *
 * @example
 * const notFound = defineError<NotFoundParams>()({ status: 404, detail: 'No {resource} with id {id}.', ... });
 */
export function defineError<P extends object = Record<never, never>>() {
  return <const E extends ErrorEntry<P>>(entry: E & ReportProblems<EntryProblems<P, E>>): E & { readonly __params?: P } =>
    entry;
}

/** A domain file's entries, keyed by code. */
export type DomainEntries = Readonly<Record<string, ErrorEntry<any>>>;

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (
  value: infer I,
) => void
  ? I
  : never;

/** All entries of all domains as one object type. */
export type MergeDomains<D extends readonly DomainEntries[]> = UnionToIntersection<D[number]> extends infer M
  ? { [K in keyof M]: M[K] }
  : never;

type RelatedCodesOf<E> = E extends { related: readonly (infer R)[] }
  ? R extends { code: infer C extends string }
    ? C
    : never
  : never;
type ReplacementOf<E> = E extends { deprecated: { replacement: infer C extends string } } ? C : never;

/** Codes that entries reference (related links, replacements) but no domain defines. */
export type UnknownReferences<M> = Exclude<
  { [K in keyof M]: RelatedCodesOf<M[K]> | ReplacementOf<M[K]> }[keyof M],
  keyof M
>;

type ReferenceProblems<D extends readonly DomainEntries[]> = UnknownReferences<MergeDomains<D>> extends infer C
  ? C extends string
    ? `Error: related or replacement code "${C}" is not defined in any domain`
    : never
  : never;

/** A removed code, kept so that it is never reused with another meaning. */
export interface Tombstone {
  code: string;
  /** Contract version that removed it. */
  removedIn: string;
  reason?: string;
}

/** Options of `defineRegistry`. */
export interface RegistryInput<D extends readonly DomainEntries[]> {
  /** Contract version, used by docs and the snapshot. */
  version: string;
  domains: D;
  /** SDK class of each HTTP status that a code uses; codes without their own class raise it. */
  families: Readonly<Record<number, SdkClassNames>>;
  tombstones?: readonly Tombstone[];
}

/** A validated registry: the entries by code plus the families and tombstones. */
export interface Registry<M extends Readonly<Record<string, ErrorEntry<any>>> = Readonly<Record<string, ErrorEntry<any>>>> {
  readonly version: string;
  readonly entries: M;
  readonly families: Readonly<Record<number, SdkClassNames>>;
  readonly tombstones: readonly Tombstone[];
}

/**
 * Builds a registry from domain files, then validates what types cannot see:
 * duplicate codes across domains, statuses outside 400–599, codes not in
 * snake_case, tombstoned codes, and statuses without an SDK family.
 *
 * @throws {RegistryError} listing every problem, each naming the code and field.
 */
export function defineRegistry<const D extends readonly DomainEntries[]>(
  input: RegistryInput<D> & ReportProblems<ReferenceProblems<D>>,
): Registry<MergeDomains<D>> {
  const registry = validateRegistry(input as RegistryInput<readonly DomainEntries[]>);
  return registry as unknown as Registry<MergeDomains<D>>;
}
