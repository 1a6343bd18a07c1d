import { describe, expect, it } from 'vitest';
import {
  agnesRegistry,
  buildEnvelope,
  lookupsOf,
  placeholdersOf,
  validateRegistry,
  type ErrorCode,
  type ErrorEntry,
  type RelatedLink,
} from '../src/index.ts';

const entries: Readonly<Record<string, ErrorEntry<any>>> = agnesRegistry.entries;
const codes = Object.keys(entries);
const lookups = lookupsOf(agnesRegistry);

/** Status families that every HTTP API needs, from the design of the contract. */
const DESIGN_STATUSES = [400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 502, 503, 504];
/**
 * Statuses that the catalog adds to the design's list. Node's HTTP server sends them on its own for
 * headers above its limit (431) and a request not received in time (408), so the adapters need codes.
 */
const ADDED_STATUSES = [408, 431];

/** Docs pages outside the error pages that entries may link to. */
const SITE_PAGES = new Set([
  '/administration/roles-and-permissions',
  '/administration/api-keys',
  '/administration/users',
  '/administration/tenants',
  '/administration/rate-limits',
  '/api/idempotency',
  '/api/request-ids',
  '/api/errors',
]);

/** Joins the manual line breaks of the reference page, so that text compares by words. */
function unwrap(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Removes code spans, so that rules about plain text do not apply to code. */
function withoutCodeSpans(text: string): string {
  return text.replace(/`[^`\n]*`/g, '');
}

/** Targets of the Markdown links `[text](target)` in a text. */
function linkTargets(text: string): string[] {
  return [...withoutCodeSpans(text).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
}

describe('Agnes catalog', () => {
  it('covers every status family', () => {
    for (const status of [...DESIGN_STATUSES, ...ADDED_STATUSES]) {
      expect(lookups.codesByStatus.get(status)?.length, `codes of status ${status}`).toBeGreaterThan(0);
      expect(agnesRegistry.families[status], `SDK family of status ${status}`).toBeDefined();
    }
    expect(lookups.statuses).toEqual([...DESIGN_STATUSES, ...ADDED_STATUSES].sort((a, b) => a - b));
  });

  it.each<{ code: ErrorCode; status: number; retryable: boolean; ownClass?: string }>([
    { code: 'bad_request', status: 400, retryable: false },
    { code: 'malformed_json', status: 400, retryable: false },
    { code: 'unauthenticated', status: 401, retryable: false },
    { code: 'invalid_api_key', status: 401, retryable: false },
    { code: 'api_key_revoked', status: 401, retryable: false },
    { code: 'token_expired', status: 401, retryable: false },
    { code: 'forbidden', status: 403, retryable: false },
    { code: 'email_not_verified', status: 403, retryable: false, ownClass: 'EmailNotVerifiedError' },
    { code: 'route_not_found', status: 404, retryable: false },
    { code: 'resource_not_found', status: 404, retryable: false },
    { code: 'method_not_allowed', status: 405, retryable: false },
    { code: 'request_timeout', status: 408, retryable: true },
    { code: 'conflict', status: 409, retryable: false },
    { code: 'idempotency_key_reused', status: 409, retryable: false, ownClass: 'IdempotencyKeyReusedError' },
    { code: 'idempotency_request_in_progress', status: 409, retryable: true },
    { code: 'payload_too_large', status: 413, retryable: false },
    { code: 'unsupported_media_type', status: 415, retryable: false },
    { code: 'validation_failed', status: 422, retryable: false, ownClass: 'ValidationFailedError' },
    { code: 'headers_too_large', status: 431, retryable: false },
    { code: 'rate_limited', status: 429, retryable: true },
    { code: 'quota_exceeded', status: 429, retryable: false, ownClass: 'QuotaExceededError' },
    { code: 'internal_error', status: 500, retryable: true },
    { code: 'bad_gateway', status: 502, retryable: true },
    { code: 'service_unavailable', status: 503, retryable: true },
    { code: 'gateway_timeout', status: 504, retryable: true },
  ])('defines $code as $status', ({ code, status, retryable, ownClass }) => {
    const entry = entries[code];

    expect(entry?.status).toBe(status);
    expect(entry?.retry.retryable).toBe(retryable);
    expect(entry?.sdk).toEqual(ownClass === undefined ? undefined : { typescript: ownClass, python: ownClass });
  });

  it.each<{ code: ErrorCode; publicParams: string[]; detailParams: string[] }>([
    { code: 'route_not_found', publicParams: [], detailParams: ['method', 'path'] },
    { code: 'resource_not_found', publicParams: ['resource', 'id'], detailParams: [] },
    { code: 'method_not_allowed', publicParams: ['allowed_methods'], detailParams: ['method', 'path'] },
    { code: 'payload_too_large', publicParams: ['max_bytes'], detailParams: [] },
    { code: 'unsupported_media_type', publicParams: ['supported_media_types'], detailParams: ['content_type'] },
    { code: 'validation_failed', publicParams: ['errors'], detailParams: [] },
    { code: 'rate_limited', publicParams: ['retry_after'], detailParams: [] },
    { code: 'service_unavailable', publicParams: ['retry_after'], detailParams: [] },
    { code: 'internal_error', publicParams: [], detailParams: [] },
  ])('declares params of $code', ({ code, publicParams, detailParams }) => {
    const params: Record<string, string> = entries[code]?.params ?? {};
    const namesOf = (visibility: string) => Object.keys(params).filter((name) => params[name] === visibility);

    expect(namesOf('public')).toEqual(publicParams);
    expect(namesOf('detail')).toEqual(detailParams);
  });

  it.each(['rate_limited', 'service_unavailable'])('sends Retry-After for %s', (code) => {
    expect(entries[code]?.retry.afterParam).toBe('retry_after');
  });

  it('retries every 5xx code', () => {
    const serverCodes = codes.filter((code) => (entries[code]?.status ?? 0) >= 500);

    expect(serverCodes.length).toBeGreaterThan(0);
    for (const code of serverCodes) expect(entries[code]?.retry.retryable, code).toBe(true);
  });

  it('keeps leak-prone params internal', () => {
    const leakProne = /(^|_)(tenant_id|user_id)$|^upstream$|^key_(sha256_)?prefix$/;
    const checked: string[] = [];

    for (const code of codes) {
      for (const [name, visibility] of Object.entries(entries[code]?.params ?? {})) {
        if (!leakProne.test(name)) continue;
        checked.push(`${code}.${name}`);
        expect(visibility, `${code}.${name}`).toBe('internal');
      }
    }
    expect(checked).toContain('forbidden.credential_tenant_id');
    expect(checked).toContain('invalid_api_key.key_sha256_prefix');
  });

  it('never reuses tombstoned codes', () => {
    for (const tombstone of agnesRegistry.tombstones) expect(codes).not.toContain(tombstone.code);

    expect(() =>
      validateRegistry({
        version: agnesRegistry.version,
        domains: [agnesRegistry.entries],
        families: agnesRegistry.families,
        tombstones: [...agnesRegistry.tombstones, { code: 'conflict', removedIn: '0.2.0' }],
      }),
    ).toThrow(/conflict \(code\): is on the tombstone list/);
  });
});

describe('forbidden entry', () => {
  const forbidden = agnesRegistry.entries.forbidden;

  it('carries the reference summary facts', () => {
    expect(forbidden.status).toBe(403);
    expect(forbidden.title).toBe('Forbidden');
    expect(forbidden.summary).toBe('authenticated but not authorised for this resource');
    expect(forbidden.retry.retryable).toBe(false);
    expect(forbidden.retry.advice).toBe('request additional permissions');
    expect(forbidden.retry.reason).toBe('there is no recovery without a permission change');
    expect(lookups.sdkClassByCode.get('forbidden')).toEqual({ typescript: 'PermissionError', python: 'PermissionError' });
    expect(forbidden.since).toBe('0.1.0');
  });

  it('carries the reference causes', () => {
    expect(unwrap(forbidden.when)).toBe(
      'The request authenticated successfully but the credential lacks the permission needed to perform the action. Common causes:',
    );
    expect(forbidden.causes.map(unwrap)).toEqual([
      'The API key is missing a scope (e.g. tries to delete a policy with only `policy:read`).',
      'The credential belongs to tenant A but the request targets a resource in tenant B (a cross-tenant access attempt).',
      'The role attached to the user does not allow the action (e.g. a `viewer` trying to mutate something).',
      'A specialised case: the JWT user has not verified their email — see [`email_not_verified`](/errors/email_not_verified) which surfaces with the same 403 status but a different `code`.',
    ]);
  });

  it('carries the reference fix steps', () => {
    expect(forbidden.fix.map(unwrap)).toEqual([
      'Compare the action you attempted against the [role matrix](/administration/roles-and-permissions).',
      'If you control the API key, mint one with the right scope set.',
      'If you are a member without the right role, ask an owner or admin to grant it.',
      'If the resource simply belongs to a different tenant, switch tenants in the dashboard or use a key from the right tenant.',
    ]);
  });

  it('carries the reference related links', () => {
    const related: readonly RelatedLink[] = forbidden.related;

    expect(related.map((link) => ({ ...link, note: link.note && unwrap(link.note) }))).toEqual([
      { href: '/administration/roles-and-permissions', title: 'Roles & permissions', note: undefined },
      { href: '/administration/api-keys', title: 'API keys', note: 'scope picker.' },
      { code: 'email_not_verified', note: 'same status, different cause.' },
    ]);
  });

  it('renders the reference detail', () => {
    const envelope = buildEnvelope(agnesRegistry, 'forbidden', forbidden.example, { requestId: 'req_1' });

    expect(envelope.detail).toBe('Permission denied: missing scope policy:delete.');
  });
});

describe.each(codes)('docs text of %s', (code) => {
  const entry = entries[code] as ErrorEntry<any>;
  const markdownFields = [entry.when, ...entry.causes, ...entry.fix];

  it('has one-line title and summary', () => {
    expect(entry.title).toMatch(/^\S.*\S$/);
    expect(entry.summary).toMatch(/^\S.*[^.\s]$/);
    expect(entry.retry.advice).toMatch(/^\S.*[^.\s]$/);
    expect(entry.retry.reason ?? 'no reason').toMatch(/^\S.*[^.\s]$/);
    expect(entry.since).toBe('0.1.0');
  });

  it('lists 2 to 4 causes and fix steps', () => {
    expect(entry.when.trimEnd().endsWith('Common causes:')).toBe(true);
    expect(entry.causes.length).toBeGreaterThanOrEqual(2);
    expect(entry.causes.length).toBeLessThanOrEqual(4);
    expect(entry.fix.length).toBeGreaterThanOrEqual(2);
    expect(entry.fix.length).toBeLessThanOrEqual(4);
  });

  it('uses plain Markdown', () => {
    for (const text of markdownFields) {
      expect(text, 'code fence').not.toMatch(/```|~~~/);
      expect(withoutCodeSpans(text), 'raw HTML').not.toMatch(/<\/?[A-Za-z!][^>]*>/);
      expect(withoutCodeSpans(text), 'brace outside code').not.toMatch(/[{}]/);
    }
  });

  it('links only to existing pages', () => {
    for (const target of markdownFields.flatMap(linkTargets)) {
      const errorPage = /^\/errors\/([a-z0-9_]+)$/.exec(target);
      if (errorPage) expect(codes, target).toContain(errorPage[1]);
      else expect(SITE_PAGES.has(target), target).toBe(true);
    }
    for (const link of entry.related) {
      if ('href' in link) expect(SITE_PAGES.has(link.href), link.href).toBe(true);
      else expect(link.code).not.toBe(code);
    }
    expect(entry.related.length).toBeGreaterThan(0);
  });

  it('renders detail from example', () => {
    const built: object = buildEnvelope(agnesRegistry, code as ErrorCode, entry.example as never, { requestId: 'req_1' });
    const envelope = built as Record<string, unknown>;

    expect(placeholdersOf(String(envelope.detail))).toEqual([]);
    expect(String(envelope.detail)).toMatch(/^[A-Z].*\.$/);
    for (const [name, visibility] of Object.entries(entry.params)) {
      if (visibility === 'public') expect(envelope[name], name).toEqual(entry.example[name]);
    }
  });
});
