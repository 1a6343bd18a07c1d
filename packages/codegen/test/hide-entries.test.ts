/**
 * Hiding entry objects from the params program. The entries go and the types
 * and line numbers stay, whatever strings, templates and regular expressions
 * the entries contain. A params type that reads a value's type still works.
 */
import { describe, expect, it } from 'vitest';
import { hideEntryObjects } from '../src/targets/hide-entries.ts';
import { ts } from '../src/typescript.ts';
import { defaultSpec } from './support/fixture-project.ts';
import { renderFixture } from './support/render.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('hide');

const INTERFACE = 'export interface KeptParams {\n  /** Kept. */\n  kept: string;\n}';

interface HideCase {
  name: string;
  text: string;
  /** Text that the result must not contain. */
  hiddenText: string[];
  /** Text that the result must still contain. */
  keptText: string[];
}

const cases: HideCase[] = [
  {
    name: 'entries ended by a semicolon',
    text: `import { defineError } from '@agnes/errors';\n${INTERFACE}\nexport const errors = {\n  a: defineError<KeptParams>()({ detail: 'A {kept}.' }),\n};\n`,
    hiddenText: ['defineError<KeptParams>', "detail: 'A {kept}.'"],
    keptText: [INTERFACE, "import { defineError } from '@agnes/errors';"],
  },
  {
    name: 'entries without a semicolon before an interface',
    text: `export const errors = {\n  a: defineError()({ detail: 'A.' }),\n}\n${INTERFACE}\n`,
    hiddenText: ["detail: 'A.'"],
    keptText: [INTERFACE],
  },
  {
    name: 'braces inside strings',
    text: `export const errors = { a: defineError()({ detail: 'close } open { again }}', other: "}}" }) };\n${INTERFACE}\n`,
    hiddenText: ["'close } open { again }}'"],
    keptText: [INTERFACE],
  },
  {
    name: 'template literals with nested expressions',
    text: 'export const errors = { a: defineError()({ when: `x ${ { y: `z ${1 + 2} }` }.y } w }` }) };\n' + `${INTERFACE}\n`,
    hiddenText: ['`x ${'],
    keptText: [INTERFACE],
  },
  {
    name: 'regular expressions with braces',
    text: `export const errors = { a: defineError()({ pattern: /\\{[a-z]+\\}/g.source, ratio: 4 / 2 }) };\n${INTERFACE}\n`,
    hiddenText: ['/\\{[a-z]+\\}/g'],
    keptText: [INTERFACE],
  },
  {
    name: 'let and var',
    text: `let first = defineError()({});\nvar second = [defineError()({})];\n${INTERFACE}\n`,
    hiddenText: ['let first', 'var second'],
    keptText: [INTERFACE],
  },
  {
    name: 'values that do not call defineError',
    text: `export const PLANS = ['free', 'pro'] as const;\nconst limit = { max: 3 };\n${INTERFACE}\n`,
    hiddenText: [],
    keptText: ["export const PLANS = ['free', 'pro'] as const;", 'const limit = { max: 3 };', INTERFACE],
  },
  {
    name: 'comments that look like code',
    text: `// export const x = defineError()({ }); };\nexport const errors = { a: defineError()({}) }; /* } */\n${INTERFACE}\n`,
    hiddenText: ['export const errors'],
    keptText: ['// export const x = defineError()({ }); };', '/* } */', INTERFACE],
  },
];

describe('hideEntryObjects', () => {
  it.each(cases.map((item) => [item.name, item] as const))('%s', (_name, item) => {
    const hidden = hideEntryObjects(item.text);

    for (const text of item.hiddenText) expect(hidden).not.toContain(text);
    for (const text of item.keptText) expect(hidden).toContain(text);
    expect(hidden.split('\n')).toHaveLength(item.text.split('\n').length);
    const source = ts.createSourceFile('case.ts', hidden, ts.ScriptTarget.ES2022, true);
    expect((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  });

  it('keeps the line of each kept declaration', () => {
    const text = cases[0]!.text;
    const lineOf = (content: string, needle: string) => content.slice(0, content.indexOf(needle)).split('\n').length;

    expect(lineOf(hideEntryObjects(text), 'kept: string')).toBe(lineOf(text, 'kept: string'));
  });
});

describe('params types that read the type of a value', () => {
  it('see a value declared in a hidden statement', async () => {
    const spec = defaultSpec();
    spec.extraTypes = {
      billing: [
        "export const PLANS = ['free', 'pro'] as const, planErrors = { plan_required: defineError()({}) };",
        'export type Plan = (typeof PLANS)[number];',
      ].join('\n'),
    };
    spec.codes[0]!.params!.push({ name: 'plan', type: 'Plan', visibility: 'public', example: 'pro' });

    const fixture = await renderFixture(await tempDir(), spec);

    const param = fixture.contract.codes.find((code) => code.code === 'payment_required')!.publicParams.find((item) => item.name === 'plan');
    expect(param?.schema).toEqual({ enum: ['free', 'pro'], type: 'string' });
  });

  it('of the entries object fail with the file and the params type', async () => {
    const spec = defaultSpec();
    spec.extraTypes = { billing: 'export type BillingCode = keyof typeof billingErrors;' };
    spec.codes[0]!.params!.push({ name: 'other_code', type: 'BillingCode', visibility: 'public', example: 'card_declined' });

    await expect(renderFixture(await tempDir(), spec)).rejects.toThrow(
      /could not convert a params type at \S*src\/billing\.ts:\d+ in type PaymentRequiredParams/,
    );
  });
});
