/** Facts of generated pages that the Agnes catalog alone does not exercise. */
import type { ErrorEntry } from '@agnes/errors';
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../src/index.ts';
import { testEntry, testRegistry, TEST_SITE, TEST_SITE_PAGES } from './fixtures.ts';
import { pageStructure } from './page-structure.ts';

/** `retry_after` is required in every envelope of `too_fast`, as its contract would record it. */
const REQUIRED_PARAMS = { too_fast: ['retry_after'] };

function pageOf(entries: Record<string, ErrorEntry<any>>, code: string, docsBaseUrl?: string): string {
  const docs = renderDocs(testRegistry(entries), { sitePages: TEST_SITE_PAGES, site: TEST_SITE, docsBaseUrl, requiredParams: REQUIRED_PARAMS });
  return docs.files.get(`errors/${code}.md`) ?? '';
}

const tooFast = testEntry({
  status: 429,
  summary: 'too many requests',
  retry: { retryable: true, advice: 'wait, then retry', afterParam: 'retry_after', reason: 'the window reopens' },
  detail: 'Slow down for {retry_after} seconds.',
  params: { retry_after: 'public' },
  example: { retry_after: 7 },
});
const overQuota = testEntry({ status: 429, retry: { retryable: false, advice: 'raise the quota' } });
const busy = testEntry({ status: 503, retry: { retryable: true, advice: 'retry with backoff' } });
const maybeBusy = testEntry({
  status: 503,
  retry: { retryable: true, advice: 'retry after the delay, or with backoff', afterParam: 'retry_after', reason: 'outages are short' },
  detail: 'Busy, retry later.',
  params: { retry_after: 'public' },
  example: { retry_after: 20 },
});

interface RetryCase {
  name: string;
  entries: Record<string, ErrorEntry<any>>;
  code: string;
  sentence: string;
}

const retryCases: RetryCase[] = [
  {
    name: 'not retryable without reason',
    entries: { widget_missing: testEntry() },
    code: 'widget_missing',
    sentence: 'SDKs do not retry 404s.',
  },
  {
    name: 'not retryable with reason',
    entries: { widget_missing: testEntry({ retry: { retryable: false, advice: 'check it', reason: 'the id stays wrong' } }) },
    code: 'widget_missing',
    sentence: 'SDKs do not retry 404s — the id stays wrong.',
  },
  {
    name: 'retryable after a required Retry-After',
    entries: { too_fast: tooFast },
    code: 'too_fast',
    sentence:
      'SDKs retry 429s after the Retry-After delay, which the `retry_after` member also gives in seconds — the window reopens. ' +
      'With their default settings, a delay of 60 seconds or more raises the error instead, for you to schedule the retry. ' +
      'SDKs retry a `POST`, `PATCH` or `DELETE` request only when it carries an idempotency key.',
  },
  {
    name: 'retryable after an optional Retry-After',
    entries: { maybe_busy: maybeBusy },
    code: 'maybe_busy',
    sentence:
      'SDKs retry 503s after the Retry-After delay when the response has one, and otherwise with exponential backoff and jitter — outages are short. ' +
      'The `retry_after` member gives the same delay in seconds. ' +
      'With their default settings, a delay of 60 seconds or more raises the error instead, for you to schedule the retry. ' +
      'SDKs retry a `POST`, `PATCH` or `DELETE` request only when it carries an idempotency key.',
  },
  {
    name: 'retryable with backoff',
    entries: { busy },
    code: 'busy',
    sentence:
      'SDKs retry 503s with exponential backoff and jitter, up to their retry limit. ' +
      'SDKs retry a `POST`, `PATCH` or `DELETE` request only when it carries an idempotency key.',
  },
  {
    name: 'status shared with another policy',
    entries: { too_fast: tooFast, over_quota: overQuota },
    code: 'over_quota',
    sentence: 'SDKs do not retry `over_quota` errors.',
  },
  {
    name: 'status shared by optional and absent Retry-After',
    entries: { busy, maybe_busy: maybeBusy },
    code: 'busy',
    sentence:
      'SDKs retry `busy` errors with exponential backoff and jitter, up to their retry limit. ' +
      'SDKs retry a `POST`, `PATCH` or `DELETE` request only when it carries an idempotency key.',
  },
];

