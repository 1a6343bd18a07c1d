import { describe, expect, it } from 'vitest';
import {
  RegistryError,
  defineRegistry,
  validateRegistry,
  type DomainEntries,
  type RegistryInput,
} from '../src/index.ts';
import { widgetEntry, widgetRegistryInput } from './fixtures/widgets.ts';
import { issuesOf } from './fixtures/registry-issues.ts';

interface InvalidRegistryCase {
  name: string;
  input: RegistryInput<readonly DomainEntries[]>;
  /** The one issue the input must produce: its code, its field, and a pattern for the fix its message names. */
  want: { code: string; field: string; fix: RegExp };
}

/** Registry input with one domain that contains `widget_missing` with `overrides`. */
function oneEntry(overrides: Parameters<typeof widgetEntry>[0]): RegistryInput<readonly DomainEntries[]> {
  return widgetRegistryInput([{ widget_missing: widgetEntry(overrides) }]);
}

const invalidRegistries: InvalidRegistryCase[] = [
  {
    name: 'duplicate code across domains',
    input: widgetRegistryInput([{ widget_missing: widgetEntry() }, { widget_missing: widgetEntry() }]),
    want: { code: 'widget_missing', field: 'code', fix: /in domains\[0\] as its first code and again in domains\[1\] as its first code; .*rename or remove one of them/ },
  },
  { name: 'status 399', input: oneEntry({ status: 399 }), want: { code: 'widget_missing', field: 'status', fix: /^399 .*use an integer from 400 to 599/ } },
  { name: 'status 600', input: oneEntry({ status: 600 }), want: { code: 'widget_missing', field: 'status', fix: /^600 .*use an integer from 400 to 599/ } },
  { name: 'status not integer', input: oneEntry({ status: 404.5 }), want: { code: 'widget_missing', field: 'status', fix: /^404\.5 .*use an integer/ } },
  {
    name: 'code in camelCase',
    input: widgetRegistryInput([{ widgetMissing: widgetEntry() }]),
    want: { code: 'widgetMissing', field: 'code', fix: /not snake_case.*such as "widget_missing"/ },
  },
  {
    name: 'code with hyphen',
    input: widgetRegistryInput([{ 'widget-missing': widgetEntry() }]),
    want: { code: 'widget-missing', field: 'code', fix: /such as "widget_missing"/ },
  },
  {
    name: 'code named __proto__',
    input: widgetRegistryInput([Object.fromEntries([['__proto__', widgetEntry()]])]),
    want: { code: '__proto__', field: 'code', fix: /not snake_case/ },
  },
  {
    name: 'tombstoned code reused',
    input: widgetRegistryInput([{ widget_missing: widgetEntry() }], {
      tombstones: [{ code: 'widget_missing', removedIn: '0.9.0' }],
    }),
    want: { code: 'widget_missing', field: 'code', fix: /removed in 0\.9\.0.*choose a new code/ },
  },
  {
    name: 'status without family',
    input: oneEntry({ status: 418 }),
    want: { code: 'widget_missing', field: 'status', fix: /status 418.*add it to the registry's families/ },
  },
  { name: 'empty title', input: oneEntry({ title: '' }), want: { code: 'widget_missing', field: 'title', fix: /write the text/ } },
  { name: 'blank summary', input: oneEntry({ summary: '  ' }), want: { code: 'widget_missing', field: 'summary', fix: /write the text/ } },
  { name: 'empty when', input: oneEntry({ when: '' }), want: { code: 'widget_missing', field: 'when', fix: /write the text/ } },
  { name: 'empty detail', input: oneEntry({ detail: '' }), want: { code: 'widget_missing', field: 'detail', fix: /write the text/ } },
  {
    name: 'empty retry advice',
    input: oneEntry({ retry: { retryable: false, advice: '' } }),
    want: { code: 'widget_missing', field: 'retry.advice', fix: /say what the caller should do/ },
  },
  { name: 'no causes', input: oneEntry({ causes: [] }), want: { code: 'widget_missing', field: 'causes', fix: /list at least one cause/ } },
  {
    name: 'blank cause item',
    input: oneEntry({ causes: ['The id has a typo.', ' '] }),
    want: { code: 'widget_missing', field: 'causes[1]', fix: /write the cause or remove the item/ },
  },
  { name: 'no fix steps', input: oneEntry({ fix: [] }), want: { code: 'widget_missing', field: 'fix', fix: /list at least one step/ } },
  {
    name: 'summary on two lines',
    input: oneEntry({ summary: 'no widget\nwith this id' }),
    want: { code: 'widget_missing', field: 'summary', fix: /keep it to one line/ },
  },
  {
    name: 'placeholder without param',
    input: oneEntry({ detail: 'No {color} widget with id {widget_id}.' }),
    want: { code: 'widget_missing', field: 'detail', fix: /\{color\}.*add "color" to params or remove it/ },
  },
  {
    name: 'placeholder named like Object member',
    input: oneEntry({ detail: 'No widget {toString}.', params: {}, example: {} }),
    want: { code: 'widget_missing', field: 'detail', fix: /\{toString\}.*add "toString" to params/ },
  },
  {
    name: 'internal param as placeholder',
    input: oneEntry({ detail: 'No widget {widget_id} of {owner_id}.' }),
    want: { code: 'widget_missing', field: 'detail', fix: /\{owner_id\}.*make it "detail" or "public"/ },
  },
  {
    name: 'invalid param visibility',
    input: oneEntry({ params: { widget_id: 'detail', owner_id: 'secret' as 'internal' } }),
    want: { code: 'widget_missing', field: 'params.owner_id', fix: /use "public", "detail" or "internal"/ },
  },
  {
    name: 'example missing for detail param',
    input: oneEntry({ example: {} }),
    want: { code: 'widget_missing', field: 'example.widget_id', fix: /give an example value/ },
  },
  {
    name: 'example missing for constructor param',
    input: oneEntry({ detail: 'Widget {constructor}.', params: { constructor: 'detail' as const }, example: {} }),
    want: { code: 'widget_missing', field: 'example.constructor', fix: /give an example value/ },
  },
  {
    name: 'public param named status',
    input: oneEntry({ params: { widget_id: 'detail', status: 'public' }, example: { widget_id: 'wid_1', status: 'gone' } }),
    want: { code: 'widget_missing', field: 'params.status', fix: /envelope member.*rename the param/ },
  },
  {
    name: 'afterParam not public',
    input: oneEntry({ retry: { retryable: true, advice: 'wait', afterParam: 'owner_id' } }),
    want: { code: 'widget_missing', field: 'retry.afterParam', fix: /declare it in params as "public"/ },
  },
  {
    name: 'afterParam example not seconds',
    input: oneEntry({
      retry: { retryable: true, advice: 'wait', afterParam: 'retry_after' },
      params: { widget_id: 'detail', retry_after: 'public' },
      example: { widget_id: 'wid_1', retry_after: 1.5 },
    }),
    want: { code: 'widget_missing', field: 'example.retry_after', fix: /whole number of seconds/ },
  },
  {
    name: 'example key without param',
    input: oneEntry({ example: { widget_id: 'wid_1', plan: 'free' } }),
    want: { code: 'widget_missing', field: 'example.plan', fix: /"plan" is not a declared param.*add it to params or remove it from the example/ },
  },
  {
    name: 'codes with one PascalCase name',
    input: widgetRegistryInput([{ widget_1a: widgetEntry(), widget1a: widgetEntry() }]),
    want: { code: 'widget1a', field: 'code', fix: /becomes Widget1a in PascalCase, as "widget_1a" does.*rename one of the two codes/ },
  },
  {
    name: 'Python class is a soft keyword',
    input: oneEntry({ sdk: { typescript: 'WidgetError', python: 'match' } }),
    want: { code: 'widget_missing', field: 'sdk.python', fix: /"match" is a Python keyword/ },
  },
  {
    name: 'TypeScript class starts with digit',
    input: oneEntry({ sdk: { typescript: '1WidgetError', python: 'WidgetError' } }),
    want: { code: 'widget_missing', field: 'sdk.typescript', fix: /"1WidgetError".*use letters, digits and _ only/ },
  },
  {
    name: 'Python class with hyphen',
    input: oneEntry({ sdk: { typescript: 'WidgetError', python: 'Widget-Error' } }),
    want: { code: 'widget_missing', field: 'sdk.python', fix: /"Widget-Error".*use letters, digits and _ only/ },
  },
  {
    name: 'Python class is a keyword',
    input: oneEntry({ sdk: { typescript: 'WidgetError', python: 'None' } }),
    want: { code: 'widget_missing', field: 'sdk.python', fix: /"None" is a Python keyword.*"NoneError"/ },
  },
  {
    name: 'TypeScript class shadows a global',
    input: oneEntry({ sdk: { typescript: 'Object', python: 'WidgetError' } }),
    want: { code: 'widget_missing', field: 'sdk.typescript', fix: /"Object" is a JavaScript reserved word or global/ },
  },
  {
    name: 'family class is a Python keyword',
    input: widgetRegistryInput([{ widget_missing: widgetEntry() }], {
      families: { 404: { typescript: 'NotFoundError', python: 'class' } },
    }),
    want: { code: '*', field: 'families.404.python', fix: /"class" is a Python keyword/ },
  },
  {
    name: 'family class with space',
    input: widgetRegistryInput([{ widget_missing: widgetEntry() }], {
      families: { 404: { typescript: 'Not Found', python: 'NotFoundError' } },
    }),
    want: { code: '*', field: 'families.404.typescript', fix: /"Not Found".*use letters, digits and _ only/ },
  },
  {
    name: 'unknown related code',
    input: oneEntry({ related: [{ code: 'widget_gone' }] }),
    want: { code: 'widget_missing', field: 'related[0].code', fix: /"widget_gone".*fix the code or remove the link/ },
  },
  {
    name: 'related code constructor',
    input: oneEntry({ related: [{ code: 'constructor' }] }),
    want: { code: 'widget_missing', field: 'related[0].code', fix: /"constructor".*fix the code or remove the link/ },
  },
  {
    name: 'related page not absolute',
    input: oneEntry({ related: [{ href: 'administration/api-keys' as `/${string}`, title: 'API keys' }] }),
    want: { code: 'widget_missing', field: 'related[0].href', fix: /start it with \// },
  },
  {
    name: 'unknown replacement',
    input: oneEntry({ deprecated: { since: '0.2.0', replacement: 'widget_gone' } }),
    want: { code: 'widget_missing', field: 'deprecated.replacement', fix: /"widget_gone".*name an existing code/ },
  },
  {
    name: 'tombstoned replacement',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ deprecated: { since: '0.2.0', replacement: 'widget_old' } }) }], {
      tombstones: [{ code: 'widget_old', removedIn: '0.1.0' }],
    }),
    want: { code: 'widget_missing', field: 'deprecated.replacement', fix: /"widget_old" is on the tombstone list.*name an existing code/ },
  },
  {
    name: 'replacement is the code itself',
    input: oneEntry({ deprecated: { since: '0.2.0', replacement: 'widget_missing' } }),
    want: { code: 'widget_missing', field: 'deprecated.replacement', fix: /name another code/ },
  },
  {
    name: 'registry version not semver',
    input: widgetRegistryInput([{ widget_missing: widgetEntry() }], { version: 'v1' }),
    want: { code: '*', field: 'version', fix: /"v1".*use a version such as 1\.2\.0/ },
  },
  { name: 'since not semver', input: oneEntry({ since: '0.1' }), want: { code: 'widget_missing', field: 'since', fix: /"0\.1".*such as 0\.1\.0/ } },
  {
    name: 'deprecated.since not semver',
    input: oneEntry({ deprecated: { since: 'next' } }),
    want: { code: 'widget_missing', field: 'deprecated.since', fix: /"next".*such as 1\.2\.0/ },
  },
];

