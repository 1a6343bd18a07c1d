/** Small registries for the renderer's tests, built the way any registry is. */
import { defineRegistry, type ErrorEntry, type Registry, type SdkClassNames, type Tombstone } from '@agnes/errors';

/** SDK families of the statuses that the test entries use. */
export const TEST_FAMILIES: Readonly<Record<number, SdkClassNames>> = {
  404: { typescript: 'NotFoundError', python: 'NotFoundError' },
  409: { typescript: 'ConflictError', python: 'ConflictError' },
  429: { typescript: 'RateLimitError', python: 'RateLimitError' },
  499: { typescript: 'ClientClosedError', python: 'ClientClosedError' },
  503: { typescript: 'ServiceUnavailableError', python: 'ServiceUnavailableError' },
};

/** Site pages that the test entries may link to. */
export const TEST_SITE_PAGES = ['/guides/widgets', '/guides/limits'];

/** Name and summary of the test site. */
export const TEST_SITE = { title: 'Widget API', summary: 'Reference of the Widget API errors.' };

/** Returns an entry with valid docs text; `overrides` replace whole fields. */
export function testEntry(overrides: Partial<ErrorEntry<any>> = {}): ErrorEntry<any> {
  return {
    status: 404,
    title: 'Widget not found',
    summary: 'no widget with this id exists',
    retry: { retryable: false, advice: 'check the widget id' },
    when: 'The request names a widget that does not exist. Common causes:',
    causes: ['The widget was deleted.', 'The id has a typo, see\n[widgets](/guides/widgets).'],
    fix: ['List the widgets.', 'Send the request again with an existing id.'],
    detail: 'No widget with id {widget_id}.',
    params: { widget_id: 'public' },
    example: { widget_id: 'wid_1' },
    related: [{ href: '/guides/widgets', title: 'Widgets', note: 'how ids look.' }],
    since: '1.0.0',
    ...overrides,
  };
}

/** Builds and validates a registry from entries keyed by code, and the tombstones of retired codes. */
export function testRegistry(entries: Record<string, ErrorEntry<any>>, tombstones: readonly Tombstone[] = []): Registry {
  return defineRegistry({ version: '1.0.0', domains: [entries], families: TEST_FAMILIES, tombstones }) as Registry;
}

/**
 * Returns a registry that skips `defineRegistry`'s validation, as a registry
 * assembled by hand or from JSON would. The renderer must catch bad docs text on its own.
 */
export function unvalidatedRegistry(entries: Record<string, ErrorEntry<any>>): Registry {
  return { version: '1.0.0', entries, families: TEST_FAMILIES, tombstones: [] };
}