describe('SDK behaviour sentence', () => {
  it.each(retryCases)('$name', ({ entries, code, sentence }) => {
    expect(pageStructure(pageOf(entries, code)).paragraphs['SDK behaviour']).toEqual([sentence]);
  });

  it('counts an after-param as optional without requiredParams', () => {
    const docs = renderDocs(testRegistry({ too_fast: tooFast }), { sitePages: TEST_SITE_PAGES, site: TEST_SITE });
    const sentence = pageStructure(docs.files.get('errors/too_fast.md') ?? '').paragraphs['SDK behaviour']?.[0];
    expect(sentence).toMatch(/^SDKs retry 429s after the Retry-After delay when the response has one, and otherwise with exponential backoff/);
  });

  it('wraps at 70 columns', () => {
    const lines = pageOf({ too_fast: tooFast }, 'too_fast').split('\n');
    const start = lines.indexOf('SDKs retry 429s after the Retry-After delay, which the `retry_after`');
    expect(start).toBeGreaterThan(0);
    const paragraph = lines.slice(start, lines.indexOf('', start));
    expect(paragraph.length).toBeGreaterThan(4);
    expect(paragraph.filter((line) => line.length > 70)).toEqual([]);
  });
});

describe('facts table and SDK table', () => {
  it('shows the reason phrase of the status', () => {
    expect(pageStructure(pageOf({ too_fast: tooFast }, 'too_fast')).tables[0]).toContainEqual([
      '**HTTP status**',
      '`429 Too Many Requests`',
    ]);
  });

  it('shows a bare status without a standard phrase', () => {
    const page = pageOf({ client_closed: testEntry({ status: 499 }) }, 'client_closed');
    expect(pageStructure(page).tables[0]).toContainEqual(['**HTTP status**', '`499`']);
  });

  it('says Yes with the advice for a retryable code', () => {
    expect(pageStructure(pageOf({ busy }, 'busy')).tables[0]).toContainEqual(['**Retry?**', 'Yes — retry with backoff.']);
  });

  it('uses the status family without own classes', () => {
    expect(pageStructure(pageOf({ busy }, 'busy')).tables[1]).toEqual([
      ['SDK', 'Exception'],
      ['Python', '`agnes.ServiceUnavailableError`'],
      ['TypeScript', '`ServiceUnavailableError`'],
    ]);
  });

  it('uses the code own classes over the family', () => {
    const page = pageOf({ busy: { ...busy, sdk: { typescript: 'BusyError', python: 'Busy' } } }, 'busy');
    expect(pageStructure(page).tables[1]).toEqual([
      ['SDK', 'Exception'],
      ['Python', '`agnes.Busy`'],
      ['TypeScript', '`BusyError`'],
    ]);
  });
});

describe('page sections', () => {
  it('puts the docs base URL in doc_url', () => {
    const page = pageOf({ busy }, 'busy', 'https://docs.example.test/v2/');
    expect(pageStructure(page).jsonBlocks[0]?.value).toMatchObject({ doc_url: 'https://docs.example.test/v2/errors/busy' });
  });

  it('indents steps under two-digit markers', () => {
    const fix = Array.from({ length: 10 }, (_, index) => `Step ${index + 1},\ncontinued.`);
    const page = pageOf({ busy: { ...busy, fix } }, 'busy');
    expect(page).toContain('10. Step 10,\n    continued.');
    expect(pageStructure(page).listItems['How to fix']).toHaveLength(10);
  });

  it('leaves out Related without links', () => {
    const page = pageOf({ busy: { ...busy, related: [] } }, 'busy');
    expect(pageStructure(page).headings).not.toContain('## Related');
    expect(pageStructure(page).headings.at(-1)).toBe('## SDK behaviour');
  });

  it('links related codes and pages with their notes', () => {
    const entries = {
      busy: { ...busy, related: [{ code: 'too_fast', note: 'sent with a delay.' }, { href: '/guides/limits', title: 'Limits' }] },
      too_fast: tooFast,
    } satisfies Record<string, ErrorEntry<any>>;
    expect(pageStructure(pageOf(entries, 'busy')).listItems['Related']).toEqual([
      '[`too_fast`](/errors/too_fast) — sent with a delay.',
      '[Limits](/guides/limits)',
    ]);
  });
});

describe('deprecated code page', () => {
  const entries = {
    old_widget_missing: testEntry({ deprecated: { since: '1.2.0', replacement: 'widget_missing', reason: 'Ids moved to v2.' } }),
    widget_missing: testEntry(),
  } satisfies Record<string, ErrorEntry<any>>;
  const structure = pageStructure(pageOf(entries, 'old_widget_missing'));

  it('says the code is deprecated', () => {
    expect(structure.paragraphs['old_widget_missing']).toContain(
      '**Deprecated since 1.2.0.** Use [`widget_missing`](/errors/widget_missing) instead. Ids moved to v2.',
    );
  });

  it('links the replacement', () => {
    expect(structure.links['old_widget_missing']).toContain('`widget_missing` -> /errors/widget_missing');
  });

  it('leaves the replacement page unmarked', () => {
    expect(pageOf(entries, 'widget_missing')).not.toContain('Deprecated');
  });
});
