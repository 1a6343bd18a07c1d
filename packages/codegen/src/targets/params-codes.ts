/** The codes of a registry as the params reader needs them. */
import type { ErrorEntry, Registry } from '@agnes/errors/define';

/** A code, whether its registry entry declares params, and the param that carries its Retry-After delay. */
export interface CodeParams {
  code: string;
  hasParams: boolean;
  /** The entry's `retry.afterParam`, whose TypeScript type must be a number. */
  afterParam?: string;
}

/** Lists the codes of a registry, in registry order, with whether each declares params and its Retry-After param. */
export function codeParamsOf(registry: Registry): CodeParams[] {
  return Object.entries(registry.entries as Record<string, ErrorEntry<any>>).map(([code, entry]) => ({
    code,
    hasParams: Object.keys(entry.params ?? {}).length > 0,
    ...(entry.retry?.afterParam === undefined ? {} : { afterParam: entry.retry.afterParam }),
  }));
}
