/** Content negotiation between the envelope's two forms: plain JSON and RFC 9457 problem details. */

/** Media type of the default form. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** Media type of the RFC 9457 form. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Returns whether an `Accept` header prefers `application/problem+json`: the type is listed with a
 * non-zero quality that is at least the quality of `application/json`. Wildcards select the default form.
 *
 * @example
 * prefersProblemJson('application/problem+json');                          // true
 * prefersProblemJson('application/json, application/problem+json;q=0.5');  // false
 */
export function prefersProblemJson(accept: string | null | undefined): boolean {
  if (!accept || !/problem\+json/i.test(accept)) return false;
  let problemQuality = 0;
  let jsonQuality = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';');
    const mediaType = type.trim().toLowerCase();
    if (mediaType !== 'application/problem+json' && mediaType !== 'application/json') continue;
    const quality = qualityOf(parameters);
    if (mediaType === 'application/problem+json') problemQuality = Math.max(problemQuality, quality);
    else jsonQuality = Math.max(jsonQuality, quality);
  }
  return problemQuality > 0 && problemQuality >= jsonQuality;
}

function qualityOf(parameters: readonly string[]): number {
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'q') continue;
    const quality = Number(value.trim());
    return Number.isFinite(quality) && quality >= 0 && quality <= 1 ? quality : 0;
  }
  return 1;
}
