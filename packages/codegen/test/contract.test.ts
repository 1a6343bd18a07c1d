/** The contract snapshot: normalized, sorted, and sensitive to exactly what consumers depend on. */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_FORMAT_VERSION, type ContractCode, type ContractSnapshot } from '../src/index.ts';
import { defaultSpec, type FixtureSpec } from './support/fixture-project.ts';
import { GENERATED } from './support/paths.ts';
import { renderFixture, type RenderedFixture } from './support/render.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs('contract');

/** JSON paths at which two values differ, such as `codes.1.docsDigest`. */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b) ? [] : [at];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) => differences((a as any)[key], (b as any)[key], at ? `${at}.${key}` : key));
}

/** Paths of objects whose keys are not in code-point order. */
function unsortedObjects(value: unknown, at = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Object.keys(value);
  const own = Array.isArray(value) || keys.join('\n') === [...keys].sort().join('\n') ? [] : [at || '(root)'];
  return [...own, ...keys.flatMap((key) => unsortedObjects((value as any)[key], at ? `${at}.${key}` : key))];
}

function isSorted(values: readonly (string | number)[]): boolean {
  return values.every((value, index) => index === 0 || values[index - 1]! < value);
}

function codeOf(contract: ContractSnapshot, code: string): ContractCode {
  return contract.codes.find((item) => item.code === code)!;
}

async function render(change?: (spec: FixtureSpec) => void): Promise<RenderedFixture> {
  const spec = defaultSpec();
  change?.(spec);
  return renderFixture(await tempDir(), spec);
}

