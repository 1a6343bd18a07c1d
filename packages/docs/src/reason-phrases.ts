import { reasonPhraseOf } from '@agnes/errors';

/**
 * Returns the status with its reason phrase, such as `403 Forbidden`, or the
 * bare number for a status that the IANA registry does not assign, such as 499.
 */
export function statusLine(status: number): string {
  const phrase = reasonPhraseOf(status);
  return phrase === undefined ? String(status) : `${status} ${phrase}`;
}
