/** The JSON Schema target on fixture registries: flat envelopes, valid names, only reachable types. */
import { beforeAll, describe, expect, it } from 'vitest';
import { definitionName } from '../src/naming.ts';
import { compileSchema } from './support/ajv.ts';
import { defaultSpec } from './support/fixture-project.ts';
import { renderFixture, type RenderedFixture } from './support/render.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('schema');

describe('definition names', () => {
  const cases: { given: string; want: string }[] = [
    { given: 'FieldError', want: 'FieldError' },
    { given: 'Wrapper<"x">', want: 'Wrapper_x' },
    { given: 'Page<Item, "cursor">', want: 'Page_Item_cursor' },
    { given: 'a.b-c_d', want: 'a.b-c_d' },
  ];

  it.each(cases)('$given becomes $want', ({ given, want }) => {
    expect(definitionName(given)).toBe(want);
  });
});

describe('schema target on a fixture registry', () => {
  let fixture: RenderedFixture;
  beforeAll(async () => {
    const spec = defaultSpec();
    spec.extraTypes = {
      billing: [
        '/** A value with a label. */',
        'export interface Labeled<T> { label: string; value: T }',
        '/** Logged only, never sent. */',
        'export interface AuditTrail { actor: string }',
      ].join('\n'),
    };
    spec.codes[0]!.params!.push(
      { name: 'plan', type: "Labeled<'pro'>", visibility: 'public', example: { label: 'Pro', value: 'pro' } },
      { name: 'audit', type: 'AuditTrail', visibility: 'internal' },
    );
    fixture = await renderFixture(await tempDir(), spec);
  });

  it('renames generic instances to valid component names', () => {
    expect(Object.keys(fixture.schema.$defs)).toContain('Labeled_pro');
    expect(fixture.schema.$defs.PaymentRequiredEnvelope!.properties!.plan).toMatchObject({ $ref: '#/$defs/Labeled_pro' });
    for (const name of Object.keys(fixture.schema.$defs)) expect(name).toMatch(/^[a-zA-Z0-9._-]+$/);
  });

  it('leaves out types that only internal params use', () => {
    expect(Object.keys(fixture.schema.$defs)).not.toContain('AuditTrail');
    expect(fixture.text.schema).not.toContain('actor');
  });

  it('leaves out the params interfaces themselves', () => {
    expect(Object.keys(fixture.schema.$defs).filter((name) => name.endsWith('Params'))).toEqual([]);
  });

  it('compiles in Ajv strict mode with every $ref resolved', () => {
    const validators = compileSchema(fixture.schema);
    const example = fixture.openapi.components.responses.PaymentRequired.content['application/json'].examples.payment_required.value;

    expect(validators.root(example)).toBe(true);
    expect(validators.root({ ...example, plan: { label: 'Pro', value: 'basic' } })).toBe(false);
  });

  it('orders members as buildEnvelope writes them', () => {
    const envelope = fixture.schema.$defs.PaymentRequiredEnvelope!;

    expect(Object.keys(envelope.properties!)).toEqual(['detail', 'code', 'request_id', 'doc_url', 'amount_cents', 'plan', 'type', 'title', 'status', 'instance']);
    expect(envelope.required).toEqual(['detail', 'code', 'request_id', 'doc_url', 'amount_cents', 'plan']);
    expect(envelope.additionalProperties).toBe(false);
  });

  it('marks deprecated codes and only those', () => {
    const deprecated = Object.entries(fixture.schema.$defs)
      .filter(([, definition]) => (definition as { deprecated?: boolean }).deprecated)
      .map(([name]) => name);

    expect(deprecated).toEqual(['LegacyThrottledEnvelope']);
  });
});
