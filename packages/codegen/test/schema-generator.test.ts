/**
 * The params schema generator adds a parser for plain interfaces in front of
 * ts-json-schema-generator's default chain. Its definitions must equal the
 * default generator's for every kind of declaration, the ones that the new
 * parser takes and the ones that it leaves to the chain.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import type * as TS from 'typescript';
import { describe, expect, it } from 'vitest';
import { createSchemaGenerator } from '../src/targets/schema-generator.ts';
import { ts } from '../src/typescript.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('schema-generator');

const SOURCE = `
type Level = 'low' | 'high';

/** A plain interface. */
export interface Plain {
  /** A name. */
  name: string;
  /**
   * A count.
   * @asType integer
   * @minimum 0
   */
  count?: number;
  level: Level;
}

/** An interface with a heritage clause. */
export interface Child extends Plain {
  extra: boolean;
}

/** A generic interface. */
export interface Box<T> {
  value: T;
}

/** An interface that references the others. */
export interface UsesOthers {
  box: Box<string>;
  plain: Plain;
  children: Child[];
}

/** An interface whose \`then\` member is not a function. */
export interface WithThen {
  then: string;
}

/** An interface that refers to itself. */
export interface Tree {
  children: Tree[];
}

/** An interface that extends a promise. */
export interface Deferred extends Promise<Plain> {}

/** A type alias. */
export type Pair = { first: Plain; second: Level };
`;

const ROOT_NAMES = ['Plain', 'Child', 'Box', 'UsesOthers', 'WithThen', 'Tree', 'Deferred', 'Pair'];

/** Returns the exported declaration of each root name in the program's source file. */
function rootsOf(program: TS.Program, file: string): Map<string, TS.Node> {
  const roots = new Map<string, TS.Node>();
  for (const statement of program.getSourceFile(file)!.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && ROOT_NAMES.includes(statement.name.text)) {
      roots.set(statement.name.text, statement);
    }
  }
  return roots;
}

describe('createSchemaGenerator', () => {
  it('matches the default generator', async () => {
    const file = path.join(await tempDir(), 'types.ts');
    await writeFile(file, SOURCE);
    const options: TS.CompilerOptions = { target: ts.ScriptTarget.ES2022, lib: ['lib.es5.d.ts'], strict: true, noEmit: true, types: [] };
    const program = ts.createProgram({ rootNames: [file], options });
    const config = { expose: 'export', topRef: true, jsDoc: 'extended', skipTypeCheck: true, additionalProperties: false, sortProps: false, encodeRefs: false } as const;
    const ours = createSchemaGenerator(program);
    const reference = createGenerator({ tsProgram: program, ...config });
    const roots = rootsOf(program, file);

    expect([...roots.keys()].sort()).toEqual([...ROOT_NAMES].sort());
    for (const [name, node] of roots) {
      const want = reference.createSchemaFromNodes([node]);
      expect(ours.createSchemaFromNodes([node]), name).toEqual(want);
    }
  });
});
