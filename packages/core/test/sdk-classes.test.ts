/**
 * `validateRegistry` rejects the SDK class names that codegen's TypeScript or
 * Python target would reject, so that no codegen run writes a file first.
 */
import { describe, expect, it } from 'vitest';
import { SDK_RESERVED_CLASS_NAMES, validateRegistry, type DomainEntries, type RegistryInput } from '../src/index.ts';
import { widgetEntry, widgetFamilies, widgetRegistryInput } from './fixtures/widgets.ts';
import { issuesOf } from './fixtures/registry-issues.ts';

interface ClassCase {
  name: string;
  input: RegistryInput<readonly DomainEntries[]>;
  /** Every issue that the input must produce, as `code field` and a pattern for its message. */
  want: { at: string; message: RegExp }[];
}

const missing = widgetEntry();
const locked = widgetEntry({ status: 409 });

const rejected: ClassCase[] = [
  {
    name: '429 code with the 403 family class',
    input: widgetRegistryInput(
      [
        {
          widget_missing: missing,
          widget_forbidden: widgetEntry({ status: 403 }),
          widget_throttled: widgetEntry({ status: 429, sdk: { typescript: 'PermissionError', python: 'PermissionError' } }),
        },
      ],
      { families: { ...widgetFamilies, 403: { typescript: 'PermissionError', python: 'PermissionError' } } },
    ),
    want: [
      { at: 'widget_throttled sdk.typescript', message: /"PermissionError" is the TypeScript family class of status 403, but this code has status 429.*use "RateLimitError"/ },
      { at: 'widget_throttled sdk.python', message: /"PermissionError" is the Python family class of status 403, but this code has status 429.*use "RateLimitError"/ },
    ],
  },
  {
    name: 'code class of a family with no code',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ sdk: { typescript: 'WidgetError', python: 'GoneError' } }) }], {
      families: { ...widgetFamilies, 410: { typescript: 'GoneError', python: 'GoneError' } },
    }),
    want: [{ at: 'widget_missing sdk.python', message: /"GoneError" is the Python family class of status 410, but this code has status 404/ }],
  },
  {
    name: 'code class under two families',
    input: widgetRegistryInput([
      {
        widget_missing: widgetEntry({ sdk: { typescript: 'WidgetError', python: 'WidgetError' } }),
        widget_locked: widgetEntry({ status: 409, sdk: { typescript: 'WidgetError', python: 'WidgetError' } }),
      },
    ]),
    want: [
      { at: 'widget_locked sdk.typescript', message: /"WidgetError" is already the TypeScript class of "widget_missing", which extends NotFoundError.*give this code another class name/ },
      { at: 'widget_locked sdk.python', message: /"WidgetError" is already the Python class of "widget_missing", which extends NotFoundError/ },
    ],
  },
  {
    name: 'TypeScript family shared by two statuses',
    input: widgetRegistryInput([{ widget_missing: missing, widget_locked: locked }], {
      families: { 404: { typescript: 'WidgetError', python: 'NotFoundError' }, 409: { typescript: 'WidgetError', python: 'ConflictError' } },
    }),
    want: [{ at: '* families.409.typescript', message: /"WidgetError" is also the TypeScript family class of status 404.*rename one of them/ }],
  },
  {
    name: 'TypeScript family reserved by the SDK',
    input: widgetRegistryInput([{ widget_missing: missing }], { families: { 404: { typescript: 'APIError', python: 'NotFoundError' } } }),
    want: [{ at: '* families.404.typescript', message: /"APIError" is a name that the TypeScript SDK defines itself.*choose another class name/ }],
  },
  {
    name: 'Python family reserved by the SDK',
    input: widgetRegistryInput([{ widget_missing: missing }], { families: { 404: { typescript: 'NotFoundError', python: 'TimeoutError' } } }),
    want: [{ at: '* families.404.python', message: /"TimeoutError" is a name that the Python SDK defines itself/ }],
  },
  {
    name: 'TypeScript code class reserved by the SDK',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ sdk: { typescript: 'ErrorCode', python: 'WidgetError' } }) }]),
    want: [{ at: 'widget_missing sdk.typescript', message: /"ErrorCode" is a name that the TypeScript SDK defines itself/ }],
  },
  {
    name: 'Python code class reserved by the SDK',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ sdk: { typescript: 'WidgetError', python: 'CodeSpec' } }) }]),
    want: [{ at: 'widget_missing sdk.python', message: /"CodeSpec" is a name that the Python SDK defines itself/ }],
  },
  {
    name: 'Python code class named as a params TypedDict',
    input: widgetRegistryInput([{ widget_missing: missing, widget_gone: widgetEntry({ sdk: { typescript: 'WidgetError', python: 'WidgetMissingParams' } }) }]),
    want: [{ at: 'widget_gone sdk.python', message: /"WidgetMissingParams" is the name of the TypedDict of the params of "widget_missing" in the Python SDK/ }],
  },
  {
    name: 'Python family named as a params TypedDict',
    input: widgetRegistryInput([{ widget_missing: missing }], { families: { 404: { typescript: 'NotFoundError', python: 'WidgetMissingParams' } } }),
    want: [{ at: '* families.404.python', message: /"WidgetMissingParams" is the name of the TypedDict of the params of "widget_missing"/ }],
  },
  {
    name: 'Python code class named as an import of the error module',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ sdk: { typescript: 'WidgetError', python: 'TypedDict' } }) }]),
    want: [{ at: 'widget_missing sdk.python', message: /"TypedDict" is a name that the Python SDK defines itself/ }],
  },
  {
    name: 'Python code class named like a narrowed type',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ sdk: { typescript: 'WidgetError', python: '_WidgetMissingError' } }) }]),
    want: [{ at: 'widget_missing sdk.python', message: /"_WidgetMissingError" starts with _, which marks a private name in Python.*such as "WidgetMissingError"/ }],
  },
  {
    name: 'Python code class named like a TypedDict part',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ sdk: { typescript: 'WidgetError', python: '_WidgetMissingParamsRequired' } }) }]),
    want: [{ at: 'widget_missing sdk.python', message: /"_WidgetMissingParamsRequired" starts with _/ }],
  },
  {
    name: 'Python family class with a leading _',
    input: widgetRegistryInput([{ widget_missing: missing }], { families: { 404: { typescript: 'NotFoundError', python: '_GoneError' } } }),
    want: [{ at: '* families.404.python', message: /"_GoneError" starts with _.*such as "GoneError"/ }],
  },
  {
    name: 'Python class of underscores and digits',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ sdk: { typescript: 'WidgetError', python: '__1' } }) }]),
    want: [{ at: 'widget_missing sdk.python', message: /"__1" starts with _.*choose a name without the leading _$/ }],
  },
];

