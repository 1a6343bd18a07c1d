import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DOCS_BASE_URL,
  EXAMPLE_REQUEST_ID,
  agnesRegistry,
  buildEnvelope,
  docUrlOf,
  lookupsOf,
  type ErrorCode,
} from '../src/index.ts';

/** The example response of the published `forbidden` docs page, as it is printed there. */
const REFERENCE_FORBIDDEN_JSON = `{
  "detail": "Permission denied: missing scope policy:delete.",
  "code": "forbidden",
  "request_id": "5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91",
  "doc_url": "https://docs.lasscyber.com/errors/forbidden"
}`;

const BASE_MEMBERS = ['detail', 'code', 'request_id', 'doc_url'];

/** Builds the envelope of any catalog code from loosely typed params, for table-driven tests. */
function build(
  code: string,
  params: Record<string, unknown>,
  options: Partial<Parameters<typeof buildEnvelope>[3]> = {},
): Record<string, unknown> {
  const envelope: object = buildEnvelope(agnesRegistry, code as ErrorCode, params as never, { requestId: 'req_test_1', ...options });
  return envelope as Record<string, unknown>;
}

describe('buildEnvelope', () => {
  it('reproduces reference forbidden envelope', () => {
    const envelope = buildEnvelope(agnesRegistry, 'forbidden', { scope: 'policy:delete' }, { requestId: EXAMPLE_REQUEST_ID });

    expect(JSON.stringify(envelope, null, 2)).toBe(REFERENCE_FORBIDDEN_JSON);
  });

  it('uses the given request id', () => {
    const envelope = buildEnvelope(agnesRegistry, 'forbidden', { scope: 'policy:delete' }, { requestId: 'req_test_1' });

    expect(envelope).toEqual({ ...JSON.parse(REFERENCE_FORBIDDEN_JSON), request_id: 'req_test_1' });
    expect(Object.keys(envelope)).toEqual(BASE_MEMBERS);
  });

  it.each([
    { name: 'forbidden with internal params', code: 'forbidden', params: { scope: 'policy:read', credential_tenant_id: 'acme' }, members: [] },
    { name: 'method_not_allowed', code: 'method_not_allowed', params: { allowed_methods: ['GET'], method: 'PUT', path: '/policies' }, members: ['allowed_methods'] },
    { name: 'resource_not_found', code: 'resource_not_found', params: { id: 'pol_1', resource: 'policy', tenant_id: 'acme' }, members: ['resource', 'id'] },
    { name: 'quota_exceeded', code: 'quota_exceeded', params: { resets_at: '2026-11-01T00:00:00Z', quota: 1000 }, members: ['quota', 'resets_at'] },
    { name: 'service_unavailable with retry_after', code: 'service_unavailable', params: { retry_after: 120, dependency: 'db' }, members: ['retry_after'] },
    { name: 'service_unavailable without retry_after', code: 'service_unavailable', params: {}, members: [] },
  ])('orders members of $name', ({ code, params, members }) => {
    const envelope = build(code, params);

    expect(Object.keys(envelope)).toEqual([...BASE_MEMBERS, ...members]);
  });

  it.each([
    { code: 'route_not_found', params: { method: 'GET', path: '/policy' }, detail: 'No route matches GET /policy.' },
    { code: 'payload_too_large', params: { max_bytes: 1048576 }, detail: 'The request body exceeds the limit of 1048576 bytes.' },
    { code: 'rate_limited', params: { retry_after: 30 }, detail: 'Rate limit exceeded. Retry after 30 seconds.' },
    { code: 'internal_error', params: {}, detail: 'An internal error occurred. Retry later, or contact support with the request id.' },
  ])('renders detail of $code', ({ code, params, detail }) => {
    expect(build(code, params).detail).toBe(detail);
  });

  it('overrides detail but keeps params', () => {
    const envelope = build('rate_limited', { retry_after: 7 }, { detail: 'Slow down, please.' });

    expect(envelope.detail).toBe('Slow down, please.');
    expect(envelope.retry_after).toBe(7);
  });

  it.each(lookupsOf(agnesRegistry).statuses.flatMap((status) => lookupsOf(agnesRegistry).codesByStatus.get(status) ?? []))(
    'leaves hidden params out of %s',
    (code) => {
      const entry = agnesRegistry.entries[code as ErrorCode];
      const visibilities: Record<string, string> = entry.params;
      const params: Record<string, unknown> = { ...entry.example };
      for (const [name, visibility] of Object.entries(visibilities)) {
        if (visibility === 'internal') params[name] = `leak-${name}`;
      }
      const publicNames = Object.keys(visibilities).filter((name) => visibilities[name] === 'public');

      const envelope = build(code, params, { problem: { instance: '/policies' } });

      for (const [name, visibility] of Object.entries(visibilities)) {
        expect(Object.hasOwn(envelope, name), `${visibility} param ${name}`).toBe(visibility === 'public' && params[name] !== undefined);
      }
      expect(JSON.stringify(envelope)).not.toMatch(/leak-/);
      expect(Object.keys(envelope).filter((key) => !publicNames.includes(key))).toEqual([
        ...BASE_MEMBERS,
        'type',
        'title',
        'status',
        'instance',
      ]);
    },
  );

  it('adds problem members last', () => {
    const envelope = build('resource_not_found', { resource: 'policy', id: 'pol_1' }, { problem: { instance: '/policies/pol_1' } });

    expect(Object.keys(envelope)).toEqual([...BASE_MEMBERS, 'resource', 'id', 'type', 'title', 'status', 'instance']);
    expect(envelope.type).toBe(envelope.doc_url);
    expect(envelope.title).toBe('Resource not found');
    expect(envelope.status).toBe(404);
    expect(envelope.instance).toBe('/policies/pol_1');
  });

  it('omits instance when not given', () => {
    const envelope = build('forbidden', { scope: 'policy:read' }, { problem: {} });

    expect(Object.keys(envelope)).toEqual([...BASE_MEMBERS, 'type', 'title', 'status']);
    expect(envelope.status).toBe(403);
  });

  it.each(['no_such_code', 'constructor', 'toString', '__proto__'])('rejects unknown code %s', (code) => {
    expect(() => build(code, {})).toThrow(TypeError);
    expect(() => build(code, {})).toThrow(`Unknown error code "${code}"`);
  });

  it('rejects invalid docs base URL', () => {
    expect(() => build('forbidden', { scope: 'policy:read' }, { docsBaseUrl: 'docs.example.com' })).toThrow(
      /Invalid docs base URL "docs\.example\.com"/,
    );
  });
});

