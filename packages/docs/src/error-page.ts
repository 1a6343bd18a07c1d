/**
 * One error code's page, in the layout of the published reference page:
 * title, summary line, facts table, "When this happens", "Example response",
 * "How to fix", "SDK behaviour" and "Related".
 */
import { buildEnvelope, EXAMPLE_REQUEST_ID, type ErrorEntry, type Registry, type RelatedLink, type SdkClassNames } from '@agnes/errors';
import { bulletList, codeSpan, orderedList, table, tableCell, wrapParagraph } from './markdown.ts';
import { statusLine } from './reason-phrases.ts';
import { retrySentence, type RetryKind } from './retry-sentence.ts';

/** Registry facts that a page needs besides its own entry. */
export interface ErrorPageContext {
  registry: Registry<any>;
  /** SDK exception classes of the code: its own, or its status family's. */
  sdk: SdkClassNames;
  /** Retry behaviour of the SDKs for the code. */
  retryKind: RetryKind;
  /** Whether every code of the same status is retried the same way, so that the SDK sentence may name the status. */
  statusRetryUniform: boolean;
  docsBaseUrl: string;
}

/** Site path of a code's page. */
export function errorPagePath(code: string): string {
  return `/errors/${code}`;
}

/** Returns the "Retry?" cell of a code, such as "No — request additional permissions." */
export function retryCell(entry: ErrorEntry<any>): string {
  return `${entry.retry.retryable ? 'Yes' : 'No'} — ${entry.retry.advice}.`;
}

/** Renders the Markdown page of one code. */
export function renderErrorPage(code: string, entry: ErrorEntry<any>, context: ErrorPageContext): string {
  const envelope = buildEnvelope(context.registry, code, entry.example, {
    requestId: EXAMPLE_REQUEST_ID,
    docsBaseUrl: context.docsBaseUrl,
  });
  const sections = [
    `# ${code}`,
    `> HTTP ${entry.status} — ${entry.summary}.`,
    ...(entry.deprecated ? [deprecationNotice(entry)] : []),
    table(
      ['', ''],
      [
        ['**HTTP status**', codeSpan(statusLine(entry.status))],
        ['**Code**', codeSpan(code)],
        ['**Retry?**', tableCell(retryCell(entry))],
      ],
    ),
    '## When this happens',
    entry.when.trim(),
    bulletList(entry.causes),
    '## Example response',
    ['```json theme={null}', JSON.stringify(envelope, null, 2), '```'].join('\n'),
    '## How to fix',
    orderedList(entry.fix),
    '## SDK behaviour',
    table(
      ['SDK', 'Exception'],
      [
        ['Python', codeSpan(`agnes.${context.sdk.python}`)],
        ['TypeScript', codeSpan(context.sdk.typescript)],
      ],
    ),
    wrapParagraph(retrySentence(code, entry, context.retryKind, context.statusRetryUniform)),
    ...(entry.related.length > 0 ? ['## Related', bulletList(entry.related.map(relatedItem))] : []),
  ];
  return `${sections.join('\n\n')}\n`;
}

function deprecationNotice(entry: ErrorEntry<any>): string {
  const deprecation = entry.deprecated!;
  const replacement =
    deprecation.replacement === undefined ? '' : ` Use ${codeLink(deprecation.replacement)} instead.`;
  const reason = deprecation.reason === undefined ? '' : ` ${deprecation.reason}`;
  return wrapParagraph(`**Deprecated since ${deprecation.since}.**${replacement}${reason}`);
}

function codeLink(code: string): string {
  return `[${codeSpan(code)}](${errorPagePath(code)})`;
}

function relatedItem(link: RelatedLink): string {
  const target = 'code' in link ? codeLink(link.code) : `[${link.title}](${link.href})`;
  return link.note === undefined ? target : `${target} — ${link.note}`;
}
