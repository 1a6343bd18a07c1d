/**
 * Typed params of the `sdk-python` target. Each code gets a `TypedDict` with Python
 * types from the JSON Schema and optional keys without `NotRequired`, keys that cannot
 * be class members get the functional syntax, and every code gets an `is_agnes_error`
 * overload. Type names that clash fail with clear errors.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Definition } from 'ts-json-schema-generator';
import { describe, expect, it } from 'vitest';
import { agnesRegistry, RegistryError, validateRegistry, type ErrorEntry, type Registry, type SdkClassNames } from '@agnes/errors';
import { CodegenError } from '../src/index.ts';
import { testEntry } from './support/entry.ts';
import { REPO_ROOT } from './support/paths.ts';
import { renderPython, runPython } from './support/python.ts';
import { useTempDirs } from './support/temp-dir.ts';

const FAMILIES: Record<number, SdkClassNames> = { 409: { typescript: 'ConflictError', python: 'ConflictError' } };
const SDK_DIR = path.join(REPO_ROOT, 'packages', 'sdk-python');
const PYRIGHT = path.join(SDK_DIR, 'node_modules', '.bin', 'pyright');
const tempDir = useTempDirs('sdk-python-params');

function entry(params: Record<string, 'public' | 'detail' | 'internal'>, example: Record<string, unknown>, overrides: Partial<ErrorEntry<any>> = {}): ErrorEntry<any> {
  return testEntry({ params, example, ...overrides });
}

function objectSchema(properties: Record<string, Definition>, required: string[]): Definition {
  return { type: 'object', properties, required, additionalProperties: false };
}

/** A code `odd` whose public params cover every JSON Schema form that the writer maps. */
const ODD_PROPERTIES: Record<string, Definition> = {
  count: { type: 'integer' },
  ratio: { type: 'number' },
  name: { type: 'string' },
  flag: { type: 'boolean' },
  mode: { type: 'string', enum: ['fast', 'slow'] },
  level: { enum: [1, 2, null] },
  note: { type: ['string', 'null'] },
  either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
  tags: { type: 'array', items: { type: 'string' } },
  pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false } as Definition,
  items: { type: 'array', items: { $ref: '#/definitions/Item' } },
  limits: { type: 'object', additionalProperties: { type: 'integer' } },
  window: { type: 'object', properties: { start: { type: 'string', description: 'Start time.' } }, required: ['start'] },
  anything: {},
  later: { type: 'string' },
};
const ODD_EXAMPLE = {
  count: 1, ratio: 0.5, name: 'n', flag: true, mode: 'fast', level: 1, note: null, either: 'x', tags: [], pair: ['a', 1],
  items: [{ id: 'i' }], limits: { a: 1 }, window: { start: 's' }, anything: 1, later: 'l',
};
const ODD_INTERFACE = {
  odd: {
    name: 'OddParams',
    definition: objectSchema(ODD_PROPERTIES, Object.keys(ODD_PROPERTIES).filter((name) => name !== 'later')),
    extra: { Item: { ...objectSchema({ id: { type: 'string' } }, ['id']), description: 'One item.' } },
  },
};

function oddRegistry(): Registry {
  const params = Object.fromEntries(Object.keys(ODD_PROPERTIES).map((name) => [name, 'public' as const]));
  return validateRegistry({ version: '1.0.0', domains: [{ odd: entry(params, ODD_EXAMPLE) }], families: FAMILIES });
}

/** Builds a code whose param names are a keyword, a name with a dash and a built-in type name. */
function keywordRegistry(): { registry: Registry; interfaces: Parameters<typeof renderPython>[1] } {
  const properties: Record<string, Definition> = { from: { type: 'string' }, 'to-x': { type: 'integer' }, str: { type: 'string' }, plain: { type: 'string' } };
  const registry = validateRegistry({
    version: '1.0.0',
    domains: [{ spans: entry({ from: 'public', 'to-x': 'public', str: 'public', plain: 'public' }, { from: 'a', 'to-x': 1, str: 's', plain: 'p' }) }],
    families: FAMILIES,
  });
  return { registry, interfaces: { spans: { name: 'SpansParams', definition: objectSchema(properties, ['from', 'plain']) } } };
}