describe('validateRegistry', () => {
  it.each(invalidRegistries)('rejects $name', ({ input, want }) => {
    const issues = issuesOf(input);

    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe(want.code);
    expect(issues[0]?.field).toBe(want.field);
    expect(issues[0]?.message).toMatch(want.fix);
  });

  it('lists every problem at once', () => {
    const input = widgetRegistryInput([
      { widget_missing: widgetEntry({ status: 399, title: '' }) },
      { widget_locked: widgetEntry({ status: 409, related: [{ code: 'widget_gone' }] }) },
    ]);

    const fields = issuesOf(input).map((issue) => `${issue.code} ${issue.field}`);

    expect(fields).toEqual(['widget_missing status', 'widget_missing title', 'widget_locked related[0].code']);
  });

  it('names code and field in message', () => {
    const error = (() => {
      try {
        validateRegistry(oneEntry({ status: 600 }));
      } catch (caught) {
        return caught as RegistryError;
      }
      throw new Error('expected a RegistryError');
    })();

    expect(error.name).toBe('RegistryError');
    expect(error.message).toContain('1 problem(s)');
    expect(error.message).toContain('widget_missing (status): 600 is not an HTTP error status');
  });

  it('names both places of a duplicate code', () => {
    const input = widgetRegistryInput([
      { widget_missing: widgetEntry(), widget_locked: widgetEntry({ status: 409 }) },
      { widget_gone: widgetEntry(), widget_stale: widgetEntry(), widget_locked: widgetEntry({ status: 409 }) },
    ]);

    const [issue] = issuesOf(input);

    expect(issue?.code).toBe('widget_locked');
    expect(issue?.message).toContain('in domains[0] (which starts with "widget_missing") after "widget_missing"');
    expect(issue?.message).toContain('again in domains[1] (which starts with "widget_gone") after "widget_stale"');
  });

  it('returns frozen entries in domain order', () => {
    const registry = validateRegistry(
      widgetRegistryInput([{ widget_missing: widgetEntry() }, { widget_locked: widgetEntry({ status: 409 }) }]),
    );

    expect(Object.keys(registry.entries)).toEqual(['widget_missing', 'widget_locked']);
    expect(Object.isFrozen(registry)).toBe(true);
    expect(Object.isFrozen(registry.entries)).toBe(true);
    expect(Object.isFrozen(registry.tombstones)).toBe(true);
  });

  it('accepts code named constructor', () => {
    const registry = validateRegistry(widgetRegistryInput([{ constructor: widgetEntry() }]));

    expect(Object.keys(registry.entries)).toEqual(['constructor']);
  });

  it('accepts deprecated code with replacement', () => {
    const registry = validateRegistry(
      widgetRegistryInput([
        {
          widget_missing: widgetEntry({ deprecated: { since: '0.2.0', replacement: 'widget_gone' } }),
          widget_gone: widgetEntry(),
        },
      ]),
    );

    expect(registry.entries.widget_missing?.deprecated?.replacement).toBe('widget_gone');
  });
});

describe('defineRegistry', () => {
  it('throws RegistryError for runtime problems', () => {
    const domain = { widget_missing: widgetEntry() };

    expect(() =>
      defineRegistry({
        version: '1.0.0',
        domains: [domain],
        families: { 404: { typescript: 'NotFoundError', python: 'NotFoundError' } },
        tombstones: [{ code: 'widget_missing', removedIn: '0.9.0' }],
      }),
    ).toThrow(/widget_missing \(code\): is on the tombstone list/);
  });
});
