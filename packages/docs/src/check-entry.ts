/**
 * Checks of one entry's docs text, run for every code before anything is
 * rendered. Each problem names the field, so that the writer can find it.
 */
import type { ErrorEntry, SdkClassNames } from '@agnes/errors';
import type { DocsIssue } from './docs-error.ts';
import { linkProblems, markdownProblems, type LinkTargets, type MarkdownKind } from './markdown-rules.ts';
import { SDK_RETRY_AFTER_LIMIT_SECONDS } from './retry-sentence.ts';

/** Registry and site facts that the checks of one entry need. */
export interface EntryCheckContext extends LinkTargets {
  /** Returns whether a code is in the registry. */
  hasCode(code: string): boolean;
  /** SDK classes of the code, or `undefined` when neither the entry nor its status family names them. */
  sdk: SdkClassNames | undefined;
}

/** Returns every problem of one entry's docs text; an empty list means the page can be rendered. */
export function checkEntryDocs(code: string, entry: ErrorEntry<any>, context: EntryCheckContext): DocsIssue[] {
  const issues: DocsIssue[] = [];
  const add = (field: string, message: string) => issues.push({ code, field, message });
  const markdown = (field: string, text: unknown, kind: MarkdownKind) => {
    for (const message of markdownProblems(text as string, kind, context)) add(field, message);
  };
  const line = (field: string, text: unknown) => {
    if (typeof text === 'string' && text.includes('\n')) add(field, 'spans several lines; keep it to one line');
    if (typeof text === 'string' && /\.\s*$/.test(text)) add(field, 'ends with a period; leave it out, because the page adds one');
    markdown(field, text, 'inline');
  };

  if (typeof entry.title !== 'string' || entry.title.trim() === '') add('title', 'is empty; write a one-line title');
  if (typeof entry.detail !== 'string' || entry.detail.trim() === '') {
    add('detail', 'is empty; write the default message of the example response');
  }
  line('summary', entry.summary);
  line('retry.advice', entry.retry?.advice);
  if (entry.retry?.reason !== undefined) line('retry.reason', entry.retry.reason);
  markdown('when', entry.when, 'block');
  listOf('causes', entry.causes, add, (field, item) => markdown(field, item, 'block'));
  listOf('fix', entry.fix, add, (field, item) => markdown(field, item, 'block'));

  (entry.related ?? []).forEach((link, index) => {
    const field = `related[${index}]`;
    if ('code' in link) {
      if (!context.hasCode(link.code)) add(`${field}.code`, `"${link.code}" is not a code of this registry; fix the code or remove the link`);
    } else {
      markdown(`${field}.title`, link.title, 'inline');
      if (/[[\]]/.test(String(link.title))) add(`${field}.title`, 'contains a square bracket, which ends the link text early; remove it');
      for (const message of linkProblems(String(link.href), context)) add(`${field}.href`, message);
    }
    if (link.note !== undefined) markdown(`${field}.note`, link.note, 'inline');
  });

  const deprecation = entry.deprecated;
  if (deprecation?.replacement !== undefined && !context.hasCode(deprecation.replacement)) {
    add('deprecated.replacement', `"${deprecation.replacement}" is not a code of this registry; name the code that replaces this one`);
  }
  if (deprecation?.reason !== undefined) markdown('deprecated.reason', deprecation.reason, 'inline');

  const afterParam = entry.retry?.afterParam;
  const exampleDelay = afterParam === undefined ? undefined : (entry.example as Record<string, unknown> | undefined)?.[afterParam];
  if (entry.retry?.retryable === true && typeof exampleDelay === 'number' && exampleDelay >= SDK_RETRY_AFTER_LIMIT_SECONDS) {
    add(`example.${afterParam}`, exampleDelayProblem(exampleDelay));
  }

  if (context.sdk === undefined) {
    add('sdk', `names no SDK classes and status ${entry.status} has no family in the registry; add sdk or a family`);
  }
  return issues;
}

function listOf(
  field: string,
  items: unknown,
  add: (field: string, message: string) => void,
  checkItem: (field: string, item: unknown) => void,
): void {
  if (!Array.isArray(items) || items.length === 0) {
    add(field, 'is empty; list at least one item');
    return;
  }
  items.forEach((item, index) => checkItem(`${field}[${index}]`, item));
}

/**
 * Describes an example Retry-After delay that the SDKs do not wait for. The page's SDK sentence
 * states that such a delay raises the error, so the example would contradict it.
 */
function exampleDelayProblem(seconds: number): string {
  const limit = SDK_RETRY_AFTER_LIMIT_SECONDS;
  return (
    `is ${seconds} seconds, but the SDKs raise the error for a Retry-After delay of ${limit} seconds or more ` +
    `(SDK_RETRY_AFTER_LIMIT_SECONDS), so the page would contradict its own example; use an example delay below ${limit}, such as ${Math.floor(limit / 2)}`
  );
}
