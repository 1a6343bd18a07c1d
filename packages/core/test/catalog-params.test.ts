/**
 * Drift test between the catalog entries and their params interfaces. Codegen finds
 * the params type of a code by the name `<PascalCaseOfCode>Params` and builds the
 * JSON Schema from its JSDoc, so every name, member and tag is checked here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { agnesRegistry, type ErrorEntry } from '../src/index.ts';

const CATALOG_DIR = fileURLToPath(new URL('../src/catalog/', import.meta.url));

/** One member of a params interface with its JSDoc. */
interface ParamMember {
  description: string;
  tags: Record<string, string>;
}

/** Reads every exported `*Params` interface of the catalog, keyed by interface name. */
function readParamsInterfaces(): Map<string, Map<string, ParamMember>> {
  const interfaces = new Map<string, Map<string, ParamMember>>();
  for (const fileName of readdirSync(CATALOG_DIR).filter((name) => name.endsWith('.ts'))) {
    const path = join(CATALOG_DIR, fileName);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement) || !statement.name.text.endsWith('Params')) continue;
      const exported = statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
      expect(exported, `${fileName}: ${statement.name.text} is exported`).toBe(true);
      interfaces.set(statement.name.text, membersOf(statement));
    }
  }
  return interfaces;
}

function membersOf(declaration: ts.InterfaceDeclaration): Map<string, ParamMember> {
  const members = new Map<string, ParamMember>();
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) continue;
    const description = ts
      .getJSDocCommentsAndTags(member)
      .filter(ts.isJSDoc)
      .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
      .join(' ')
      .trim();
    const tags = Object.fromEntries(
      ts.getJSDocTags(member).map((tag) => [tag.tagName.text, (ts.getTextOfJSDocComment(tag.comment) ?? '').trim()]),
    );
    members.set(member.name.text, { description, tags });
  }
  return members;
}

function paramsInterfaceName(code: string): string {
  return `${code.replace(/(^|_)([a-z0-9])/g, (_match, _separator, letter: string) => letter.toUpperCase())}Params`;
}

const interfaces = readParamsInterfaces();
const entries: Readonly<Record<string, ErrorEntry<any>>> = agnesRegistry.entries;
const codesWithParams = Object.keys(entries).filter((code) => Object.keys(entries[code]?.params ?? {}).length > 0);

describe('catalog params interfaces', () => {
  it('builds interface names from codes', () => {
    expect(paramsInterfaceName('forbidden')).toBe('ForbiddenParams');
    expect(paramsInterfaceName('idempotency_request_in_progress')).toBe('IdempotencyRequestInProgressParams');
  });

  it('belong to existing codes', () => {
    const expectedNames = codesWithParams.map(paramsInterfaceName).sort();

    expect([...interfaces.keys()].sort()).toEqual(expectedNames);
  });

  it.each(codesWithParams)('%s declares every param', (code) => {
    const members = interfaces.get(paramsInterfaceName(code));

    expect([...(members?.keys() ?? [])].sort()).toEqual(Object.keys(entries[code]?.params ?? {}).sort());
  });

  it.each(codesWithParams)('%s documents every param', (code) => {
    const entry = entries[code] as ErrorEntry<any>;
    const members = interfaces.get(paramsInterfaceName(code)) ?? new Map<string, ParamMember>();

    for (const [name, member] of members) {
      expect(member.description.length, `${code}.${name} description`).toBeGreaterThan(10);
      const example: unknown = entry.example[name];
      if (Number.isInteger(example)) expect(member.tags.asType, `${code}.${name} @asType`).toBe('integer');
      if (entry.params[name] === 'internal') expect(member.description, `${code}.${name}`).toMatch(/logged only/i);
    }
  });

  it('deprecate key_prefix for key_sha256_prefix', () => {
    const members = interfaces.get('InvalidApiKeyParams');

    expect(members?.get('key_prefix')?.tags.deprecated).toContain('`key_sha256_prefix`');
    expect(members?.get('key_prefix')?.description).toContain('pass `key_sha256_prefix` instead');
    expect(members?.get('key_sha256_prefix')?.tags.deprecated).toBeUndefined();
    expect(members?.get('key_sha256_prefix')?.description).toContain('SHA-256');
  });
});
