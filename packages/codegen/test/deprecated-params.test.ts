/**
 * A `@deprecated` JSDoc tag with a reason on a param. ts-json-schema-generator emits the reason as
 * the value of `deprecated`, which JSON Schema and OpenAPI require to be a boolean, so codegen emits
 * `true` and keeps the reason in the description.
 */
import { describe, expect, it } from 'vitest';
import { defaultSpec, type FixtureSpec } from './support/fixture-project.ts';
import { renderFixture, type RenderedFixture } from './support/render.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('deprecated-params');

async function render(change: (spec: FixtureSpec) => void): Promise<RenderedFixture> {
  const spec = defaultSpec();
  change(spec);
  return renderFixture(await tempDir(), spec);
}

/** Returns the schema of a public param in the envelope of a code. */
function envelopeMemberOf(rendered: RenderedFixture, envelope: string, member: string): Record<string, unknown> {
  const definitions = (rendered.schema as unknown as { $defs: Record<string, { properties: Record<string, Record<string, unknown>> }> }).$defs;
  return definitions[envelope]!.properties[member]!;
}

describe('deprecated params', () => {
  it('keeps a reason in the description', async () => {
    const rendered = await render((spec) => {
      spec.codes[0]!.params![0]!.tags = ['@asType integer', '@minimum 1', '@description Cents to pay.', '@deprecated send amount_minor instead'];
    });

    const member = envelopeMemberOf(rendered, 'PaymentRequiredEnvelope', 'amount_cents');
    expect(member.deprecated).toBe(true);
    expect(member.description).toBe('Cents to pay.\n\nDeprecated: send amount_minor instead');
    const openapiMember = rendered.openapi.components.schemas.PaymentRequiredEnvelope!.properties.amount_cents;
    expect(openapiMember.deprecated).toBe(true);
  });

  it('accepts a reason on an internal param', async () => {
    const rendered = await render((spec) => {
      spec.codes[0]!.params![1]!.tags = ['@deprecated log the invoice number instead'];
    });

    // Internal params are not published, and nothing else in the schema became a string.
    expect(rendered.text.schema).not.toContain('invoice_id');
    expect(rendered.text.schema).not.toMatch(/"deprecated":\s*"/);
  });

  it('keeps a bare tag as true', async () => {
    const rendered = await render((spec) => {
      spec.codes[0]!.params![0]!.tags = ['@asType integer', '@minimum 1', '@deprecated'];
    });

    const member = envelopeMemberOf(rendered, 'PaymentRequiredEnvelope', 'amount_cents');
    expect(member.deprecated).toBe(true);
    expect(member.description).toBe('The amount_cents of the fixture.');
  });

  it('leaves data values named deprecated', async () => {
    const rendered = await render((spec) => {
      spec.codes[1]!.params![0] = {
        name: 'decline_code',
        type: '{ deprecated: string }',
        visibility: 'public',
        tags: ['@default {"deprecated": "kept as text"}'],
        example: { deprecated: 'yes' },
      };
      spec.codes[1]!.detail = 'The card was declined by {issuer}.';
    });

    const member = envelopeMemberOf(rendered, 'CardDeclinedEnvelope', 'decline_code');
    expect(member.default).toEqual({ deprecated: 'kept as text' });
  });
});
