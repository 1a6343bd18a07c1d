/** Lookups over a registry, built once per registry and cached. */
import type { ErrorEntry, Registry, SdkClassNames } from './define.ts';

/** Maps from codes, statuses and SDK class names, in both directions. */
export interface RegistryLookups {
  /** Entry of each code. */
  readonly entryByCode: ReadonlyMap<string, ErrorEntry<any>>;
  /** Codes of each status, in registry order. */
  readonly codesByStatus: ReadonlyMap<number, readonly string[]>;
  /** SDK classes of each code: its own, or its status family's. */
  readonly sdkClassByCode: ReadonlyMap<string, SdkClassNames>;
  /** Codes that raise each TypeScript SDK class. */
  readonly codesBySdkClass: ReadonlyMap<string, readonly string[]>;
  /** Statuses used by at least one code, ascending. */
  readonly statuses: readonly number[];
}

const cache = new WeakMap<Registry<any>, RegistryLookups>();

/** Returns the lookups of a registry, building them on first use. */
export function lookupsOf(registry: Registry<any>): RegistryLookups {
  const cached = cache.get(registry);
  if (cached) return cached;

  const entryByCode = new Map<string, ErrorEntry<any>>();
  const codesByStatus = new Map<number, string[]>();
  const sdkClassByCode = new Map<string, SdkClassNames>();
  const codesBySdkClass = new Map<string, string[]>();

  for (const [code, entry] of Object.entries(registry.entries as Record<string, ErrorEntry<any>>)) {
    entryByCode.set(code, entry);
    appendTo(codesByStatus, entry.status, code);
    const family = registry.families[entry.status];
    const names = entry.sdk ?? family;
    if (names) {
      sdkClassByCode.set(code, names);
      appendTo(codesBySdkClass, names.typescript, code);
    }
  }

  const lookups: RegistryLookups = {
    entryByCode,
    codesByStatus,
    sdkClassByCode,
    codesBySdkClass,
    statuses: [...codesByStatus.keys()].sort((a, b) => a - b),
  };
  cache.set(registry, lookups);
  return lookups;
}

function appendTo<K>(map: Map<K, string[]>, key: K, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