describe('sdk-python params of the Agnes catalog', () => {
  it('declares a TypedDict per code', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages', 'core', 'generated', 'schema.json'), 'utf8'));
    const probe = 'import json; print(json.dumps({code: [sorted(getattr(errors, "".join(p.capitalize() for p in code.split("_")) + "Params").__required_keys__), sorted(getattr(errors, "".join(p.capitalize() for p in code.split("_")) + "Params").__optional_keys__)] for code in errors.SPEC_BY_CODE}))';
    const actual = JSON.parse(runPython(renderPython(agnesRegistry), probe)) as Record<string, [string[], string[]]>;
    for (const [code, item] of Object.entries(agnesRegistry.entries as Record<string, ErrorEntry<any>>)) {
      const envelope = schema.$defs[`${code.split('_').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('')}Envelope`];
      const publicNames = Object.entries(item.params ?? {}).filter(([, visibility]) => visibility === 'public').map(([name]) => name);
      const required = publicNames.filter((name) => envelope.required.includes(name)).sort();
      const optional = publicNames.filter((name) => !envelope.required.includes(name)).sort();
      expect(actual[code], code).toEqual([required, optional]);
    }
    expect(actual.service_unavailable).toEqual([[], ['retry_after']]);
    expect(actual.rate_limited).toEqual([['retry_after'], []]);
  });

  it('adds is_agnes_error overloads for every code', () => {
    const module = renderPython(agnesRegistry);
    for (const code of Object.keys(agnesRegistry.entries)) {
      expect(module).toContain(`def is_agnes_error(error: object, code: Literal["${code}"]) -> TypeGuard[`);
    }
    expect(module).toContain('    class _RateLimitedError(RateLimitError):\n        code: Literal["rate_limited"]');
    expect(module).toContain('        params: ValidationFailedParams  # type: ignore[assignment]');
  });
});

describe('sdk-python params types', () => {
  const module = renderPython(oddRegistry(), ODD_INTERFACE);
  const members: [string, string][] = [
    ['count', 'int'],
    ['ratio', 'float'],
    ['name', 'str'],
    ['flag', 'bool'],
    ['mode', 'Literal["fast", "slow"]'],
    ['level', 'Optional[Literal[1, 2]]'],
    ['note', 'Optional[str]'],
    ['either', 'Union[str, int]'],
    ['tags', 'List[str]'],
    ['pair', 'List[Union[str, int]]'],
    ['items', 'List[Item]'],
    ['limits', 'Dict[str, int]'],
    ['window', 'OddParamsWindow'],
    ['anything', 'object'],
    ['later', 'str'],
  ];
  for (const [name, type] of members) {
    it(`types ${name} as ${type}`, () => {
      expect(module).toMatch(new RegExp(`^    ${name}: ${type.replace(/[[\]()]/g, '\\$&')}$`, 'm'));
    });
  }

  it('splits required and optional keys without NotRequired', () => {
    expect(module).not.toContain('NotRequired');
    expect(module).toContain('class _OddParamsRequired(TypedDict):');
    expect(module).toContain('class OddParams(_OddParamsRequired, total=False):');
    const probe = 'print(sorted(errors.OddParams.__optional_keys__), len(errors.OddParams.__required_keys__))';
    expect(runPython(module, probe).trim()).toBe("['later'] 14");
  });

  it('declares inline objects and referenced types', () => {
    const probe = [
      'import typing',
      'print(typing.get_type_hints(errors.OddParamsWindow))',
      'print(typing.get_type_hints(errors.OddParams)["items"])',
      'print(errors.Item.__doc__, "OddParamsWindow" in errors.__all__, "Item" in errors.__all__)',
    ].join('\n');
    expect(runPython(module, probe).trim().split('\n')).toEqual([
      "{'start': <class 'str'>}",
      'typing.List[pkg._errors.Item]',
      'One item. True True',
    ]);
  });

  it('non-member keys use functional syntax', () => {
    const { registry, interfaces } = keywordRegistry();
    const rendered = renderPython(registry, interfaces);
    expect(rendered).toContain('_SpansParamsRequired = TypedDict("_SpansParamsRequired", {"from": "str", "plain": "str"})');
    expect(rendered).toContain('_SpansParamsOptional = TypedDict("_SpansParamsOptional", {"to-x": "int", "str": "str"}, total=False)');
    expect(rendered).toContain('class SpansParams(_SpansParamsRequired, _SpansParamsOptional):');
    const probe = [
      'import typing',
      'print(sorted(errors.SpansParams.__required_keys__), sorted(errors.SpansParams.__optional_keys__))',
      'print(sorted(typing.get_type_hints(errors.SpansParams).items()))',
    ].join('\n');
    expect(runPython(rendered, probe).trim().split('\n')).toEqual([
      "['from', 'plain'] ['str', 'to-x']",
      "[('from', <class 'str'>), ('plain', <class 'str'>), ('str', <class 'str'>), ('to-x', <class 'int'>)]",
    ]);
  });

  it.skipIf(!existsSync(PYRIGHT))('passes pyright strict with every syntax form', async () => {
    const dir = await tempDir();
    {
      const packageDir = path.join(dir, 'agnes');
      mkdirSync(packageDir);
      for (const name of ['_base.py', '_narrow.py']) cpSync(path.join(SDK_DIR, 'src', 'agnes', name), path.join(packageDir, name));
      writeFileSync(path.join(packageDir, '__init__.py'), '');
      writeFileSync(path.join(packageDir, '_odd.py'), module);
      writeFileSync(path.join(packageDir, '_spans.py'), renderPython(keywordRegistry().registry, keywordRegistry().interfaces));
      writeFileSync(path.join(dir, 'pyrightconfig.json'), JSON.stringify({ pythonVersion: '3.9', typeCheckingMode: 'strict' }));
      const output = execFileSync(PYRIGHT, ['-p', dir], { encoding: 'utf8' });
      expect(output).toContain('0 errors');
    }
  });
});

