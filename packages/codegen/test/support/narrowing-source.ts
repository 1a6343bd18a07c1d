/**
 * Writes a TypeScript file that checks the types openapi-typescript makes from
 * openapi.json: a `switch (error.code)` narrows the union to each code's
 * envelope, each public param has the type its schema gives, and members of
 * other codes are not reachable after narrowing.
 */
import type { ContractSnapshot, NormalizedSchema } from '../../src/index.ts';
import { envelopeSchemaName } from '../../src/index.ts';

const PRELUDE = `import type { components } from './openapi.js';

type Schemas = components['schemas'];
type Responses = components['responses'];
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
declare function assertTrue<T extends true>(): void;
`;

/** The TypeScript type that a param schema should become, or `undefined` when only access is checked. */
export function expectedTypeOf(schema: NormalizedSchema): string | undefined {
  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) {
    return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  }
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const items = schema.items ? expectedTypeOf(schema.items as NormalizedSchema) : undefined;
      return items ? `(${items})[]` : undefined;
    }
    default:
      return undefined;
  }
}

/** Builds the checks for every code of the snapshot and every response of the document. */
export function narrowingSource(contract: ContractSnapshot, responses: Record<string, { content: Record<string, unknown> }>, statusCodes: Record<string, string[]>): string {
  const lines = [PRELUDE, `export function narrowByCode(error: Schemas['ErrorEnvelope']): void {`, '  switch (error.code) {'];
  const allParams = new Set(contract.codes.flatMap((code) => code.publicParams.map((param) => param.name)));

  for (const code of contract.codes) {
    lines.push(`    case ${JSON.stringify(code.code)}: {`);
    lines.push(`      assertTrue<Equal<typeof error, Schemas[${JSON.stringify(envelopeSchemaName(code.code))}]>>();`);
    for (const param of code.publicParams) {
      const expected = expectedTypeOf(param.schema);
      if (expected) {
        lines.push(`      assertTrue<Equal<typeof error.${param.name}, ${expected}${param.required ? '' : ' | undefined'}>>();`);
      } else {
        lines.push(`      void error.${param.name};`);
      }
    }
    const own = new Set(code.publicParams.map((param) => param.name));
    const foreign = [...allParams].find((name) => !own.has(name));
    if (foreign) {
      lines.push(`      // @ts-expect-error ${foreign} belongs to other codes only`, `      void error.${foreign};`);
    }
    lines.push('      break;', '    }');
  }
  lines.push('    default: {', '      const unreachable: never = error;', '      throw new Error(String(unreachable));', '    }', '  }', '}', '');

  for (const [response, codes] of Object.entries(statusCodes)) {
    const union = codes.map((code) => `Schemas[${JSON.stringify(envelopeSchemaName(code))}]`).join(' | ');
    for (const mediaType of Object.keys(responses[response]!.content)) {
      lines.push(`assertTrue<Equal<Responses[${JSON.stringify(response)}]['content'][${JSON.stringify(mediaType)}], ${union}>>();`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Checks of two catalog codes, written out by hand so that a wrong generator cannot agree with itself. */
export const CATALOG_CHECKS = `
export function narrowCatalog(error: Schemas['ErrorEnvelope']): number {
  switch (error.code) {
    case 'rate_limited':
      assertTrue<Equal<typeof error.retry_after, number>>();
      return error.retry_after;
    case 'validation_failed': {
      const first = error.errors[0];
      assertTrue<Equal<NonNullable<typeof first>['pointer'], string>>();
      assertTrue<Equal<NonNullable<typeof first>['code'], string>>();
      assertTrue<Equal<NonNullable<typeof first>['detail'], string>>();
      return error.errors.length;
    }
    case 'forbidden':
      // @ts-expect-error forbidden has no errors member
      return error.errors.length;
    default:
      return 0;
  }
}
`;

/** A check that must fail, to prove that the compiler run reports broken assertions. */
export const FAILING_CHECK = `
assertTrue<Equal<Schemas['RateLimitedEnvelope']['retry_after'], string>>();
`;
