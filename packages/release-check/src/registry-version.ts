/** Keeps the registry version of the Agnes catalog equal to the version of `@agnes/errors`. */

/** The `version` member of the `defineRegistry` call in the catalog's index file. */
const REGISTRY_VERSION = /^(\s*version: )'([^']*)',$/gm;

/**
 * Returns the catalog source with its registry version set to `version`.
 *
 * @throws {Error} when the source has no `version: '…',` line or more than one, naming the count.
 */
export function setRegistryVersion(source: string, version: string): string {
  const matches = [...source.matchAll(REGISTRY_VERSION)];
  if (matches.length !== 1) {
    throw new Error(
      `Expected exactly one "version: '<semver>'," line in the catalog index, found ${matches.length}; set the registry version by hand and rerun`,
    );
  }
  return source.replace(REGISTRY_VERSION, `$1'${version}',`);
}
