import { describe, expectTypeOf, it } from 'vitest';
import {
  Agnes,
  type AgnesError,
  type AgnesErrorOf,
  InvalidOptionError,
  APIError,
  EmailNotVerifiedError,
  HeadersTooLargeError,
  NotFoundError,
  type ErrorCode,
  type FieldError,
  isAgnesError,
  type KnownAgnesError,
  PermissionError,
  type PublicParamsByCode,
  RateLimitError,
  RequestTimeoutError,
  ValidationFailedError,
} from '../src/index.ts';
import type { Middleware } from 'openapi-fetch';
import { agnesErrors } from '../src/openapi-fetch.ts';

declare const caught: unknown;

describe('isAgnesError', () => {
  it('narrows to AgnesError without a code', () => {
    if (isAgnesError(caught)) expectTypeOf(caught).toEqualTypeOf<AgnesError>();
  });

  it('narrows rate_limited to RateLimitError with typed params', () => {
    if (isAgnesError(caught, 'rate_limited')) {
      expectTypeOf(caught).toMatchTypeOf<RateLimitError>();
      expectTypeOf(caught.code).toEqualTypeOf<'rate_limited'>();
      expectTypeOf(caught.isKnownCode).toEqualTypeOf<true>();
      expectTypeOf(caught.params.retry_after).toEqualTypeOf<number>();
    }
  });

  it('narrows a code with its own class to that class', () => {
    if (isAgnesError(caught, 'email_not_verified')) {
      expectTypeOf(caught).toMatchTypeOf<EmailNotVerifiedError>();
      expectTypeOf(caught).toMatchTypeOf<PermissionError>();
    }
    if (isAgnesError(caught, 'validation_failed')) {
      expectTypeOf(caught).toMatchTypeOf<ValidationFailedError>();
      expectTypeOf(caught.params.errors).toEqualTypeOf<FieldError[]>();
    }
  });

  it('rejects a code that the registry does not list', () => {
    // @ts-expect-error 'no_such_code' is not an ErrorCode
    isAgnesError(caught, 'no_such_code');
  });

  it('has no params members that a code does not declare', () => {
    if (isAgnesError(caught, 'forbidden')) {
      // @ts-expect-error forbidden has no public params
      void caught.params.scope.length;
    }
  });
});

describe('ErrorCode', () => {
  it('narrows params per case of KnownAgnesError', () => {
    function hint(error: KnownAgnesError): number | undefined {
      switch (error.code) {
        case 'rate_limited':
          expectTypeOf(error.params).toMatchTypeOf<PublicParamsByCode['rate_limited']>();
          expectTypeOf(error.params.retry_after).toEqualTypeOf<number>();
          return error.params.retry_after;
        case 'quota_exceeded':
          expectTypeOf(error.params.resets_at).toEqualTypeOf<string>();
          return undefined;
        default:
          expectTypeOf(error.code).toEqualTypeOf<Exclude<ErrorCode, 'rate_limited' | 'quota_exceeded'>>();
          return undefined;
      }
    }
    expectTypeOf(hint).parameter(0).toMatchTypeOf<APIError>();
  });

  it('types AgnesErrorOf from the generated class map', () => {
    expectTypeOf<AgnesErrorOf<'forbidden'>>().toMatchTypeOf<PermissionError>();
    expectTypeOf<AgnesErrorOf<'forbidden'>['code']>().toEqualTypeOf<'forbidden'>();
  });
});

describe('APIError', () => {
  it('accepts codes that the registry does not list', () => {
    expectTypeOf<'some_future_code'>().toMatchTypeOf<APIError['code']>();
    expectTypeOf<ErrorCode>().toMatchTypeOf<APIError['code']>();
  });
});

describe('Agnes.request', () => {
  it('resolves the type that the caller names', () => {
    const agnes = new Agnes({ baseURL: 'https://api.example.com' });
    expectTypeOf(agnes.request<{ id: string }>({ path: '/v1/policies/pol_1' })).toEqualTypeOf<Promise<{ id: string }>>();
    // @ts-expect-error a path is required
    void agnes.request({ method: 'GET' });
  });
});

describe('InvalidOptionError', () => {
  it('is an AgnesError', () => {
    expectTypeOf<InvalidOptionError>().toMatchTypeOf<AgnesError>();
  });
});

describe('agnesErrors', () => {
  it('returns a middleware with onResponse and onError', () => {
    expectTypeOf(agnesErrors().onResponse).toBeFunction();
    expectTypeOf(agnesErrors().onError).returns.toMatchTypeOf<Error>();
  });

  it("fits openapi-fetch's Middleware type", () => {
    expectTypeOf(agnesErrors()).toMatchTypeOf<Middleware>();
  });
});

describe('instanceof checks', () => {
  it('tell one family class from another', () => {
    const thrown = caught as RequestTimeoutError | HeadersTooLargeError;
    if (thrown instanceof RequestTimeoutError) expectTypeOf(thrown).toEqualTypeOf<RequestTimeoutError>();
    else {
      expectTypeOf(thrown).not.toBeNever();
      expectTypeOf(thrown).toEqualTypeOf<HeadersTooLargeError>();
    }
    expectTypeOf<PermissionError>().not.toMatchTypeOf<NotFoundError>();
    // The parser picks the class by code, so a PermissionError may carry a status other than 403.
    expectTypeOf<PermissionError['status']>().toEqualTypeOf<number>();
  });

  it('keep the family class when a code class does not match', () => {
    const thrown = caught as PermissionError;
    if (thrown instanceof EmailNotVerifiedError) expectTypeOf(thrown.code).toEqualTypeOf<'email_not_verified'>();
    else {
      expectTypeOf(thrown).not.toBeNever();
      expectTypeOf(thrown).toEqualTypeOf<PermissionError>();
    }
    expectTypeOf<PermissionError>().not.toMatchTypeOf<EmailNotVerifiedError>();
    expectTypeOf<EmailNotVerifiedError>().toMatchTypeOf<PermissionError>();
  });
});
