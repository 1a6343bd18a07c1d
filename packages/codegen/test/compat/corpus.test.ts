/**
 * The corpus of contract changes that pins the classifier: each case edits a copy of the real
 * Agnes snapshot and lists every change it must report, most severe first.
 */
import { describe, expect, it } from 'vitest';
import { diffContracts, type Bump, type ChangeKind, type ContractSnapshot } from '../../src/index.ts';
import { addCode, codeOf, edited, memberOf, moveToStatus, paramOf, realContract, removeCode } from './snapshot-edits.ts';

type Want = readonly [Bump, ChangeKind, string];

interface CorpusCase {
  name: string;
  edit: (snapshot: ContractSnapshot) => void;
  want: readonly Want[];
}

const RESOURCE_PATTERN = { pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$', type: 'string' };

const codeCases: CorpusCase[] = [
  { name: 'no change', edit: () => {}, want: [] },
  { name: 'code removed', edit: (s) => void removeCode(s, 'token_expired'), want: [['major', 'code-removed', 'codes.token_expired']] },
  {
    name: 'code removed and tombstoned',
    edit: (s) => {
      removeCode(s, 'bad_gateway');
      s.tombstones.push({ code: 'bad_gateway', removedIn: '1.0.0' });
    },
    want: [
      ['major', 'code-removed', 'codes.bad_gateway'],
      ['patch', 'tombstone-added', 'tombstones.bad_gateway'],
    ],
  },
  {
    name: 'rename as remove and add',
    edit: (s) => addCode(s, 'resource_conflict', removeCode(s, 'conflict')),
    want: [
      ['major', 'code-removed', 'codes.conflict'],
      ['minor', 'code-added', 'codes.resource_conflict'],
    ],
  },
  {
    name: 'code added',
    edit: (s) => addCode(s, 'tenant_suspended', codeOf(s, 'forbidden'), { since: '0.2.0' }),
    want: [['minor', 'code-added', 'codes.tenant_suspended']],
  },
  {
    name: 'status changed',
    edit: (s) => moveToStatus(s, 'conflict', 400),
    want: [
      ['major', 'sdk-class-renamed', 'codes.conflict.sdk.python'],
      ['major', 'sdk-class-renamed', 'codes.conflict.sdk.typescript'],
      ['major', 'status-changed', 'codes.conflict.status'],
    ],
  },
  { name: 'made retryable', edit: (s) => void (codeOf(s, 'conflict').retryable = true), want: [['major', 'retry-changed', 'codes.conflict.retryable']] },
  { name: 'no longer retryable', edit: (s) => void (codeOf(s, 'bad_gateway').retryable = false), want: [['major', 'retry-changed', 'codes.bad_gateway.retryable']] },
  {
    name: 'retry-after param dropped',
    edit: (s) => void (codeOf(s, 'rate_limited').retryAfterParam = null),
    want: [['major', 'retry-changed', 'codes.rate_limited.retryAfterParam']],
  },
  {
    name: 'code class renamed',
    edit: (s) => void (codeOf(s, 'email_not_verified').sdk.typescript = 'UnverifiedEmailError'),
    want: [['major', 'sdk-class-renamed', 'codes.email_not_verified.sdk.typescript']],
  },
  {
    name: 'family class to code class',
    edit: (s) => void (codeOf(s, 'forbidden').sdk = { typescript: 'MissingScopeError', python: 'MissingScopeError', source: 'code' }),
    want: [
      ['minor', 'sdk-class-specialized', 'codes.forbidden.sdk.python'],
      ['minor', 'sdk-class-specialized', 'codes.forbidden.sdk.typescript'],
    ],
  },
  {
    name: 'code class to family class',
    edit: (s) => void (codeOf(s, 'email_not_verified').sdk = { typescript: 'PermissionError', python: 'PermissionError', source: 'family' }),
    want: [
      ['major', 'sdk-class-renamed', 'codes.email_not_verified.sdk.python'],
      ['major', 'sdk-class-renamed', 'codes.email_not_verified.sdk.typescript'],
    ],
  },
];

const paramCases: CorpusCase[] = [
  {
    name: 'public param removed',
    edit: (s) => void (codeOf(s, 'conflict').publicParams = []),
    want: [['major', 'param-removed', 'codes.conflict.publicParams.resource']],
  },
  {
    name: 'optional public param added',
    edit: (s) => void codeOf(s, 'conflict').publicParams.push({ name: 'conflicting_id', required: false, schema: { type: 'string' } }),
    want: [['minor', 'param-added', 'codes.conflict.publicParams.conflicting_id']],
  },
  {
    name: 'required public param added',
    edit: (s) => void codeOf(s, 'conflict').publicParams.push({ name: 'conflicting_id', required: true, schema: { type: 'string' } }),
    want: [['major', 'param-added', 'codes.conflict.publicParams.conflicting_id']],
  },
  {
    name: 'public param made required',
    edit: (s) => void (paramOf(s, 'service_unavailable', 'retry_after').required = true),
    want: [['major', 'param-made-required', 'codes.service_unavailable.publicParams.retry_after']],
  },
  {
    name: 'public param made optional',
    edit: (s) => void (paramOf(s, 'rate_limited', 'retry_after').required = false),
    want: [['major', 'param-made-optional', 'codes.rate_limited.publicParams.retry_after']],
  },
  {
    name: 'string narrowed to enum',
    edit: (s) => void (paramOf(s, 'conflict', 'resource').schema = { enum: ['api_key', 'policy'], type: 'string' }),
    want: [['major', 'param-narrowed', 'codes.conflict.publicParams.resource.schema']],
  },
  {
    name: 'integer minimum raised',
    edit: (s) => void (paramOf(s, 'rate_limited', 'retry_after').schema = { minimum: 1, type: 'integer' }),
    want: [['major', 'param-narrowed', 'codes.rate_limited.publicParams.retry_after.schema']],
  },
  {
    name: 'integer maximum added',
    edit: (s) => void (paramOf(s, 'payload_too_large', 'max_bytes').schema = { maximum: 1_073_741_824, minimum: 1, type: 'integer' }),
    want: [['major', 'param-narrowed', 'codes.payload_too_large.publicParams.max_bytes.schema']],
  },
  {
    name: 'integer widened to number',
    edit: (s) => void (paramOf(s, 'quota_exceeded', 'quota').schema = { minimum: 1, type: 'number' }),
    want: [['minor', 'param-widened', 'codes.quota_exceeded.publicParams.quota.schema']],
  },
  {
    name: 'string pattern dropped',
    edit: (s) => void (paramOf(s, 'conflict', 'resource').schema = { type: 'string' }),
    want: [['minor', 'param-widened', 'codes.conflict.publicParams.resource.schema']],
  },
  {
    name: 'string pattern replaced',
    edit: (s) => void (paramOf(s, 'conflict', 'resource').schema = { pattern: '^[a-z]+$', type: 'string' }),
    want: [['major', 'param-type-changed', 'codes.conflict.publicParams.resource.schema']],
  },
  {
    name: 'string changed to integer',
    edit: (s) => void (paramOf(s, 'resource_not_found', 'id').schema = { minimum: 1, type: 'integer' }),
    want: [['major', 'param-type-changed', 'codes.resource_not_found.publicParams.id.schema']],
  },
  {
    name: 'nested item member narrowed',
    edit: (s) => {
      const items = paramOf(s, 'validation_failed', 'errors').schema.items as { properties: Record<string, object> };
      items.properties.detail = { minLength: 1, type: 'string' };
    },
    want: [['major', 'param-narrowed', 'codes.validation_failed.publicParams.errors.schema']],
  },
  {
    name: 'public param deprecated',
    edit: (s) => void (paramOf(s, 'rate_limited', 'retry_after').schema = { ...paramOf(s, 'rate_limited', 'retry_after').schema, deprecated: true }),
    want: [['minor', 'param-deprecated', 'codes.rate_limited.publicParams.retry_after.schema']],
  },
  {
    name: 'nested item member deprecated',
    edit: (s) => {
      const items = paramOf(s, 'validation_failed', 'errors').schema.items as { properties: Record<string, object> };
      items.properties.detail = { ...items.properties.detail, deprecated: true };
    },
    want: [['minor', 'param-deprecated', 'codes.validation_failed.publicParams.errors.schema.items.properties.detail']],
  },
  {
    name: 'deprecated and narrowed',
    edit: (s) => void (paramOf(s, 'rate_limited', 'retry_after').schema = { deprecated: true, minimum: 1, type: 'integer' }),
    want: [
      ['major', 'param-narrowed', 'codes.rate_limited.publicParams.retry_after.schema'],
      ['minor', 'param-deprecated', 'codes.rate_limited.publicParams.retry_after.schema'],
    ],
  },
  {
    name: 'array minItems lowered',
    edit: (s) => void (paramOf(s, 'method_not_allowed', 'allowed_methods').schema = { items: { type: 'string' }, minItems: 0, type: 'array', uniqueItems: true }),
    want: [['minor', 'param-widened', 'codes.method_not_allowed.publicParams.allowed_methods.schema']],
  },
  {
    name: 'integer branch added',
    edit: (s) => {
      paramOf(s, 'conflict', 'resource').schema = { anyOf: [{ type: 'integer' }, RESOURCE_PATTERN] };
    },
    want: [['minor', 'param-widened', 'codes.conflict.publicParams.resource.schema']],
  },
  {
    name: 'detail param added',
    edit: (s) => void codeOf(s, 'forbidden').detailParams.push('action'),
    want: [['minor', 'server-param-added', 'codes.forbidden.detailParams.action']],
  },
  {
    name: 'internal param removed',
    edit: (s) => void (codeOf(s, 'forbidden').internalParams = ['credential_tenant_id']),
    want: [['major', 'server-param-removed', 'codes.forbidden.internalParams.resource_tenant_id']],
  },
  {
    name: 'public param moved to detail',
    edit: (s) => {
      codeOf(s, 'conflict').publicParams = [];
      codeOf(s, 'conflict').detailParams.push('resource');
    },
    want: [['major', 'param-visibility-changed', 'codes.conflict.detailParams.resource']],
  },
];

const lifecycleCases: CorpusCase[] = [
  {
    name: 'code deprecated',
    edit: (s) => void (codeOf(s, 'invalid_api_key').deprecated = { since: '0.2.0', replacement: 'unauthenticated' }),
    want: [['minor', 'code-deprecated', 'codes.invalid_api_key.deprecated']],
  },
  {
    name: 'docs text changed',
    edit: (s) => void (codeOf(s, 'forbidden').docsDigest = `sha256:${'0'.repeat(64)}`),
    want: [['patch', 'docs-changed', 'codes.forbidden.docsDigest']],
  },
  {
    name: 'since changed',
    edit: (s) => void (codeOf(s, 'forbidden').since = '0.0.9'),
    want: [['patch', 'since-changed', 'codes.forbidden.since']],
  },
  {
    name: 'tombstone added alone',
    edit: (s) => void s.tombstones.push({ code: 'scope_missing', removedIn: '0.1.0' }),
    want: [['patch', 'tombstone-added', 'tombstones.scope_missing']],
  },
];

const envelopeCases: CorpusCase[] = [
  { name: 'member removed', edit: (s) => void (s.envelope = s.envelope.filter((m) => m.name !== 'doc_url')), want: [['major', 'member-removed', 'envelope.doc_url']] },
  {
    name: 'member deprecated',
    edit: (s) => void (memberOf(s, 'doc_url').schema = { ...memberOf(s, 'doc_url').schema, deprecated: true }),
    want: [['minor', 'member-deprecated', 'envelope.doc_url.schema']],
  },
  {
    name: 'member added',
    edit: (s) => void s.envelope.push({ name: 'trace_id', required: false, problemDetails: false, schema: { type: 'string' } }),
    want: [['minor', 'member-added', 'envelope.trace_id']],
  },
  { name: 'member made optional', edit: (s) => void (memberOf(s, 'doc_url').required = false), want: [['major', 'member-made-optional', 'envelope.doc_url']] },
  { name: 'member made required', edit: (s) => void (memberOf(s, 'instance').required = true), want: [['minor', 'member-made-required', 'envelope.instance']] },
  {
    name: 'member narrowed',
    edit: (s) => void (memberOf(s, 'request_id').schema = { ...memberOf(s, 'request_id').schema, maxLength: 64 }),
    want: [['major', 'member-narrowed', 'envelope.request_id.schema']],
  },
  {
    name: 'member widened',
    edit: (s) => void (memberOf(s, 'request_id').schema = { ...memberOf(s, 'request_id').schema, maxLength: 256 }),
    want: [['minor', 'member-widened', 'envelope.request_id.schema']],
  },
  {
    name: 'member moved to problem form',
    edit: (s) => void (memberOf(s, 'doc_url').problemDetails = true),
    want: [['major', 'member-form-changed', 'envelope.doc_url']],
  },
  {
    name: 'member schema rewritten',
    edit: (s) => void (memberOf(s, 'detail').schema = { anyOf: [{ minLength: 1, type: 'string' }] }),
    want: [['patch', 'member-rewritten', 'envelope.detail.schema']],
  },
];

const familyCases: CorpusCase[] = [
  {
    name: 'family renamed',
    edit: (s) => {
      s.families.find((f) => f.status === 404)!.typescript = 'MissingError';
      for (const entry of s.codes.filter((c) => c.status === 404)) entry.sdk.typescript = 'MissingError';
    },
    want: [['major', 'family-renamed', 'families.404.typescript']],
  },
  {
    name: 'family removed with its code',
    edit: (s) => {
      removeCode(s, 'method_not_allowed');
      s.families = s.families.filter((f) => f.status !== 405);
    },
    want: [
      ['major', 'code-removed', 'codes.method_not_allowed'],
      ['major', 'family-removed', 'families.405'],
    ],
  },
  {
    name: 'family added with a code',
    edit: (s) => {
      s.families.push({ status: 451, typescript: 'UnavailableForLegalReasonsError', python: 'UnavailableForLegalReasonsError' });
      addCode(s, 'legally_blocked', codeOf(s, 'forbidden'), {
        status: 451,
        sdk: { typescript: 'UnavailableForLegalReasonsError', python: 'UnavailableForLegalReasonsError', source: 'family' },
      });
    },
    want: [
      ['minor', 'code-added', 'codes.legally_blocked'],
      ['minor', 'family-added', 'families.451'],
    ],
  },
];

const combinedCases: CorpusCase[] = [
  {
    name: 'deprecation, docs and retry',
    edit: (s) => {
      codeOf(s, 'invalid_api_key').deprecated = { since: '0.2.0', replacement: 'unauthenticated' };
      codeOf(s, 'invalid_api_key').docsDigest = `sha256:${'1'.repeat(64)}`;
      codeOf(s, 'gateway_timeout').retryable = false;
    },
    want: [
      ['major', 'retry-changed', 'codes.gateway_timeout.retryable'],
      ['minor', 'code-deprecated', 'codes.invalid_api_key.deprecated'],
      ['patch', 'docs-changed', 'codes.invalid_api_key.docsDigest'],
    ],
  },
  {
    name: 'added code and widened param',
    edit: (s) => {
      addCode(s, 'tenant_suspended', codeOf(s, 'forbidden'));
      paramOf(s, 'conflict', 'resource').schema = { type: 'string' };
      codeOf(s, 'conflict').docsDigest = `sha256:${'2'.repeat(64)}`;
    },
    want: [
      ['minor', 'param-widened', 'codes.conflict.publicParams.resource.schema'],
      ['minor', 'code-added', 'codes.tenant_suspended'],
      ['patch', 'docs-changed', 'codes.conflict.docsDigest'],
    ],
  },
];

/** Runs a table of cases: the changes, their order and the required bump. */
function runCases(cases: readonly CorpusCase[]) {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const diff = diffContracts(realContract, edited(c.edit));
    expect(diff.changes.map((change) => [change.bump, change.kind, change.path])).toEqual(c.want);
    expect(diff.bump).toBe(c.want[0]?.[0] ?? 'none');
  });
}

