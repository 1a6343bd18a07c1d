/** Content negotiation between the envelope's two forms: plain JSON and RFC 9457 problem details. */

/** Media type of the default form. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** Media type of the RFC 9457 form. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Returns whether an `Accept` header prefers `application/problem+json`: the type is listed by name
 * with a non-zero quality that is at least the quality that the header gives `application/json`.
 * That quality comes from the most specific range that matches it: `application/json`, else
 * `application/*`, else the range of any type (RFC 9110, section 12.5.1). So a wildcard ranked
 * above the problem type selects the default form, and a wildcard alone never selects the problem
 * form.
 *
 * @example
 * prefersProblemJson('application/problem+json');                          // true
 * prefersProblemJson('application/json, application/problem+json;q=0.5');  // false
 * prefersProblemJson('*\/*, application/problem+json;q=0.1');               // false
 */
export function prefersProblemJson(accept: string | null | undefined): boolean {
  if (!accept || !/problem\+json/i.test(accept)) return false;
  // Quality of each range that can match one of the two forms, from the header's ranges.
  const qualities = new Map<string, number>();
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';');
    const mediaType = type.trim().toLowerCase();
    if (!NEGOTIATED_RANGES.has(mediaType)) continue;
    qualities.set(mediaType, Math.max(qualities.get(mediaType) ?? 0, qualityOf(parameters)));
  }
  const problemQuality = qualities.get('application/problem+json') ?? 0;
  const jsonQuality = qualities.get('application/json') ?? qualities.get('application/*') ?? qualities.get('*/*') ?? 0;
  return problemQuality > 0 && problemQuality >= jsonQuality;
}

/** Ranges that match `application/json` or `application/problem+json`. */
const NEGOTIATED_RANGES = new Set(['application/problem+json', 'application/json', 'application/*', '*/*']);

function qualityOf(parameters: readonly string[]): number {
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'q') continue;
    const quality = Number(value.trim());
    return Number.isFinite(quality) && quality >= 0 && quality <= 1 ? quality : 0;
  }
  return 1;
}