const accepted: { name: string; input: RegistryInput<readonly DomainEntries[]> }[] = [
  {
    name: 'Python family shared by two statuses',
    input: widgetRegistryInput([{ widget_missing: missing, widget_locked: locked }], {
      families: { 404: { typescript: 'NotFoundError', python: 'WidgetError' }, 409: { typescript: 'ConflictError', python: 'WidgetError' } },
    }),
  },
  {
    name: 'TypeScript family shared with an unused status',
    input: widgetRegistryInput([{ widget_missing: missing }], {
      families: { 404: { typescript: 'WidgetError', python: 'NotFoundError' }, 409: { typescript: 'WidgetError', python: 'ConflictError' } },
    }),
  },
  {
    name: 'code class shared within one status',
    input: widgetRegistryInput([
      {
        widget_missing: widgetEntry({ sdk: { typescript: 'WidgetError', python: 'WidgetError' } }),
        widget_gone: widgetEntry({ sdk: { typescript: 'WidgetError', python: 'WidgetError' } }),
      },
    ]),
  },
  {
    name: 'TypeScript class with a leading _',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ sdk: { typescript: '_WidgetError', python: 'WidgetError' } }) }]),
  },
  {
    name: 'code naming its own family class',
    input: widgetRegistryInput([{ widget_missing: widgetEntry({ sdk: { typescript: 'NotFoundError', python: 'NotFoundError' } }) }]),
  },
];

describe('validateRegistry SDK classes', () => {
  it.each(rejected)('rejects $name', ({ input, want }) => {
    const issues = issuesOf(input);

    expect(issues.map((issue) => `${issue.code} ${issue.field}`)).toEqual(want.map((item) => item.at));
    for (const [index, item] of want.entries()) expect(issues[index]?.message).toMatch(item.message);
  });

  it.each(accepted)('accepts $name', ({ input }) => {
    expect(() => validateRegistry(input)).not.toThrow();
  });

  it('rejects every reserved name in each language', () => {
    for (const language of ['typescript', 'python'] as const) {
      for (const name of SDK_RESERVED_CLASS_NAMES[language]) {
        const sdk = { typescript: 'WidgetError', python: 'WidgetError', [language]: name };
        const fields = issuesOf(widgetRegistryInput([{ widget_missing: widgetEntry({ sdk }) }])).map((issue) => issue.field);

        expect(fields, name).toContain(`sdk.${language}`);
      }
    }
  });
});