describe('code changes', () => runCases(codeCases));
describe('public and server param changes', () => runCases(paramCases));
describe('deprecation, docs and tombstones', () => runCases(lifecycleCases));
describe('envelope member changes', () => runCases(envelopeCases));
describe('family changes', () => runCases(familyCases));
describe('combined changes', () => runCases(combinedCases));

describe('changes read backwards', () => {
  it('enum widened to string', () => {
    const narrowed = edited((s) => void (paramOf(s, 'conflict', 'resource').schema = { enum: ['api_key', 'policy'], type: 'string' }));
    const diff = diffContracts(narrowed, realContract);
    expect(diff.changes.map((change) => [change.bump, change.kind])).toEqual([['minor', 'param-widened']]);
  });

  it('undeprecation and replacement change', () => {
    const deprecated = edited((s) => void (codeOf(s, 'invalid_api_key').deprecated = { since: '0.2.0', replacement: 'unauthenticated' }));
    const replaced = edited((s) => void (codeOf(s, 'invalid_api_key').deprecated = { since: '0.3.0', replacement: 'api_key_revoked' }));
    expect(diffContracts(deprecated, realContract).changes.map((change) => change.kind)).toEqual(['code-undeprecated']);
    expect(diffContracts(deprecated, replaced).changes.map((change) => [change.bump, change.kind])).toEqual([
      ['minor', 'replacement-changed'],
      ['patch', 'deprecation-version-changed'],
    ]);
  });

  it('param undeprecated', () => {
    const deprecated = edited((s) => void (paramOf(s, 'rate_limited', 'retry_after').schema = { ...paramOf(s, 'rate_limited', 'retry_after').schema, deprecated: true }));
    const diff = diffContracts(deprecated, realContract);
    expect(diff.changes.map((change) => [change.bump, change.kind, change.path])).toEqual([
      ['minor', 'param-undeprecated', 'codes.rate_limited.publicParams.retry_after.schema'],
    ]);
  });

  it('tombstone removed', () => {
    const tombstoned = edited((s) => void s.tombstones.push({ code: 'scope_missing', removedIn: '0.1.0' }));
    const diff = diffContracts(tombstoned, realContract);
    expect(diff.changes.map((change) => [change.bump, change.kind, change.path])).toEqual([['major', 'tombstone-removed', 'tombstones.scope_missing']]);
  });
});

