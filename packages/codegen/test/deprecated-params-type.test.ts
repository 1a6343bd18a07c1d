/**
 * A deprecated params type: an interface or type alias with `@deprecated` that a public param
 * references. The SDK modules mark the type and the member that references it as they mark a
 * deprecated member, because the contract diff reports that member as deprecated.
 */
import { describe, expect, it } from 'vitest';
import { defaultSpec } from './support/fixture-project.ts';
import { renderFixtureSdks, type RenderedSdks } from './support/render.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('deprecated-params-type');

interface TypeCase {
  name: string;
  /** The `@deprecated` tag line. */
  tag: string;
  /** What the TypeScript JSDoc carries. */
  typescript: string;
  /** What the Python docstring carries. */
  python: string;
}

const cases: TypeCase[] = [
  { name: 'reason', tag: '@deprecated use limit_minor', typescript: '@deprecated use limit_minor', python: 'Deprecated: use limit_minor.' },
  { name: 'bare tag', tag: '@deprecated', typescript: '@deprecated', python: 'Deprecated.' },
];

/** Renders the default fixture with a public param `limit` of a deprecated interface and one of a deprecated alias. */
async function render(tag: string): Promise<RenderedSdks> {
  const spec = defaultSpec();
  spec.extraTypes = {
    billing: [
      `/**\n * A spend limit.\n * ${tag}\n */\nexport interface SpendLimit {\n  /** Limit in cents. */\n  cents: number;\n}`,
      `/**\n * A limit code.\n * ${tag}\n */\nexport type LimitCode = 'daily' | 'monthly';`,
    ].join('\n'),
  };
  spec.codes[0]!.params!.push(
    { name: 'limit', type: 'SpendLimit', visibility: 'public', example: { cents: 100 } },
    { name: 'limit_code', type: 'LimitCode', visibility: 'public', example: 'daily' },
  );
  return renderFixtureSdks(await tempDir(), spec);
}

/** Returns the text from the JSDoc that ends right above `declaration` to the declaration itself. */
function commentAbove(source: string, declaration: string): string {
  const end = source.indexOf(declaration);
  expect(end, `${declaration} is in the module`).toBeGreaterThan(-1);
  return source.slice(source.lastIndexOf('/**', end), end + declaration.length);
}

/** Returns the first docstring after `declaration`. */
function docstringBelow(source: string, declaration: string): string {
  const start = source.indexOf(declaration);
  expect(start, `${declaration} is in the module`).toBeGreaterThan(-1);
  const open = source.indexOf('"""', start);
  return source.slice(open, source.indexOf('"""', open + 3) + 3);
}

describe.each(cases)('deprecated params type with $name', (item) => {
  it('tags the TypeScript interface and alias', async () => {
    const { typescript } = await render(item.tag);

    expect(commentAbove(typescript, 'export interface SpendLimit {')).toContain(`A spend limit.\n * ${item.typescript}\n */`);
    expect(commentAbove(typescript, 'export type LimitCode =')).toContain(`A limit code.\n * ${item.typescript}\n */`);
  });

  it('tags the TypeScript members that reference it', async () => {
    const { typescript } = await render(item.tag);

    expect(commentAbove(typescript, 'limit: SpendLimit;')).toContain(`* ${item.typescript}\n`);
    expect(commentAbove(typescript, 'limit_code: LimitCode;')).toContain(`* ${item.typescript}\n`);
    expect(commentAbove(typescript, 'cents: number;')).not.toContain('@deprecated');
  });

  it('marks the Python TypedDict and alias', async () => {
    const { python } = await render(item.tag);

    expect(docstringBelow(python, 'class SpendLimit(')).toContain(`A spend limit.\n\n    ${item.python}\n`);
    expect(docstringBelow(python, 'LimitCode = ')).toContain(`A limit code.\n\n${item.python}\n`);
  });

  it('marks the Python keys that reference it', async () => {
    const { python } = await render(item.tag);

    expect(docstringBelow(python, '    limit: SpendLimit')).toContain(item.python);
    expect(docstringBelow(python, '    limit_code: LimitCode')).toContain(item.python);
    expect(docstringBelow(python, '    cents: ')).not.toContain('Deprecated');
  });
});
