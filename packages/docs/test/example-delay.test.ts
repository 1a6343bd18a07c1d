/**
 * An example Retry-After delay that the SDKs do not wait for fails the render, because the page's
 * SDK sentence states that such a delay raises the error. The registries here are synthetic.
 */
import type { ErrorEntry } from '@agnes/errors';
import { describe, expect, it } from 'vitest';
import { DocsRenderError, renderDocs, SDK_RETRY_AFTER_LIMIT_SECONDS } from '../src/index.ts';
import { testEntry, testRegistry, TEST_SITE, TEST_SITE_PAGES } from './fixtures.ts';

const LIMIT = SDK_RETRY_AFTER_LIMIT_SECONDS;

/** Returns a 429 entry whose `wait_seconds` param sets Retry-After, with `seconds` in its example. */
function delayEntry(seconds: number, retryable = true): ErrorEntry<any> {
  return testEntry({
    status: 429,
    title: 'Too many widget requests',
    summary: 'the client sent too many widget requests',
    retry: retryable
      ? { retryable: true, advice: 'wait, then retry', afterParam: 'wait_seconds' }
      : { retryable: false, advice: 'slow down', afterParam: 'wait_seconds' },
    detail: 'Retry in {wait_seconds} seconds.',
    params: { wait_seconds: 'public' },
    example: { wait_seconds: seconds },
  });
}

function render(entry: ErrorEntry<any>) {
  return renderDocs(testRegistry({ widget_busy: entry }), { sitePages: TEST_SITE_PAGES, site: TEST_SITE });
}

/** Returns the page of `widget_busy` with each run of whitespace as one space, so that wrapped sentences match. */
function pageText(entry: ErrorEntry<any>): string {
  return (render(entry).files.get('errors/widget_busy.md') ?? '').replace(/\s+/g, ' ');
}

function renderError(entry: ErrorEntry<any>): DocsRenderError {
  try {
    render(entry);
  } catch (error) {
    if (error instanceof DocsRenderError) return error;
    throw error;
  }
  throw new Error('expected renderDocs to throw DocsRenderError');
}

describe('example Retry-After delay', () => {
  it.each([LIMIT, LIMIT + 1, 3600])('%i seconds fails the render', (seconds) => {
    const error = renderError(delayEntry(seconds));

    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.code).toBe('widget_busy');
    expect(error.issues[0]!.field).toBe('example.wait_seconds');
    expect(error.issues[0]!.message).toContain(`is ${seconds} seconds`);
    expect(error.issues[0]!.message).toContain(`Retry-After delay of ${LIMIT} seconds or more`);
    expect(error.issues[0]!.message).toContain(`use an example delay below ${LIMIT}`);
  });

  it('message names code, value, limit and fix', () => {
    expect(renderError(delayEntry(LIMIT)).message).toContain(
      `  - widget_busy (example.wait_seconds): is ${LIMIT} seconds, but the SDKs raise the error for a Retry-After delay of ${LIMIT} seconds or more ` +
        `(SDK_RETRY_AFTER_LIMIT_SECONDS), so the page would contradict its own example; use an example delay below ${LIMIT}, such as ${LIMIT / 2}`,
    );
  });

  it.each([0, 1, LIMIT - 1])('%i seconds renders', (seconds) => {
    const page = pageText(delayEntry(seconds));

    expect(page).toContain(`"wait_seconds": ${seconds}`);
    expect(page).toContain(`a delay of ${LIMIT} seconds or more raises the error instead`);
  });

  it('long delay of an unretried code renders', () => {
    const page = pageText(delayEntry(3600, false));

    expect(page).toContain('"wait_seconds": 3600');
    expect(page).not.toContain(`a delay of ${LIMIT} seconds or more`);
  });
});
