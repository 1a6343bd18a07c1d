/** The index page: every code grouped by HTTP status, with its summary and retry policy. */
import type { ErrorEntry, Tombstone } from '@agnes/errors';
import { errorPagePath, retryCell } from './error-page.ts';
import { codeSpan, table, tableCell } from './markdown.ts';
import { statusLine } from './reason-phrases.ts';

/** Codes of one status, in registry order. */
export interface StatusGroup {
  status: number;
  codes: readonly { code: string; entry: ErrorEntry<any> }[];
}

/** Site path of the index page. */
export const INDEX_PAGE_PATH = '/errors/';

/**
 * Renders the index page; `productName` completes "Every error code of the …".
 * Retired codes, when there are any, follow the statuses in a section of their own.
 */
export function renderIndexPage(groups: readonly StatusGroup[], tombstones: readonly Tombstone[], productName: string): string {
  const sections = [
    '# Error codes',
    `> Every error code of the ${productName}, grouped by HTTP status.`,
    'Each error response names its code in the `code` member and links the code\'s page in `doc_url`. ' +
      'The "Retry?" column says whether SDKs retry the request and what to do.',
  ];
  for (const group of groups) {
    sections.push(
      `## ${statusLine(group.status)}`,
      table(
        ['Code', 'Summary', 'Retry?'],
        group.codes.map(({ code, entry }) => [
          `[${codeSpan(code)}](${errorPagePath(code)})`,
          tableCell(summaryCell(entry)),
          tableCell(retryCell(entry)),
        ]),
      ),
    );
  }
  if (tombstones.length > 0) {
    sections.push(
      '## Retired codes',
      `The ${productName} no longer sends these codes, and no other error will ever use them.`,
      table(
        ['Code', 'Retired in', 'Reason'],
        tombstones.map((tombstone) => [
          `[${codeSpan(tombstone.code)}](${errorPagePath(tombstone.code)})`,
          tombstone.removedIn,
          tableCell(tombstone.reason ?? ''),
        ]),
      ),
    );
  }
  return `${sections.join('\n\n')}\n`;
}

function summaryCell(entry: ErrorEntry<any>): string {
  const replacement = entry.deprecated?.replacement;
  if (entry.deprecated === undefined) return entry.summary;
  const instead = replacement === undefined ? '' : `, use [${codeSpan(replacement)}](${errorPagePath(replacement)})`;
  return `**Deprecated**${instead}: ${entry.summary}`;
}
