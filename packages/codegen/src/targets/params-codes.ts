/** The codes of a registry as the params reader needs them. */
import type { ErrorEntry, Registry } from '@agnes/errors/define';

/** A code and whether its registry entry declares params. */
export interface CodeParams {
  code: string;
  hasParams: boolean;
}

/** Lists the codes of a registry, in registry order, with whether each declares params. */
export function codeParamsOf(registry: Registry): CodeParams[] {
  return Object.entries(registry.entries as Record<string, ErrorEntry<any>>).map(([code, entry]) => ({
    code,
    hasParams: Object.keys(entry.params ?? {}).length > 0,
  }));
}
