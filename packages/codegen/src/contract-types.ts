/**
 * The format of `contract.json`: a normalized snapshot of everything that
 * consumers of a registry depend on. Keys are sorted at every level and every
 * list is sorted by its `name`, `code` or `status`, so that two snapshots diff
 * line by line.
 */

/** Version of this format. It changes only when the shape of the snapshot changes. */
export const CONTRACT_FORMAT_VERSION = 1;

/** A JSON Schema with sorted keys, `$ref`s inlined, and documentation keywords removed. */
export type NormalizedSchema = { readonly [keyword: string]: unknown };

/** The contract snapshot of a registry. */
export interface ContractSnapshot {
  /** The line that names the command that generated the file. */
  $comment: string;
  formatVersion: typeof CONTRACT_FORMAT_VERSION;
  /** Contract version of the registry. */
  version: string;
  /** Members that envelopes carry whatever the code, sorted by name. */
  envelope: ContractEnvelopeMember[];
  /** Every code, sorted by code. */
  codes: ContractCode[];
  /** SDK classes of each status family, sorted by status. */
  families: ContractFamily[];
  /** Removed codes, sorted by code. */
  tombstones: ContractTombstone[];
}

/** One shared envelope member. */
export interface ContractEnvelopeMember {
  name: string;
  /** Whether every envelope of the form carries it. */
  required: boolean;
  /** Whether only the RFC 9457 (`application/problem+json`) form carries it. */
  problemDetails: boolean;
  schema: NormalizedSchema;
}

/** One public param: an envelope member that a code adds. */
export interface ContractParam {
  name: string;
  required: boolean;
  schema: NormalizedSchema;
}

/** SDK exception classes of a code, and whether they are its own or its status family's. */
export interface ContractSdkClasses {
  typescript: string;
  python: string;
  source: 'code' | 'family';
}

/** Deprecation of a code. */
export interface ContractDeprecation {
  since: string;
  replacement: string | null;
}

/** Everything about one code that consumers depend on. */
export interface ContractCode {
  code: string;
  status: number;
  retryable: boolean;
  /** Public param whose value is sent as `Retry-After`, or `null`. */
  retryAfterParam: string | null;
  sdk: ContractSdkClasses;
  /** Params that become envelope members, sorted by name. */
  publicParams: ContractParam[];
  /** Names of the params that only fill the detail message, sorted. */
  detailParams: string[];
  /** Names of the params that are only logged, sorted. */
  internalParams: string[];
  /** Contract version that added the code. */
  since: string;
  deprecated: ContractDeprecation | null;
  /**
   * `sha256:<hex>` of the docs text: title, summary, retry advice and reason, when,
   * causes, fix, detail template, related links, deprecation reason and example
   * params. It changes when only the docs change.
   */
  docsDigest: string;
}

/** SDK classes of one status family. */
export interface ContractFamily {
  status: number;
  typescript: string;
  python: string;
}

/** A removed code that may never be reused. */
export interface ContractTombstone {
  code: string;
  removedIn: string;
}
