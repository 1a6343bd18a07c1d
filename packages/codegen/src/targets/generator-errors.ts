/** Turns ts-json-schema-generator failures into messages that name the file, the type and the fix. */
import path from 'node:path';
import type * as TS from 'typescript';
import { ts } from '../typescript.ts';

/** The parts of the generator's error diagnostics that locate the failing node. */
interface GeneratorDiagnostic {
  file?: TS.SourceFile;
  start?: number;
}

/**
 * Describes a generator failure: where it happened (file, line, enclosing type and
 * the source text of the node), what the generator reported, and what to change.
 * When the failing node has no position, such as a type the checker built, the
 * message names `root`, the declaration that the generator was converting.
 */
export function describeGeneratorError(error: unknown, root?: TS.Node): string {
  const diagnostic = (error as { diagnostic?: GeneratorDiagnostic }).diagnostic;
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  let location = '';
  if (diagnostic?.file) location = ` ${locate(diagnostic.file, diagnostic.start ?? 0)}`;
  else if (root) location = ` ${locate(root.getSourceFile(), root.getStart())}`;
  return (
    `ts-json-schema-generator could not convert a params type${location}: ${message}${cause}. ` +
    'Use types that JSON can carry (string, number, boolean, string literal unions, arrays, interfaces); ' +
    'Map, Set, symbol, bigint and functions have no JSON Schema form.'
  );
}

/** Names the file and line of a position and the exported type declaration around it. */
function locate(source: TS.SourceFile, position: number): string {
  const { line } = source.getLineAndCharacterOfPosition(position);
  const file = path.relative(process.cwd(), source.fileName);
  const statement = source.statements.find((item) => item.pos <= position && position < item.end);
  const declaration =
    statement && (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement))
      ? ` in type ${statement.name.text}`
      : '';
  const text = innermostText(source, position);
  return `at ${file}:${line + 1}${declaration}${text ? ` (\`${text}\`)` : ''}`;
}

/** Source text of the innermost type member or type node that contains the position. */
function innermostText(source: TS.SourceFile, position: number): string {
  let found: TS.Node | undefined;
  const visit = (node: TS.Node): void => {
    if (node.getStart(source) <= position && position < node.end) {
      if (ts.isTypeElement(node) || ts.isTypeNode(node)) found = node;
      ts.forEachChild(node, visit);
    }
  };
  visit(source);
  return found ? found.getText(source).replace(/\s+/g, ' ').slice(0, 80) : '';
}