describe('contract snapshot format', () => {
  let contract: ContractSnapshot;
  beforeAll(async () => {
    contract = (await render()).contract;
  });

  it('names its format version and the generating command', () => {
    expect(contract.formatVersion).toBe(CONTRACT_FORMAT_VERSION);
    expect(contract.version).toBe('1.2.0');
    expect(contract.$comment).toContain('agnes-errors generate --config codegen.config.json');
  });

  it('sorts the keys of every object', () => {
    expect(unsortedObjects(contract)).toEqual([]);
  });

  it('sorts every list', () => {
    expect(isSorted(contract.codes.map((code) => code.code))).toBe(true);
    expect(isSorted(contract.envelope.map((member) => member.name))).toBe(true);
    expect(isSorted(contract.families.map((family) => family.status))).toBe(true);
    for (const code of contract.codes) {
      expect(isSorted(code.publicParams.map((param) => param.name))).toBe(true);
      expect(isSorted(code.detailParams)).toBe(true);
      expect(isSorted(code.internalParams)).toBe(true);
    }
  });

  it('lists the envelope members without their descriptions', () => {
    expect(contract.envelope.map((member) => [member.name, member.required, member.problemDetails])).toEqual([
      ['code', true, false],
      ['detail', true, false],
      ['doc_url', true, false],
      ['instance', false, true],
      ['request_id', true, false],
      ['status', false, true],
      ['title', false, true],
      ['type', false, true],
    ]);
    expect(contract.envelope.find((member) => member.name === 'request_id')!.schema).toEqual({
      maxLength: 128,
      minLength: 1,
      pattern: '^[A-Za-z0-9._:-]+$',
      type: 'string',
    });
  });

  const codeCases: { code: string; want: Partial<ContractCode> }[] = [
    {
      code: 'payment_required',
      want: {
        status: 402,
        retryable: false,
        retryAfterParam: null,
        sdk: { typescript: 'PaymentRequiredError', python: 'PaymentRequiredError', source: 'code' },
        publicParams: [{ name: 'amount_cents', required: true, schema: { minimum: 1, type: 'integer' } }],
        detailParams: [],
        internalParams: ['invoice_id'],
        deprecated: null,
      },
    },
    {
      code: 'card_declined',
      want: {
        sdk: { typescript: 'PaymentError', python: 'PaymentError', source: 'family' },
        publicParams: [{ name: 'decline_code', required: true, schema: { enum: ['expired_card', 'insufficient_funds'], type: 'string' } }],
        detailParams: ['issuer'],
      },
    },
    { code: 'rate_limited', want: { status: 429, retryable: true, retryAfterParam: 'retry_after' } },
    { code: 'legacy_throttled', want: { deprecated: { since: '1.1.0', replacement: 'rate_limited' }, publicParams: [] } },
    { code: 'upstream_failed', want: { internalParams: ['host'], sdk: { typescript: 'BadGatewayError', python: 'BadGatewayError', source: 'family' } } },
  ];

  it.each(codeCases)('records $code', ({ code, want }) => {
    expect(codeOf(contract, code)).toMatchObject(want);
    expect(codeOf(contract, code).since).toBe('1.0.0');
    expect(codeOf(contract, code).docsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('records families and tombstones', () => {
    expect(contract.families.map((family) => family.status)).toEqual([402, 429, 502]);
    expect(contract.tombstones).toEqual([{ code: 'old_limit', removedIn: '1.0.0' }]);
  });
});

describe('contract snapshot changes', () => {
  let base: RenderedFixture;
  beforeAll(async () => {
    base = await render();
  });

  it('show a docs-only change in the docs digest alone', async () => {
    const changed = await render((spec) => (spec.codes[1]!.summary = 'the card issuer declined the payment'));

    expect(differences(base.contract, changed.contract)).toEqual(['codes.0.docsDigest']);
    expect(changed.contract.codes[0]!.code).toBe('card_declined');
  });

  it('ignore a changed param description', async () => {
    const changed = await render((spec) => (spec.codes[0]!.params![0]!.tags = ['@asType integer', '@minimum 1', '@description Cents to pay.']));

    expect(changed.text.schema).not.toBe(base.text.schema);
    expect(changed.text.contract).toBe(base.text.contract);
  });

  it('show a narrowed param type in its schema alone', async () => {
    const changed = await render((spec) => (spec.codes[0]!.params![0]!.tags = ['@asType integer', '@minimum 100']));

    expect(differences(base.contract, changed.contract)).toEqual(['codes.2.publicParams.0.schema.minimum']);
    expect(changed.contract.codes[2]!.code).toBe('payment_required');
  });
});

describe('contract snapshot member names', () => {
  /** A type whose members have the names of documentation keywords. */
  const LISTING = `export interface Listing {
  /** Title of the listing. */
  title: string;
  /** Description of the listing. */
  description?: string;
  /**
   * Example texts of the listing.
   * @default {"title": "kept as data"}
   */
  examples: string[];
  /** Comment on the listing. */
  "$comment"?: string;
}`;

  it('keeps members named like documentation keywords', async () => {
    const rendered = await render((spec) => {
      spec.extraTypes = { billing: LISTING };
      spec.codes[0]!.params![0] = { name: 'listing', type: 'Listing', visibility: 'public', example: { title: 'A', examples: [] } };
      spec.codes[0]!.detail = 'Payment is required.';
    });
    const schema = codeOf(rendered.contract, 'payment_required').publicParams[0]!.schema as { properties: Record<string, Record<string, unknown>> };

    expect(Object.keys(schema.properties)).toEqual(['$comment', 'description', 'examples', 'title']);
    expect(schema.properties.title).toEqual({ type: 'string' });
    expect(schema.properties.examples!.default).toEqual({ title: 'kept as data' });
    expect(schema).not.toHaveProperty('description');
  });
});

describe('committed contract.json', () => {
  it('inlines every $ref', async () => {
    const text = await readFile(GENERATED.contract, 'utf8');
    const contract = JSON.parse(text) as ContractSnapshot;

    expect(text).not.toContain('$ref');
    const errors = codeOf(contract, 'validation_failed').publicParams.find((param) => param.name === 'errors')!;
    expect(errors.schema).toMatchObject({ type: 'array', items: { type: 'object', required: ['code', 'detail', 'pointer'] } });
  });
});
