/** The Agnes site's name, the folder of its hand-written pages, and the contract facts its pages need. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SiteSummary } from '@agnes/errors-docs';

/** Name and summary of the Agnes docs, for page titles, the error index and llms.txt. */
export const AGNES_SITE: SiteSummary = {
  title: 'Agnes API',
  summary: 'Guides to tenants, users, API keys and API conventions, and the reference of every error code the Agnes API sends.',
};

/** Folder of the site's hand-written pages. */
export const CONTENT_DIR = fileURLToPath(new URL('../content/', import.meta.url));

interface ContractSnapshot {
  codes: readonly { code: string; publicParams: readonly { name: string; required: boolean }[] }[];
}

/**
 * Returns the public params that every envelope of each Agnes code carries, read from
 * `@agnes/errors/contract.json`, which `pnpm generate` writes from the registry.
 *
 * @throws {Error} naming the file and the command that makes it, when the file is missing.
 */
export function agnesRequiredParams(): Record<string, string[]> {
  const require = createRequire(import.meta.url);
  let contract: ContractSnapshot;
  try {
    contract = JSON.parse(readFileSync(require.resolve('@agnes/errors/contract.json'), 'utf8')) as ContractSnapshot;
  } catch (cause) {
    throw new Error('Cannot read @agnes/errors/contract.json; run `pnpm generate` first', { cause });
  }
  return Object.fromEntries(
    contract.codes.map(({ code, publicParams }) => [code, publicParams.filter((param) => param.required).map((param) => param.name)]),
  );
}
