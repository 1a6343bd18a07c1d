/**
 * The ts-json-schema-generator instance that reads params types. It is the
 * generator's default setup with one parser added in front: plain interfaces go
 * straight to the interface parser.
 *
 * In the default chain, the Promise parser comes before the interface parser
 * and calls the type checker's `getAwaitedType` on every interface. On 5,000
 * codes those calls took about a fifth of the generator's CPU time in a
 * profile. An interface without `extends`, type parameters or a `then` member
 * is never a promise, so for the interfaces that the new parser takes, the
 * Promise parser would always decline.
 */
import type * as TS from 'typescript';
import {
  AnnotatedNodeParser,
  ChainNodeParser,
  CircularReferenceNodeParser,
  createFormatter,
  createParser,
  DEFAULT_CONFIG,
  ExposeNodeParser,
  ExtendedAnnotationsReader,
  InterfaceAndClassNodeParser,
  SchemaGenerator,
  type CompletedConfig,
  type Context,
  type SubNodeParser,
} from 'ts-json-schema-generator';
import { ts } from '../typescript.ts';

/** Generator settings: exported types as definitions, extended JSDoc, no type check (codegen checks the types itself). */
const CONFIG: CompletedConfig = {
  ...DEFAULT_CONFIG,
  expose: 'export',
  topRef: true,
  jsDoc: 'extended',
  skipTypeCheck: true,
  additionalProperties: false,
  sortProps: false,
  encodeRefs: false,
};

/** Creates the schema generator for a program. */
export function createSchemaGenerator(program: TS.Program): SchemaGenerator {
  const parser = createParser(program, CONFIG, (chain) => {
    // ts-json-schema-generator 2.10.0 passes its ChainNodeParser, typed only as a MutableParser.
    if (!(chain instanceof ChainNodeParser)) {
      throw new Error('ts-json-schema-generator passed no ChainNodeParser to the parser augmentor; adapt schema-generator.ts to its version');
    }
    chain.addNodeParser(plainInterfaceParser(program.getTypeChecker(), chain));
  });
  return new SchemaGenerator(program, parser, createFormatter(CONFIG), CONFIG);
}

/** Returns whether a node is an interface that can never be a promise: no heritage clause, no type parameters and no `then` member. */
function isPlainInterface(node: TS.Node): node is TS.InterfaceDeclaration {
  if (!ts.isInterfaceDeclaration(node) || node.heritageClauses || node.typeParameters) return false;
  return !node.members.some((member) => member.name !== undefined && ts.isIdentifier(member.name) && member.name.text === 'then');
}

/**
 * Returns the interface parser, wrapped as the generator's default chain wraps it (JSDoc
 * annotations, `expose` and circular references), for plain interfaces only.
 */
function plainInterfaceParser(checker: TS.TypeChecker, chain: ChainNodeParser): SubNodeParser {
  const annotate = (parser: SubNodeParser) =>
    new AnnotatedNodeParser(parser, new ExtendedAnnotationsReader(checker, new Set(CONFIG.extraTags), CONFIG.markdownDescription, CONFIG.fullDescription));
  const interfaces = new InterfaceAndClassNodeParser(checker, annotate(chain), CONFIG.additionalProperties);
  const parser = new CircularReferenceNodeParser(new ExposeNodeParser(checker, annotate(interfaces), CONFIG.expose, CONFIG.jsDoc));
  return {
    supportsNode: isPlainInterface,
    createType: (node: TS.Node, context: Context) => parser.createType(node, context),
  };
}
