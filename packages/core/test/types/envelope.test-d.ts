/**
 * Compile-time checks of the Agnes envelope types. Every `@ts-expect-error` states
 * the error it expects after `--`; test/type-errors.test.ts proves each one is needed.
 */
import { describe, expectTypeOf, test } from 'vitest';
import {
  EXAMPLE_REQUEST_ID,
  agnesRegistry,
  buildEnvelope,
  type AgnesEnvelope,
  type AgnesErrorEnvelope,
  type AgnesParams,
  type AgnesPublicParams,
  type AgnesRegistry,
  type EntriesOf,
  type ErrorCode,
  type FieldError,
  type InternalParamNames,
} from '../../src/index.ts';

declare const anyCode: ErrorCode;
declare const anyParams: AgnesParams<ErrorCode>;

/** Params of a code that must stay out of its envelope: internal and detail-only ones. */
type HiddenParamsOf<C extends ErrorCode> = InternalParamNames<EntriesOf<AgnesRegistry>[C]>;

describe('AgnesErrorEnvelope', () => {
  test('switch on code narrows', () => {
    const summarize = (envelope: AgnesErrorEnvelope): string => {
      switch (envelope.code) {
        case 'rate_limited':
          expectTypeOf(envelope.retry_after).toEqualTypeOf<number>();
          return `retry after ${envelope.retry_after} s`;
        case 'service_unavailable':
          expectTypeOf(envelope.retry_after).toEqualTypeOf<number | undefined>();
          return 'unavailable';
        case 'validation_failed':
          expectTypeOf(envelope.errors).toEqualTypeOf<FieldError[]>();
          return envelope.errors.map((error) => error.pointer).join(', ');
        case 'method_not_allowed':
          expectTypeOf(envelope.allowed_methods).toEqualTypeOf<string[]>();
          return envelope.allowed_methods.join(', ');
        case 'resource_not_found':
          expectTypeOf(envelope).toEqualTypeOf<AgnesEnvelope<'resource_not_found'>>();
          return `${envelope.resource} ${envelope.id}`;
        case 'forbidden':
          // @ts-expect-error -- Property 'retry_after' does not exist on type
          return String(envelope.retry_after);
        default:
          expectTypeOf(envelope.code).not.toEqualTypeOf<ErrorCode>();
          expectTypeOf<'rate_limited'>().not.toExtend<typeof envelope.code>();
          return envelope.detail;
      }
    };
    expectTypeOf(summarize).returns.toEqualTypeOf<string>();
  });

  test('code member is the literal code', () => {
    expectTypeOf<AgnesEnvelope<'forbidden'>['code']>().toEqualTypeOf<'forbidden'>();
    expectTypeOf<AgnesErrorEnvelope['code']>().toEqualTypeOf<ErrorCode>();
  });

  test('equals AgnesEnvelope of all codes', () => {
    expectTypeOf<AgnesEnvelope>().toEqualTypeOf<AgnesErrorEnvelope>();
    expectTypeOf<AgnesEnvelope<'forbidden' | 'rate_limited'>>().toEqualTypeOf<
      AgnesEnvelope<'forbidden'> | AgnesEnvelope<'rate_limited'>
    >();
    expectTypeOf<AgnesPublicParams<'forbidden' | 'rate_limited'>>().toEqualTypeOf<{} | { retry_after: number }>();
  });

  test('forbidden has only base members', () => {
    expectTypeOf<keyof AgnesEnvelope<'forbidden'>>().toEqualTypeOf<'detail' | 'code' | 'request_id' | 'doc_url'>();
  });
});

describe('internal params', () => {
  test('absent from every envelope type', () => {
    type Leaked = { [C in ErrorCode]: Extract<keyof AgnesEnvelope<C>, HiddenParamsOf<C>> }[ErrorCode];

    expectTypeOf<Leaked>().toBeNever();
  });

  test('still typed as params', () => {
    expectTypeOf<HiddenParamsOf<'forbidden'>>().toEqualTypeOf<'scope' | 'credential_tenant_id' | 'resource_tenant_id'>();
    expectTypeOf<AgnesParams<'forbidden'>>().toHaveProperty('credential_tenant_id');
    expectTypeOf<AgnesEnvelope<'forbidden'>>().not.toHaveProperty('credential_tenant_id');
    expectTypeOf<AgnesEnvelope<'forbidden'>>().not.toHaveProperty('scope');
    expectTypeOf<AgnesPublicParams<'resource_not_found'>>().toEqualTypeOf<{ resource: string; id: string }>();
  });

  test('not readable on built envelope', () => {
    const envelope = buildEnvelope(
      agnesRegistry,
      'forbidden',
      { scope: 'policy:delete', credential_tenant_id: 'acme', resource_tenant_id: 'globex' },
      { requestId: EXAMPLE_REQUEST_ID },
    );

    // @ts-expect-error -- Property 'credential_tenant_id' does not exist on type
    void envelope.credential_tenant_id;
  });
});

describe('buildEnvelope', () => {
  test('returns the envelope of the code', () => {
    const envelope = buildEnvelope(agnesRegistry, 'rate_limited', { retry_after: 30 }, { requestId: EXAMPLE_REQUEST_ID });

    expectTypeOf(envelope.code).toEqualTypeOf<'rate_limited'>();
    expectTypeOf(envelope.retry_after).toEqualTypeOf<number>();
    expectTypeOf(envelope.status).toEqualTypeOf<number | undefined>();
  });

  test('returns the union for a union code', () => {
    const envelope = buildEnvelope(agnesRegistry, anyCode, anyParams, { requestId: EXAMPLE_REQUEST_ID });

    expectTypeOf(envelope).toExtend<AgnesErrorEnvelope>();
    if (envelope.code === 'payload_too_large') expectTypeOf(envelope.max_bytes).toEqualTypeOf<number>();
  });

  test('requires the params of the code', () => {
    // @ts-expect-error -- Property 'scope' is missing
    buildEnvelope(agnesRegistry, 'forbidden', {}, { requestId: EXAMPLE_REQUEST_ID });
  });

  test('rejects params of another code', () => {
    // @ts-expect-error -- 'retry_after' does not exist in type
    buildEnvelope(agnesRegistry, 'forbidden', { scope: 'policy:read', retry_after: 5 }, { requestId: EXAMPLE_REQUEST_ID });
  });

  test('rejects unknown code', () => {
    // @ts-expect-error -- Argument of type '"no_such_code"' is not assignable to parameter
    buildEnvelope(agnesRegistry, 'no_such_code', {}, { requestId: EXAMPLE_REQUEST_ID });
  });
});
