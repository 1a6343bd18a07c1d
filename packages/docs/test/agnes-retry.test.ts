/** The SDK sentences and examples of the Agnes codes that carry a Retry-After delay. */
import { agnesRegistry, lookupsOf } from '@agnes/errors';
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../src/index.ts';
import { SDK_RETRY_AFTER_LIMIT_SECONDS } from '../src/retry-sentence.ts';
import { agnesRequiredParams } from './agnes-contract.ts';
import { AGNES_SITE_PAGES } from './agnes-site.ts';
import { pageStructure } from './page-structure.ts';

const docs = renderDocs(agnesRegistry, {
  sitePages: AGNES_SITE_PAGES,
  site: { title: 'Agnes API', summary: 'Agnes API errors.' },
  requiredParams: agnesRequiredParams(),
});
const withDelay = [...lookupsOf(agnesRegistry).entryByCode].filter(([, entry]) => entry.retry.afterParam !== undefined);

function sdkSentence(code: string): string {
  return pageStructure(docs.files.get(`errors/${code}.md`) ?? '').paragraphs['SDK behaviour']?.join('\n') ?? '';
}

describe('Agnes codes with a Retry-After delay', () => {
  // Pins two catalog codes, which the page tests below read. Every other code with a delay gets
  // the checks of the it.each tests, so adding one does not fail this test.
  it('include rate_limited and service_unavailable', () => {
    const codes = withDelay.map(([code]) => code);
    expect(codes).toContain('rate_limited');
    expect(codes).toContain('service_unavailable');
  });

  it.each(withDelay)('%s example delay is one the SDKs wait for', (_code, entry) => {
    const seconds = (entry.example as Record<string, unknown>)[entry.retry.afterParam!];
    expect(seconds).toEqual(expect.any(Number));
    expect(seconds).toBeLessThan(SDK_RETRY_AFTER_LIMIT_SECONDS);
  });

  it.each(withDelay)('%s page says what a longer delay does', (code) => {
    expect(sdkSentence(code)).toContain(`a delay of ${SDK_RETRY_AFTER_LIMIT_SECONDS} seconds or more raises the error instead`);
  });

  it('service_unavailable page covers responses without a delay', () => {
    expect(sdkSentence('service_unavailable')).toContain(
      'SDKs retry 503s after the Retry-After delay when the response has one, and otherwise with exponential backoff and jitter',
    );
  });

  it('rate_limited page speaks of the delay alone', () => {
    const sentence = sdkSentence('rate_limited');
    expect(sentence).toContain('SDKs retry `rate_limited` errors after the Retry-After delay, which the `retry_after` member also gives in seconds');
    expect(sentence).not.toContain('backoff');
  });
});
