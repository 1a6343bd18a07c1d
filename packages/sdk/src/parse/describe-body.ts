/** Short details for bodies that are not an error envelope: HTML pages, text, empty and invalid JSON. */

/** Longest `detail` that the SDK keeps, in characters; longer text is cut and ends with `…`. */
export const MAX_DETAIL_LENGTH = 300;

const HTML_TITLE = /<title[^>]*>([^<]*)</i;

/** Cuts text to `MAX_DETAIL_LENGTH` characters. */
export function shorten(text: string): string {
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…` : text;
}

/** Formats a content type for a message, or `no content type` when the header is missing. */
export function contentTypeText(contentType: string | null): string {
  return contentType ? `content type ${contentType}` : 'no content type';
}

/**
 * Describes a body that has no usable `detail` in one line, which the caller shortens: the `<title>` of an
 * HTML page, the first line of text, or what kind of body it was. Never the whole page.
 */
export function describeBody(status: number, contentType: string | null, text: string, parsedJson: boolean): string {
  const prefix = `HTTP ${status}`;
  const trimmed = text.trim();
  if (trimmed === '') return `${prefix} with an empty body`;
  if (parsedJson) return `${prefix} with a JSON body that has no detail`;
  // RegExp.test turns a missing content type into "null", which matches neither pattern.
  if (/json/i.test(contentType as string)) return `${prefix} with a body that is not valid JSON (${contentTypeText(contentType)})`;
  if (/html/i.test(contentType as string) || trimmed.startsWith('<')) {
    const title = HTML_TITLE.exec(trimmed)?.[1]?.replace(/\s+/g, ' ').trim();
    return title ? `${prefix}: ${title} (HTML page)` : `${prefix} with an HTML page`;
  }
  return `${prefix}: ${trimmed.split('\n', 1)[0]!.trim()}`;
}
