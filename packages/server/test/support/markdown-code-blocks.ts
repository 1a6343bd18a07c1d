/** TypeScript code blocks of Markdown files, type-checked as modules of this package. */
import path from 'node:path';
import ts from 'typescript';

/** Start of a comment line that exempts a block from the check. The rest of the line gives the reason. */
export const SKIP_MARKER = '// docs-check: skip';

/** One fenced ```ts block: the 1-based line of its opening fence, its code, and why it is skipped, if it is. */
export interface CodeBlock {
  line: number;
  code: string;
  skipReason: string | undefined;
}

/** Returns the ```ts and ```typescript blocks of `markdown`. */
export function typeScriptBlocksOf(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let start = 0; start < lines.length; start += 1) {
    if (!/^```(ts|typescript)\s*$/.test(lines[start]!)) continue;
    let end = start + 1;
    while (end < lines.length && !lines[end]!.startsWith('```')) end += 1;
    const code = lines.slice(start + 1, end).join('\n');
    const skipLine = code.split('\n').find((line) => line.trim().startsWith(SKIP_MARKER));
    blocks.push({ line: start + 1, code, skipReason: skipLine?.trim().slice(SKIP_MARKER.length).replace(/^[\s:—-]+/, '') });
    start = end;
  }
  return blocks;
}

/** A block to check, under a file name of its own. */
export interface NamedBlock {
  /** Path of the virtual module. It must lie inside the package, so that the package's own name resolves. */
  fileName: string;
  code: string;
  /** Line of the opening fence in the Markdown file, so that diagnostics name Markdown lines. */
  line: number;
}

/**
 * Type-checks each block as an ES module at its `fileName`, with the compiler options of
 * `tsconfigPath`, in one program. Imports of the package's own name resolve through its
 * package.json `exports`, so the blocks are checked against the sources. Returns the formatted
 * diagnostics of each block by file name, each with its line in the Markdown file.
 */
export function typeCheckBlocks(blocks: NamedBlock[], tsconfigPath: string): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfigPath, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (config === undefined) throw new Error(`Failed to read ${tsconfigPath}`);
  const codeByFile = new Map(blocks.map((block) => [path.resolve(block.fileName), block.code]));
  const fenceLineByFile = new Map(blocks.map((block) => [path.resolve(block.fileName), block.line]));
  const host = ts.createCompilerHost(config.options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (fileName) => codeByFile.has(path.resolve(fileName)) || fileExists.call(host, fileName);
  host.readFile = (fileName) => codeByFile.get(path.resolve(fileName)) ?? readFile.call(host, fileName);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    const code = codeByFile.get(path.resolve(fileName));
    if (code === undefined) return getSourceFile.call(host, fileName, languageVersionOrOptions, onError, shouldCreate);
    return ts.createSourceFile(fileName, code, languageVersionOrOptions);
  };

  const program = ts.createProgram({ rootNames: [...codeByFile.keys()], options: config.options, host });
  const diagnostics = new Map<string, string[]>([...codeByFile.keys()].map((fileName) => [fileName, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const fileName = diagnostic.file === undefined ? undefined : path.resolve(diagnostic.file.fileName);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (fileName === undefined || !diagnostics.has(fileName)) {
      throw new Error(`TypeScript reported TS${diagnostic.code} outside the blocks, in ${diagnostic.file?.fileName ?? 'the program options'}: ${message}`);
    }
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    diagnostics.get(fileName)!.push(`line ${fenceLineByFile.get(fileName)! + line + 1}: TS${diagnostic.code} ${message}`);
  }
  return diagnostics;
}