describe('reasons', () => {
  const reasonOf = (edit: CorpusCase['edit']) => diffContracts(realContract, edited(edit)).changes[0]!.reason;

  it('removed code without tombstone', () => {
    expect(reasonOf((s) => void removeCode(s, 'token_expired'))).toContain('It is not on the tombstone list; add it there');
  });

  it('rename names the added code', () => {
    const reason = reasonOf((s) => addCode(s, 'resource_conflict', removeCode(s, 'conflict')));
    expect(reason).toContain('Code "conflict" (409) was removed');
    expect(reason).toContain('If "resource_conflict" replaces it, keep "conflict" deprecated');
  });

  it('specialized class names both classes', () => {
    const reason = reasonOf((s) => void (codeOf(s, 'forbidden').sdk = { typescript: 'MissingScopeError', python: 'MissingScopeError', source: 'code' }));
    expect(reason).toBe('"forbidden" now raises MissingScopeError in the Python SDK, a subclass of PermissionError, so code that catches PermissionError still catches it.');
  });

  it('param deprecation keeps the values', () => {
    const reason = reasonOf((s) => void (paramOf(s, 'rate_limited', 'retry_after').schema = { ...paramOf(s, 'rate_limited', 'retry_after').schema, deprecated: true }));
    expect(reason).toBe(
      'Public param "retry_after" of "rate_limited" is now deprecated. Deprecating it does not change which values validate, so servers and clients keep working, and only a major release may remove it.',
    );
  });

  it('deprecated and narrowed param', () => {
    const diff = diffContracts(
      realContract,
      edited((s) => {
        const param = paramOf(s, 'rate_limited', 'retry_after');
        param.schema = { ...param.schema, deprecated: true, maximum: 60 };
      }),
    );
    const kinds = diff.changes.map((change) => change.kind);

    expect(kinds).toEqual(['param-narrowed', 'param-deprecated']);
    expect(diff.changes[0]!.reason).toContain('accepts fewer values');
    for (const change of diff.changes) expect(change.reason).not.toMatch(/same values/);
  });

  it('undeprecated and widened param', () => {
    const diff = diffContracts(
      edited((s) => {
        const param = paramOf(s, 'rate_limited', 'retry_after');
        param.schema = { ...param.schema, deprecated: true, maximum: 60 };
      }),
      realContract,
    );

    expect(diff.changes.map((change) => change.kind)).toEqual(['param-undeprecated', 'param-widened']);
    for (const change of diff.changes) expect(change.reason).not.toMatch(/same values/);
  });

  it('nested deprecation names the member', () => {
    const reason = reasonOf((s) => {
      const items = paramOf(s, 'validation_failed', 'errors').schema.items as { properties: Record<string, object> };
      items.properties.detail = { ...items.properties.detail, deprecated: true };
    });
    expect(reason).toBe(
      'The schema at "items.properties.detail" in public param "errors" of "validation_failed" is now deprecated. Deprecating it does not change which values validate, so servers and clients keep working, and only a major release may remove it.',
    );
  });

  it('deprecation names the replacement', () => {
    expect(reasonOf((s) => void (codeOf(s, 'invalid_api_key').deprecated = { since: '0.2.0', replacement: 'unauthenticated' }))).toBe(
      '"invalid_api_key" is deprecated since 0.2.0; use "unauthenticated" instead. Servers may still send it until a major release removes it.',
    );
  });
});
