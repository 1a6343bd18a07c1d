/** Facts of the Agnes contract snapshot that the registry's runtime entries do not carry. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface ContractSnapshot {
  codes: readonly { code: string; publicParams: readonly { name: string; required: boolean }[] }[];
}

/** Returns the public params that every envelope of each code carries, from `@agnes/errors/contract.json`. */
export function agnesRequiredParams(): Record<string, string[]> {
  const require = createRequire(import.meta.url);
  const path = join(dirname(require.resolve('@agnes/errors/package.json')), 'generated', 'contract.json');
  if (!existsSync(path)) {
    throw new Error(`${path} is missing; run \`pnpm --filter @agnes/errors codegen\` (or \`pnpm build\`) first`);
  }
  const contract = JSON.parse(readFileSync(path, 'utf8')) as ContractSnapshot;
  return Object.fromEntries(
    contract.codes.map(({ code, publicParams }) => [code, publicParams.filter((param) => param.required).map((param) => param.name)]),
  );
}
