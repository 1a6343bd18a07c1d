/** Loads a registry module and finds the registry among its exports. */
import { pathToFileURL } from 'node:url';
import { RegistryError, validateRegistry, type Registry } from '@agnes/errors/define';

/** Raised when a module holds no usable registry. */
export class RegistryLoadError extends Error {
  override name = 'RegistryLoadError';
}

/**
 * Imports `file` and returns its registry: the export named `exportName`, or
 * else the only export that looks like a registry. The registry is validated
 * again, so that registries built without `defineRegistry` are checked too.
 */
export async function loadRegistry(file: string, exportName?: string): Promise<Registry> {
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    throw new RegistryLoadError(`Cannot load registry module ${file}: ${(error as Error).message}`, { cause: error });
  }

  const candidates = Object.entries(module).filter(([, value]) => isRegistryLike(value));
  let chosen: unknown;
  if (exportName !== undefined) {
    chosen = module[exportName];
    if (!isRegistryLike(chosen)) {
      throw new RegistryLoadError(`Export "${exportName}" of ${file} is not a registry; export the result of defineRegistry under that name`);
    }
  } else if (candidates.length === 1) {
    chosen = candidates[0]?.[1];
  } else {
    const names = candidates.map(([name]) => name).join(', ') || 'none';
    throw new RegistryLoadError(
      `Expected exactly one registry export in ${file}, found ${candidates.length} (${names}); set "export" in the config`,
    );
  }

  const registry = chosen as Registry;
  return validateRegistry({
    version: registry.version,
    domains: [registry.entries],
    families: registry.families,
    tombstones: registry.tombstones,
  });
}

function isRegistryLike(value: unknown): value is Registry {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Registry>;
  return typeof candidate.version === 'string' && typeof candidate.entries === 'object' && typeof candidate.families === 'object';
}
