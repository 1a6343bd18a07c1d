/**
 * `llms.txt` and `llms-full.txt`, in the form that llmstxt.org describes: an H1
 * with the site's name, a one-line summary as a quote, then H2 sections of
 * `- [title](url): note` links.
 */
import type { Tombstone } from '@agnes/errors';
import { errorPagePath, retryCell } from './error-page.ts';
import type { StatusGroup } from './index-page.ts';
import { statusLine } from './reason-phrases.ts';

/** One link of an llms.txt section. */
export interface LlmsLink {
  title: string;
  /** Site-absolute path of the page, such as `/administration/api-keys`. */
  path: string;
  note?: string;
}

/** A section of llms.txt besides the error sections, such as the site's guides. */
export interface LlmsSection {
  title: string;
  links: readonly LlmsLink[];
}

/** Name and one-line summary of the docs site. */
export interface SiteSummary {
  /** Name of the product or site, such as "Agnes API". */
  title: string;
  /** One-line description of what the site documents. */
  summary: string;
}

/**
 * Renders llms.txt: the given sections first, then one section of error pages per
 * status, then the pages of retired codes.
 */
export function renderLlmsTxt(
  site: SiteSummary,
  groups: readonly StatusGroup[],
  tombstones: readonly Tombstone[],
  sections: readonly LlmsSection[],
  urlOf: (path: string) => string,
): string {
  const parts = [
    `# ${site.title}`,
    `> ${site.summary}`,
    'Every error response of the API carries a stable `code`. Each error page below ' +
      'says when the code is sent, shows an example response, and explains how to fix ' +
      'the request and what the SDKs do. `llms-full.txt` holds the full text of every error page.',
  ];
  for (const section of sections) {
    parts.push(`## ${section.title}`, section.links.map((link) => linkLine(link, urlOf)).join('\n'));
  }
  for (const group of groups) {
    const links = group.codes.map(({ code, entry }) => ({
      title: code,
      path: errorPagePath(code),
      note: `HTTP ${entry.status} — ${entry.summary}. Retry: ${retryCell(entry)}`,
    }));
    parts.push(`## Errors: ${statusLine(group.status)}`, links.map((link) => linkLine(link, urlOf)).join('\n'));
  }
  if (tombstones.length > 0) {
    const links = tombstones.map((tombstone) => ({
      title: tombstone.code,
      path: errorPagePath(tombstone.code),
      note: `Retired in ${tombstone.removedIn}${tombstone.reason === undefined ? '' : `: ${tombstone.reason}`}.`,
    }));
    parts.push('## Retired codes', links.map((link) => linkLine(link, urlOf)).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

/** Renders llms-full.txt: the site's heading and summary, then every error page in full. */
export function renderLlmsFullTxt(site: SiteSummary, pages: readonly string[]): string {
  return [`# ${site.title}\n\n> ${site.summary}\n`, ...pages].join('\n');
}

function linkLine(link: LlmsLink, urlOf: (path: string) => string): string {
  const note = link.note === undefined ? '' : `: ${link.note.replace(/\s*\n\s*/g, ' ')}`;
  return `- [${link.title}](${urlOf(link.path)})${note}`;
}
