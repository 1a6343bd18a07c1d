import { describe, expect, it } from 'vitest';
import {
  AgnesError,
  APIError,
  EmailNotVerifiedError,
  errorFromResponse,
  PermissionError,
  RateLimitError,
  UnexpectedResponseError,
} from '../../src/index.ts';

const FORBIDDEN = {
  detail: 'Permission denied: missing scope policy:delete.',
  code: 'forbidden',
  request_id: 'req_1',
  doc_url: 'https://docs.lasscyber.com/errors/forbidden',
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

describe('errorFromResponse', () => {
  it('builds the class of a known code with every field', async () => {
    const response = json(403, FORBIDDEN, { 'x-request-id': 'req_header' });
    const error = await errorFromResponse(response);

    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(AgnesError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(403);
    expect(error.code).toBe('forbidden');
    expect(error.isKnownCode).toBe(true);
    expect(error.requestId).toBe('req_1');
    expect(error.docUrl).toBe(FORBIDDEN.doc_url);
    expect(error.detail).toBe(FORBIDDEN.detail);
    expect(error.params).toEqual({});
    expect(error.body).toEqual(FORBIDDEN);
    expect(error.headers.get('x-request-id')).toBe('req_header');
    expect(error.retryable).toBe(false);
    expect(error.name).toBe('PermissionError');
    expect(error.message).toBe('403 forbidden: Permission denied: missing scope policy:delete.');
  });

  it('makes code classes subclasses of their family', async () => {
    const error = await errorFromResponse(json(403, { ...FORBIDDEN, code: 'email_not_verified' }));
    expect(error).toBeInstanceOf(EmailNotVerifiedError);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.name).toBe('EmailNotVerifiedError');
  });

  it('keeps typed public params', async () => {
    const error = await errorFromResponse(json(429, { ...FORBIDDEN, code: 'rate_limited', retry_after: 30 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.params).toEqual({ retry_after: 30 });
    expect(error.retryable).toBe(true);
  });

  it('keeps a __proto__ member as a plain param', async () => {
    const response = new Response('{"detail":"x","code":"conflict","__proto__":{"polluted":true}}', {
      status: 409,
      headers: { 'content-type': 'application/json' },
    });
    const error = await errorFromResponse(response);
    expect(Object.getPrototypeOf(error.params)).toBe(Object.prototype);
    expect(Object.hasOwn(error.params, '__proto__')).toBe(true);
    expect((error.params as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('gives an UnexpectedResponseError for a 2xx', async () => {
    const error = await errorFromResponse(new Response('<html></html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toBeInstanceOf(APIError);
    expect(error.retryable).toBe(false);
    expect(error.detail).toBe('Expected an error response from the API, got HTTP 200 with content type text/html');
  });

  it('never rejects when the body stream fails', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('terminated'));
      },
    });
    const error = await errorFromResponse(new Response(stream, { status: 502, headers: { 'content-type': 'application/json' } }));
    expect(error.name).toBe('BadGatewayError');
    expect(error.detail).toBe('HTTP 502 with an empty body');
  });

  it('reads a response whose body was already used', async () => {
    const response = json(404, { detail: 'gone' });
    await response.text();
    const error = await errorFromResponse(response);
    expect(error.name).toBe('NotFoundError');
    expect(error.code).toBe('unknown');
  });

  it('prefers detail over title and message', async () => {
    const error = await errorFromResponse(json(400, { message: 'third', title: 'second', detail: 'first' }));
    expect(error.detail).toBe('first');
  });

  it('skips blank details', async () => {
    const error = await errorFromResponse(json(400, { detail: '   ', title: 'Bad Request' }));
    expect(error.detail).toBe('Bad Request');
  });
});
