/**
 * Pages of retired codes: the registry's tombstones. An old response still links
 * its code's page in `doc_url`, so each retired code keeps a short page with the
 * version that retired it, the reason, and a link to the index.
 */
import type { Tombstone } from '@agnes/errors';
import type { DocsIssue } from './docs-error.ts';
import { INDEX_PAGE_PATH } from './index-page.ts';
import { markdownProblems, type LinkTargets } from './markdown-rules.ts';
import { wrapParagraph } from './markdown.ts';

/** Renders the page of a retired code; `productName` completes "… that the <product> sends". */
export function renderRetiredPage(tombstone: Tombstone, productName: string): string {
  const sections = [
    `# ${tombstone.code}`,
    `> Retired in ${tombstone.removedIn}. The ${productName} no longer sends this code.`,
    ...(tombstone.reason === undefined ? [] : [wrapParagraph(`**Why it was retired:** ${tombstone.reason}.`)]),
    wrapParagraph(
      'A retired code is never reused for another error. ' +
        `The [error code reference](${INDEX_PAGE_PATH}) lists every code that the ${productName} sends.`,
    ),
  ];
  return `${sections.join('\n\n')}\n`;
}

/**
 * Returns the problems of the tombstone at `index`: an empty version, a reason that
 * breaks the page, or a code that is also a live code of the registry.
 */
export function checkTombstone(
  tombstone: Tombstone,
  index: number,
  context: LinkTargets & { hasCode(code: string): boolean },
): DocsIssue[] {
  const field = `tombstones[${index}]`;
  const issues: DocsIssue[] = [];
  const add = (name: string, message: string) => issues.push({ code: tombstone.code, field: `${field}.${name}`, message });

  if (context.hasCode(tombstone.code)) {
    add('code', 'is a code of the registry and also on the tombstone list; remove the entry or the tombstone');
  }
  if (typeof tombstone.removedIn !== 'string' || tombstone.removedIn.trim() === '') {
    add('removedIn', 'is empty; give the version that removed the code');
  }
  if (tombstone.reason !== undefined) {
    if (/\n/.test(tombstone.reason)) add('reason', 'spans several lines; keep it to one line');
    if (/\.\s*$/.test(tombstone.reason)) add('reason', 'ends with a period; leave it out, because the page adds one');
    for (const message of markdownProblems(tombstone.reason, 'inline', context)) add('reason', message);
  }
  return issues;
}
