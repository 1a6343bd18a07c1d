/**
 * Proves that every `@ts-expect-error` in the type tests is needed, and for the
 * stated reason: the type-test files are compiled with the directives removed,
 * and each directive's next line must then fail with the error named after `--`.
 * `tsc` alone only proves that some error occurs on that line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPE_TEST_DIR = join(PACKAGE_ROOT, 'test', 'types');
const DIRECTIVE = /\/\/ @ts-expect-error(?: -- (.+))?$/;

/** One `@ts-expect-error` line and the error text it expects on the next line. */
interface Directive {
  file: string;
  /** Zero-based line of the directive. */
  line: number;
  expected: string | undefined;
}

/** One compiler error, located by file and zero-based line. */
interface CompileError {
  file: string;
  line: number;
  message: string;
}

const typeTestFiles = readdirSync(TYPE_TEST_DIR)
  .filter((name) => name.endsWith('.test-d.ts'))
  .map((name) => join(TYPE_TEST_DIR, name));

const directives: Directive[] = typeTestFiles.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, line) => {
      const match = DIRECTIVE.exec(text.trim());
      return match ? [{ file, line, expected: match[1]?.trim() }] : [];
    }),
);

/** Compiles the type-test files with every directive turned into a plain comment. */
function compileWithoutDirectives(): CompileError[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(PACKAGE_ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!config) throw new Error(`could not read ${join(PACKAGE_ROOT, 'tsconfig.json')}`);

  const strippedTexts = new Map(
    typeTestFiles.map((file) => [file, readFileSync(file, 'utf8').replaceAll('// @ts-expect-error', '// directive removed')]),
  );
  const host = ts.createCompilerHost(config.options);
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const stripped = strippedTexts.get(resolve(fileName));
    return stripped === undefined
      ? readSourceFile(fileName, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(fileName, stripped, languageVersion, true);
  };

  const program = ts.createProgram({ rootNames: typeTestFiles, options: config.options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    // Type names in messages escape their quotes, such as `\"Widget Error\"`; unescape them to match plain text.
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').replaceAll('\\"', '"');
    if (!diagnostic.file || diagnostic.start === undefined) return { file: '', line: -1, message };
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return { file: resolve(diagnostic.file.fileName), line, message };
  });
}

describe('@ts-expect-error directives', () => {
  let errors: CompileError[] = [];

  beforeAll(() => {
    errors = compileWithoutDirectives();
  }, 60_000);

  it('exist in the type tests', () => {
    expect(typeTestFiles.length).toBeGreaterThan(0);
    expect(directives.length).toBeGreaterThan(0);
  });

  it.each(directives.map((directive) => ({ ...directive, name: `${basename(directive.file)}:${directive.line + 1}` })))(
    '$name is needed',
    ({ file, line, expected }) => {
      expect(expected, 'write the expected error after "-- " on the directive line').toBeDefined();

      const messages = errors.filter((error) => error.file === file && error.line === line + 1).map((error) => error.message);

      expect(messages.length, 'the line after the directive compiles without it').toBeGreaterThan(0);
      expect(messages.some((message) => message.includes(expected as string)), messages.join('\n---\n')).toBe(true);
    },
  );

  it('cover every error of the type tests', () => {
    const expectedLines = new Set(directives.map((directive) => `${directive.file}:${directive.line + 1}`));

    const unexpected = errors.filter((error) => !expectedLines.has(`${error.file}:${error.line}`));

    expect(unexpected).toEqual([]);
  });
});
