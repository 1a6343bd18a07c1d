/**
 * Builds the package in the current directory for publishing: ESM with declarations in
 * `dist/esm` (tsc with tsconfig.build.json, so the build type-checks), and CommonJS in
 * `dist/cjs`, transpiled file by file with the same compiler. The CommonJS folder gets its own
 * package.json with `"type": "commonjs"` and a copy of the declarations, so that each export
 * condition has types of its own module format. No source maps are written.
 *
 * Usage: node ../../scripts/build-package.ts   (from a package directory)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const packageDir = process.cwd();
const require = createRequire(path.join(packageDir, 'package.json'));
const ts = require('typescript') as typeof import('typescript');
const dist = path.join(packageDir, 'dist');
const esmDir = path.join(dist, 'esm');
const cjsDir = path.join(dist, 'cjs');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: packageDir, stdio: 'inherit' });

const sources = globSync('src/**/*.ts', { cwd: packageDir }).filter((file) => !file.endsWith('.d.ts'));
for (const source of sources) {
  const relative = path.relative('src', source);
  const output = ts.transpileModule(readFileSync(path.join(packageDir, source), 'utf8'), {
    fileName: source,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      rewriteRelativeImportExtensions: true,
      verbatimModuleSyntax: false,
      sourceMap: false,
    },
    reportDiagnostics: true,
  });
  if (output.diagnostics?.length) {
    const messages = output.diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    throw new Error(`Cannot transpile ${source} to CommonJS:\n${messages.join('\n')}`);
  }
  const target = path.join(cjsDir, relative.replace(/\.ts$/, '.js'));
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, output.outputText);
}

// tsc keeps the `.ts` extensions of relative imports in declarations; consumers resolve `.js`.
const RELATIVE_TS_SPECIFIER = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g;
for (const declaration of globSync('**/*.d.ts', { cwd: esmDir })) {
  const file = path.join(esmDir, declaration);
  writeFileSync(file, readFileSync(file, 'utf8').replace(RELATIVE_TS_SPECIFIER, '$1$2.js$3'));
  cpSync(file, path.join(cjsDir, declaration));
}
writeFileSync(path.join(cjsDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
console.log(`built ${path.relative(process.cwd(), esmDir) || '.'} and ${path.relative(process.cwd(), cjsDir)} from ${sources.length} files`);
