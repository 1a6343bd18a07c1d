/**
 * A synthetic registry of any size, built with the core define helpers like the
 * Agnes catalog, and the guides its entries link to. Entries carry docs text of
 * realistic length and link to other codes and to the guides, so that the docs
 * build does the same work per code as for real entries.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defineError, defineRegistry, type Registry, type SdkClassNames } from '@agnes/errors';

const STATUSES = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503] as const;

const FAMILIES: Record<number, SdkClassNames> = Object.fromEntries(
  STATUSES.map((status) => [status, { typescript: `Status${status}Error`, python: `Status${status}Error` }]),
);

/** Site pages that the synthetic entries link to; `writeSyntheticContent` writes them. */
const SITE_PAGES = ['/api/errors', '/api/idempotency', '/api/request-ids', '/administration/api-keys'] as const;

interface ItemParams {
  item_id: string;
  /** Logged only. */
  tenant_id?: string;
}

interface RateLimitedItemParams extends ItemParams {
  /** Seconds to wait, sent as Retry-After. */
  retry_after: number;
}

function codeAt(index: number): string {
  return `synthetic_error_${String(index + 1).padStart(4, '0')}`;
}

function entryAt(index: number, size: number) {
  const status = STATUSES[index % STATUSES.length]!;
  const retryable = status >= 500 || (status === 429 && index % 20 < 10);
  const page = SITE_PAGES[index % SITE_PAGES.length]!;
  const next = codeAt((index + 1) % size);
  const docs = {
    status,
    title: `Synthetic error ${index + 1}`,
    summary: `synthetic failure number ${index + 1} of the benchmark registry`,
    when:
      `The request reached an endpoint that checks rule ${index + 1} of the item, and the item\n` +
      'broke that rule, so the service rejected the request. Common causes:',
    causes: [
      'The client sent an item that an older version of the API accepted.',
      `The item was changed by another client, see [\`${next}\`](/errors/${next}).`,
      'A field of the item has a value of the wrong type or form.',
    ],
    fix: [
      `Read the [errors overview](${page}) and compare the item with the rule.`,
      'Correct the item and send the request again.',
      'If the error persists, contact support with the request id.',
    ],
    detail: 'Item {item_id} breaks a rule.',
    related: [{ code: next, note: 'the next synthetic code.' }, { href: page, title: 'A guide' }],
    since: '1.0.0',
  };
  if (status === 429 && retryable) {
    return defineError<RateLimitedItemParams>()({
      ...docs,
      retry: { retryable: true, advice: 'wait for the Retry-After delay', afterParam: 'retry_after' },
      params: { item_id: 'public', retry_after: 'public', tenant_id: 'internal' },
      example: { item_id: `item_${index}`, retry_after: 30 },
    });
  }
  return defineError<ItemParams>()({
    ...docs,
    retry: retryable
      ? { retryable: true, advice: 'retry with backoff' }
      : { retryable: false, advice: 'fix the request', reason: 'the same request fails the same way' },
    params: { item_id: 'public', tenant_id: 'internal' },
    example: { item_id: `item_${index}` },
  });
}

/** Builds a registry of `size` codes, spread over ten statuses and ten domains. */
export function syntheticRegistry(size: number): Registry {
  const domains: Record<string, ReturnType<typeof entryAt>>[] = Array.from({ length: 10 }, () => ({}));
  for (let index = 0; index < size; index += 1) {
    domains[index % domains.length]![codeAt(index)] = entryAt(index, size);
  }
  return defineRegistry({ version: '1.0.0', domains, families: FAMILIES }) as Registry;
}

/**
 * Writes the guides that the synthetic entries link to, plus a home page, as a
 * content folder for the site build. The Agnes guides cannot serve, because they
 * link to Agnes codes that a synthetic registry does not have.
 */
export function writeSyntheticContent(contentDir: string): void {
  const pages = [['/index', 'Synthetic docs'], ...SITE_PAGES.map((path) => [path, `Guide ${path}`])] as const;
  for (const [path, title] of pages) {
    const file = join(contentDir, `${path}.md`);
    mkdirSync(dirname(file), { recursive: true });
    const body = Array.from({ length: 12 }, (_, index) => `Paragraph ${index + 1} of ${title}, with a [link](/errors/) to the error index.`);
    writeFileSync(file, `---\ntitle: ${title}\ndescription: A synthetic page of the docs benchmark.\n---\n\n# ${title}\n\n${body.join('\n\n')}\n`);
  }
}
