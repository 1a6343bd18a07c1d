/**
 * Deprecated params in the SDK modules: the TypeScript params types get a `@deprecated` JSDoc tag
 * with the reason, and the Python `TypedDict` keys a "Deprecated: <reason>." sentence, the way
 * both modules already mark deprecated codes.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { defaultSpec, type FixtureSpec } from './support/fixture-project.ts';
import { renderFixtureSdks, type RenderedSdks } from './support/render.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('deprecated-params-sdk');

/** A type with a deprecated member, for a public param that references it. */
const SPEND_LIMIT = `export interface SpendLimit {
  /**
   * Limit in cents.
   * @asType integer
   * @deprecated read max_minor, which also covers currencies without cents
   */
  cents: number;
  /**
   * Limit in minor units.
   * @asType integer
   */
  max_minor: number;
}`;

async function render(change: (spec: FixtureSpec) => void): Promise<RenderedSdks> {
  const spec = defaultSpec();
  change(spec);
  return renderFixtureSdks(await tempDir(), spec);
}

/** Returns the lines from the JSDoc that ends right above `declaration` to the declaration itself. */
function commentAbove(source: string, declaration: string): string {
  const end = source.indexOf(declaration);
  expect(end, `${declaration} is in the module`).toBeGreaterThan(-1);
  const start = source.lastIndexOf('/**', end);
  return source.slice(start, end + declaration.length);
}

/** Returns the docstring right below a `TypedDict` key. */
function docstringBelow(source: string, declaration: string): string {
  const start = source.indexOf(declaration);
  expect(start, `${declaration} is in the module`).toBeGreaterThan(-1);
  const open = source.indexOf('"""', start);
  return source.slice(open, source.indexOf('"""', open + 3) + 3);
}

describe('deprecated params in the TypeScript SDK', () => {
  it('tags a reason', async () => {
    const { typescript } = await render((spec) => {
      spec.codes[0]!.params![0]!.tags = ['@asType integer', '@deprecated send amount_minor instead'];
    });

    expect(commentAbove(typescript, 'amount_cents: number;')).toBe(
      ['/**', '     * The amount_cents of the fixture.', '     * @deprecated send amount_minor instead', '     */', '    amount_cents: number;'].join('\n'),
    );
    expect(typescript).not.toContain('Deprecated: send amount_minor');
  });

  it('tags a bare tag', async () => {
    const { typescript } = await render((spec) => {
      spec.codes[0]!.params![0]!.tags = ['@asType integer', '@deprecated'];
    });

    expect(commentAbove(typescript, 'amount_cents: number;')).toContain('     * @deprecated\n     */');
  });

  it('tags a member of a referenced type', async () => {
    const { typescript } = await render((spec) => {
      spec.extraTypes = { billing: SPEND_LIMIT };
      spec.codes[0]!.params![0] = { name: 'limit', type: 'SpendLimit', visibility: 'public', example: { cents: 100, max_minor: 100 } };
      spec.codes[0]!.detail = 'Payment is required.';
    });

    expect(commentAbove(typescript, 'cents: number;')).toContain('   * @deprecated read max_minor, which also covers currencies without cents\n   */');
    expect(commentAbove(typescript, 'max_minor: number;')).not.toContain('@deprecated');
  });

  it('leaves other params untagged', async () => {
    const { typescript } = await render(() => {});

    expect(commentAbove(typescript, 'amount_cents: number;')).not.toContain('@deprecated');
  });
});

describe('deprecated params in the Python SDK', () => {
  it('adds the reason as a sentence', async () => {
    const { python } = await render((spec) => {
      spec.codes[0]!.params![0]!.tags = ['@asType integer', '@deprecated send amount_minor instead'];
    });

    expect(docstringBelow(python, 'amount_cents: int')).toBe('"""The amount_cents of the fixture.\n\n    Deprecated: send amount_minor instead.\n    """');
  });

  it('adds Deprecated for a bare tag', async () => {
    const { python } = await render((spec) => {
      spec.codes[0]!.params![0]!.tags = ['@asType integer', '@deprecated'];
    });

    expect(docstringBelow(python, 'amount_cents: int')).toBe('"""The amount_cents of the fixture.\n\n    Deprecated.\n    """');
  });

  it('marks a member of a referenced type', async () => {
    const { python } = await render((spec) => {
      spec.extraTypes = { billing: SPEND_LIMIT };
      spec.codes[0]!.params![0] = { name: 'limit', type: 'SpendLimit', visibility: 'public', example: { cents: 100, max_minor: 100 } };
      spec.codes[0]!.detail = 'Payment is required.';
    });

    expect(docstringBelow(python, 'cents: int')).toContain('Deprecated: read max_minor, which also covers currencies without cents.');
    expect(docstringBelow(python, 'max_minor: int')).not.toContain('Deprecated');
    // The module still parses with the reason in a docstring.
    expect(() => execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: python })).not.toThrow();
  });
});
