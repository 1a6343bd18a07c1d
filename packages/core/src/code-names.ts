/** Checks of code names across a whole registry, and the place of a code in the domains of a registry input. */
import type { DomainEntries } from './define.ts';
import type { RegistryIssue } from './validate.ts';

/**
 * Describes where `code` sits in `domains[index]` so that a reader can find it
 * in the `defineRegistry` call: the domain's index and first code, and the
 * code just before it. Domains are plain objects, so the registry has no
 * names for them.
 */
export function describeCodePlace(domains: readonly DomainEntries[], index: number, code: string): string {
  const codes = Object.keys(domains[index] ?? {});
  const position = codes.indexOf(code);
  if (position <= 0) return `domains[${index}] as its first code`;
  return `domains[${index}] (which starts with "${codes[0]}") after "${codes[position - 1]}"`;
}

/**
 * Returns an issue for each code whose PascalCase name is the one of an earlier
 * code, such as `a_1b` and `a1b`. Codegen names each code's params interface
 * and schema definitions after it (`A1bParams`, `A1bEnvelope`), so such codes
 * would share them.
 */
export function pascalCaseClashes(codes: Iterable<string>): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const codeByName = new Map<string, string>();
  for (const code of codes) {
    const name = toPascalCase(code);
    const other = codeByName.get(name);
    if (other === undefined) {
      codeByName.set(name, code);
      continue;
    }
    issues.push({
      code,
      field: 'code',
      message: `becomes ${name} in PascalCase, as "${other}" does, so both would need ${name}Params and ${name}Envelope; rename one of the two codes`,
    });
  }
  return issues;
}

/** Converts a snake_case code to PascalCase the way codegen does, such as `email_not_verified` to `EmailNotVerified`. */
export function toPascalCase(code: string): string {
  return code
    .split('_')
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