describe('docUrlOf', () => {
  it.each([
    { base: 'https://docs.example.com', want: 'https://docs.example.com/errors/forbidden' },
    { base: 'https://docs.example.com/', want: 'https://docs.example.com/errors/forbidden' },
    { base: 'https://docs.example.com//', want: 'https://docs.example.com/errors/forbidden' },
    { base: 'https://example.com/docs', want: 'https://example.com/docs/errors/forbidden' },
    { base: 'https://example.com/docs/', want: 'https://example.com/docs/errors/forbidden' },
    { base: 'HTTPS://Docs.Example.COM', want: 'https://docs.example.com/errors/forbidden' },
    { base: 'http://127.0.0.1:4173', want: 'http://127.0.0.1:4173/errors/forbidden' },
  ])('joins $base', ({ base, want }) => {
    expect(docUrlOf('forbidden', base)).toBe(want);
  });

  it('defaults to the Agnes docs site', () => {
    expect(DEFAULT_DOCS_BASE_URL).toBe('https://docs.lasscyber.com');
    expect(docUrlOf('forbidden')).toBe('https://docs.lasscyber.com/errors/forbidden');
  });

  it.each([
    { base: '', want: /Invalid docs base URL "": expected an absolute http\(s\) URL/ },
    { base: 'docs.example.com', want: /"docs\.example\.com": expected an absolute http\(s\) URL such as https:\/\/docs\.lasscyber\.com/ },
    { base: '/errors', want: /"\/errors": expected an absolute http\(s\) URL/ },
    { base: 'ftp://docs.example.com', want: /expected http: or https:, got ftp:/ },
    { base: 'mailto:docs@example.com', want: /expected http: or https:, got mailto:/ },
    { base: 'https://docs.example.com/?lang=en', want: /"https:\/\/docs\.example\.com\/\?lang=en": remove the query/ },
    { base: 'https://docs.example.com/#errors', want: /remove the fragment/ },
    { base: 'https://admin:secret@docs.example.com', want: /remove the user name and password/ },
  ])('rejects base $base', ({ base, want }) => {
    expect(() => docUrlOf('forbidden', base)).toThrow(TypeError);
    expect(() => docUrlOf('forbidden', base)).toThrow(want);
  });
});
