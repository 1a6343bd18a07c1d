import { describe, expect, it } from 'vitest';
import { agnesRegistry, lookupsOf, validateRegistry } from '../src/index.ts';
import { widgetEntry, widgetRegistryInput } from './fixtures/widgets.ts';

describe('lookupsOf', () => {
  const lookups = lookupsOf(agnesRegistry);

  it('finds entry by code', () => {
    expect(lookups.entryByCode.get('forbidden')).toBe(agnesRegistry.entries.forbidden);
    expect(lookups.entryByCode.get('no_such_code')).toBeUndefined();
    expect([...lookups.entryByCode.keys()]).toEqual(Object.keys(agnesRegistry.entries));
  });

  it.each([
    { status: 403, codes: ['forbidden', 'email_not_verified'] },
    { status: 404, codes: ['route_not_found', 'resource_not_found'] },
    { status: 409, codes: ['conflict', 'idempotency_key_reused', 'idempotency_request_in_progress'] },
    { status: 429, codes: ['rate_limited', 'quota_exceeded'] },
  ])('lists codes of status $status', ({ status, codes }) => {
    expect(lookups.codesByStatus.get(status)).toEqual(codes);
  });

  it('puts every code under its status', () => {
    for (const [status, codes] of lookups.codesByStatus) {
      for (const code of codes) expect(lookups.entryByCode.get(code)?.status).toBe(status);
    }
    expect([...lookups.codesByStatus.values()].flat().sort()).toEqual(Object.keys(agnesRegistry.entries).sort());
  });

  it('lists statuses ascending', () => {
    expect(lookups.statuses).toEqual([400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 431, 500, 502, 503, 504]);
  });

  it.each([
    { code: 'forbidden', typescript: 'PermissionError', python: 'PermissionError' },
    { code: 'email_not_verified', typescript: 'EmailNotVerifiedError', python: 'EmailNotVerifiedError' },
    { code: 'rate_limited', typescript: 'RateLimitError', python: 'RateLimitError' },
    { code: 'quota_exceeded', typescript: 'QuotaExceededError', python: 'QuotaExceededError' },
  ])('resolves SDK class of $code', ({ code, typescript, python }) => {
    expect(lookups.sdkClassByCode.get(code)).toEqual({ typescript, python });
  });

  it.each([
    { sdkClass: 'PermissionError', codes: ['forbidden'] },
    { sdkClass: 'EmailNotVerifiedError', codes: ['email_not_verified'] },
    { sdkClass: 'AuthenticationError', codes: ['unauthenticated', 'invalid_api_key', 'api_key_revoked', 'token_expired', 'session_expired'] },
    { sdkClass: 'UnprocessableEntityError', codes: undefined },
  ])('lists codes of class $sdkClass', ({ sdkClass, codes }) => {
    expect(lookups.codesBySdkClass.get(sdkClass)).toEqual(codes);
  });

  it('falls back to the status family', () => {
    const registry = validateRegistry(
      widgetRegistryInput([
        {
          widget_missing: widgetEntry(),
          widget_locked: widgetEntry({ status: 409, sdk: { typescript: 'WidgetLockedError', python: 'WidgetLocked' } }),
        },
      ]),
    );

    const widgetLookups = lookupsOf(registry);

    expect(widgetLookups.sdkClassByCode.get('widget_missing')).toEqual({ typescript: 'NotFoundError', python: 'NotFoundError' });
    expect(widgetLookups.sdkClassByCode.get('widget_locked')).toEqual({ typescript: 'WidgetLockedError', python: 'WidgetLocked' });
    expect(widgetLookups.codesBySdkClass.get('ConflictError')).toBeUndefined();
    expect(widgetLookups.statuses).toEqual([404, 409]);
  });

  it('builds once per registry', () => {
    const other = validateRegistry(widgetRegistryInput([{ widget_missing: widgetEntry() }]));

    expect(lookupsOf(agnesRegistry)).toBe(lookups);
    expect(lookupsOf(agnesRegistry).codesByStatus).toBe(lookups.codesByStatus);
    expect(lookupsOf(other)).not.toBe(lookups);
    expect(lookupsOf(other)).toBe(lookupsOf(other));
  });
});