describe('sdk-python params type name errors', () => {
  const interfaceOf = (name: string, extra?: Record<string, Definition>) => ({
    gone: { name: 'GoneParams', definition: objectSchema({ item: { $ref: `#/definitions/${name}` } }, ['item']), extra },
  });
  const goneEntries = (python: string, example: unknown) => ({ gone: entry({ item: 'public' }, { item: example }, { sdk: { typescript: 'GoneError', python } }) });
  const goneRegistry = (python = 'ConflictError', example: unknown = 'x') =>
    validateRegistry({ version: '1.0.0', domains: [goneEntries(python, example)], families: FAMILIES });
  // validateRegistry rejects these class names first; the target checks them again on its own.
  const unvalidatedGoneRegistry = (python: string, families: Record<number, SdkClassNames> = FAMILIES): Registry =>
    Object.freeze({ version: '1.0.0', entries: goneEntries(python, 'x'), families, tombstones: [] });
  const itemInterface = () => interfaceOf('Item', { Item: { type: 'string' } });
  const cases: { name: string; render: () => string; want: RegExp[] }[] = [
    {
      name: 'built-in type name',
      render: () => renderPython(goneRegistry(), interfaceOf('Warning', { Warning: { type: 'string' } })),
      want: [/Type Warning that a public param uses/, /Python keyword or built-in/, /rename the type/],
    },
    {
      name: 'type named like a class',
      render: () => renderPython(goneRegistry('GoneError'), interfaceOf('GoneError', { GoneError: { type: 'string' } })),
      want: [/Type GoneError that a public param uses/, /already a class or table of the Python SDK/],
    },
    {
      name: 'type named like an import',
      render: () => renderPython(goneRegistry(), interfaceOf('TypedDict', { TypedDict: { type: 'string' } })),
      want: [/Python type name TypedDict is already a class or table/],
    },
    {
      name: 'params name taken by a class',
      render: () => renderPython(unvalidatedGoneRegistry('GoneParams'), interfaceOf('Item', { Item: { type: 'string' } })),
      want: [/Code "gone" \(params\): the Python type name GoneParams is already a class or table/],
    },
    {
      name: 'class named like an import',
      render: () => renderPython(unvalidatedGoneRegistry('TypedDict'), interfaceOf('Item', { Item: { type: 'string' } })),
      want: [/Python class TypedDict: the SDK's error module imports or defines this name itself/, /choose another class name/],
    },
    {
      name: 'class named like the narrowed class',
      render: () => renderPython(unvalidatedGoneRegistry('_GoneError'), itemInterface()),
      want: [/The class that is_agnes_error narrows code "gone" to: the Python type name _GoneError is already a class or table/],
    },
    {
      name: 'family named like the narrowed class',
      render: () => renderPython(unvalidatedGoneRegistry('_GoneError', { 409: { typescript: 'ConflictError', python: '_GoneError' } }), itemInterface()),
      want: [/The class that is_agnes_error narrows code "gone" to: the Python type name _GoneError is already a class or table/],
    },
    {
      name: 'class named like a required base',
      render: () => renderPython(unvalidatedGoneRegistry('_GoneParamsRequired'), itemInterface()),
      want: [/The base class of the required keys of GoneParams: the Python type name _GoneParamsRequired is already a class or table/],
    },
    {
      name: 'class named like an optional base',
      render: () => renderPython(unvalidatedGoneRegistry('_GoneParamsOptional'), itemInterface()),
      want: [/The base class of the optional keys of GoneParams: the Python type name _GoneParamsOptional is already a class or table/],
    },
    {
      name: 'aliases in a cycle',
      render: () =>
        renderPython(
          goneRegistry('ConflictError', []),
          interfaceOf('Left', { Left: { type: 'array', items: { $ref: '#/definitions/Right' } }, Right: { type: 'array', items: { $ref: '#/definitions/Left' } } }),
        ),
      want: [/Types Left -> Right -> Left refer to each other in a cycle/, /wrap one of them in an interface/],
    },
  ];
  it.each(['GoneParams', 'TypedDict', '_GoneError', '_GoneParamsRequired'])('core rejects class %s first', (python) => {
    expect(() => goneRegistry(python)).toThrow(RegistryError);
  });

  for (const { name, render, want } of cases) {
    it(`rejects ${name}`, () => {
      expect(render).toThrow(CodegenError);
      for (const pattern of want) expect(render).toThrow(pattern);
    });
  }
});
