/**
 * Compile-time checks of `defineError` and `defineRegistry`. Every `@ts-expect-error`
 * states the error it expects after `--`, and test/type-errors.test.ts compiles this
 * file without the directives to prove that each one is needed for that error.
 */
import { describe, expectTypeOf, test } from 'vitest';
import { defineError, defineRegistry, type CodeOf, type ParamsOf, type PublicParamsOf } from '../../src/index.ts';

/** Params of the synthetic `widget_missing` code. */
interface WidgetMissingParams {
  widget_id: string;
  owner_id?: string;
}

const families = { 404: { typescript: 'NotFoundError', python: 'NotFoundError' } } as const;

/** Docs text that every synthetic entry below shares. */
const docs = {
  status: 404,
  title: 'Widget not found',
  summary: 'no widget with this id exists',
  retry: { retryable: false, advice: 'check the widget id' },
  when: 'The widget does not exist. Common causes:',
  causes: ['The id has a typo.'],
  fix: ['Check the id.'],
  since: '0.1.0',
} as const;

const widgetMissing = defineError<WidgetMissingParams>()({
  ...docs,
  detail: 'No widget with id {widget_id}.',
  params: { widget_id: 'public', owner_id: 'internal' },
  example: { widget_id: 'wid_1' },
  sdk: { typescript: 'WidgetMissingError', python: 'WidgetMissingError' },
  related: [{ code: 'widget_locked', note: 'same status.' }],
});

const widgetLocked = defineError()({
  ...docs,
  detail: 'The widget is locked.',
  params: {},
  example: {},
  related: [{ code: 'widget_missing' }, { href: '/widgets', title: 'Widgets' }],
  deprecated: { since: '0.2.0', replacement: 'widget_missing' },
});

describe('defineError', () => {
  test('valid entries compile with literal types', () => {
    expectTypeOf(widgetMissing.status).toEqualTypeOf<404>();
    expectTypeOf(widgetMissing.detail).toEqualTypeOf<'No widget with id {widget_id}.'>();
    expectTypeOf(widgetMissing.sdk.typescript).toEqualTypeOf<'WidgetMissingError'>();
  });

  test('detail placeholder needs a declared param', () => {
    defineError<WidgetMissingParams>()(
      // @ts-expect-error -- Error: detail placeholder {color} has no declared param
      {
        ...docs,
        detail: 'No {color} widget with id {widget_id}.',
        params: { widget_id: 'detail', owner_id: 'internal' },
        example: { widget_id: 'wid_1' },
        related: [],
      },
    );
  });

  test('params lists every declared param', () => {
    defineError<WidgetMissingParams>()({
      ...docs,
      detail: 'No widget with id {widget_id}.',
      // @ts-expect-error -- Property 'owner_id' is missing
      params: { widget_id: 'detail' },
      example: { widget_id: 'wid_1' },
      related: [],
    });
  });

  test('param visibility is one of three', () => {
    defineError<WidgetMissingParams>()({
      ...docs,
      detail: 'No widget with id {widget_id}.',
      // @ts-expect-error -- Type '"secret"' is not assignable to type 'ParamVisibility'
      params: { widget_id: 'detail', owner_id: 'secret' },
      example: { widget_id: 'wid_1' },
      related: [],
    });
  });

  test('example follows the params type', () => {
    defineError<WidgetMissingParams>()({
      ...docs,
      detail: 'No widget with id {widget_id}.',
      params: { widget_id: 'detail', owner_id: 'internal' },
      // @ts-expect-error -- Type 'number' is not assignable to type 'string'
      example: { widget_id: 42 },
      related: [],
    });
  });

  test('TypeScript class name is an identifier', () => {
    defineError()(
      // @ts-expect-error -- Error: sdk.typescript "Widget Error" is not a valid class name
      { ...docs, detail: 'No widget.', params: {}, example: {}, related: [], sdk: { typescript: 'Widget Error', python: 'WidgetError' } },
    );
  });

  test('Python class name is an identifier', () => {
    defineError()(
      // @ts-expect-error -- Error: sdk.python "2WidgetError" is not a valid class name
      { ...docs, detail: 'No widget.', params: {}, example: {}, related: [], sdk: { typescript: 'WidgetError', python: '2WidgetError' } },
    );
  });
});

describe('defineRegistry', () => {
  const registry = defineRegistry({
    version: '1.0.0',
    domains: [{ widget_missing: widgetMissing }, { widget_locked: widgetLocked }],
    families,
  });

  test('valid registry keeps codes and params', () => {
    expectTypeOf<CodeOf<typeof registry>>().toEqualTypeOf<'widget_missing' | 'widget_locked'>();
    expectTypeOf<ParamsOf<typeof registry, 'widget_missing'>>().toEqualTypeOf<WidgetMissingParams>();
    expectTypeOf<PublicParamsOf<typeof registry, 'widget_missing'>>().toEqualTypeOf<{ widget_id: string }>();
    expectTypeOf<PublicParamsOf<typeof registry, 'widget_locked'>>().toEqualTypeOf<{}>();
  });

  test('related code must exist', () => {
    const orphan = defineError()({ ...docs, detail: 'No widget.', params: {}, example: {}, related: [{ code: 'widget_gone' }] });

    defineRegistry(
      // @ts-expect-error -- Error: related or replacement code "widget_gone" is not defined in any domain
      { version: '1.0.0', domains: [{ widget_orphan: orphan }], families },
    );
  });

  test('replacement code must exist', () => {
    const deprecated = defineError()({
      ...docs,
      detail: 'No widget.',
      params: {},
      example: {},
      related: [],
      deprecated: { since: '0.2.0', replacement: 'widget_found' },
    });

    defineRegistry(
      // @ts-expect-error -- Error: related or replacement code "widget_found" is not defined in any domain
      { version: '1.0.0', domains: [{ widget_old: deprecated }], families },
    );
  });
});
