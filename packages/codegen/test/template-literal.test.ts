/**
 * Template literal types in params. A finite one, such as `${Domain}.${Reason}`
 * over two unions of two, becomes an enum of every combination. An open one
 * becomes a plain string. The CLI never crashes on either.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ContractSnapshot } from '../src/index.ts';
import { runCli } from './support/cli.ts';
import { defaultSpec, writeFixtureProject } from './support/fixture-project.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('template');

const UNIONS = "type Domain = 'auth' | 'billing';\ntype Reason = 'forbidden' | 'expired';";
const FOUR_CODES = ['auth.expired', 'auth.forbidden', 'billing.expired', 'billing.forbidden'];

interface TemplateCase {
  name: string;
  /** Declarations added to the domain file. */
  types: string;
  /** Type of the `failed_code` param. */
  paramType: string;
  example: unknown;
  want: Record<string, unknown>;
}

const cases: TemplateCase[] = [
  {
    name: 'exported alias',
    types: `${UNIONS}\nexport type Code = \`\${Domain}.\${Reason}\`;`,
    paramType: 'Code',
    example: 'auth.expired',
    want: { type: 'string', enum: FOUR_CODES },
  },
  {
    name: 'alias that is not exported',
    types: `${UNIONS}\ntype Code = \`\${Domain}.\${Reason}\`;`,
    paramType: 'Code',
    example: 'billing.forbidden',
    want: { type: 'string', enum: FOUR_CODES },
  },
  {
    name: 'inline template literal',
    types: UNIONS,
    paramType: '`${Domain}.${Reason}`',
    example: 'auth.forbidden',
    want: { type: 'string', enum: FOUR_CODES },
  },
  {
    name: 'array of the alias',
    types: `${UNIONS}\nexport type Code = \`\${Domain}.\${Reason}\`;`,
    paramType: 'Code[]',
    example: ['auth.expired'],
    want: { type: 'array', items: { type: 'string', enum: FOUR_CODES } },
  },
  {
    name: 'open template literal',
    types: `${UNIONS}\nexport type Code = \`\${Domain}.\${string}\`;`,
    paramType: 'Code',
    example: 'auth.anything',
    want: { type: 'string' },
  },
];

describe('template literal param types', () => {
  it.each(cases.map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const spec = defaultSpec();
    spec.extraTypes = { billing: item.types };
    spec.codes[0]!.params!.push({ name: 'failed_code', type: item.paramType, visibility: 'public', example: item.example });
    const project = await writeFixtureProject(await tempDir(), spec);

    const result = await runCli(['generate', '--config', project.config], project.dir);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const contract = JSON.parse(await readFile(project.outputs.contract, 'utf8')) as ContractSnapshot;
    const param = contract.codes.find((code) => code.code === 'payment_required')!.publicParams.find((item) => item.name === 'failed_code');
    expect(param).toEqual({ name: 'failed_code', required: true, schema: item.want });
  });
});
