import { reasonPhraseOf } from '@agnes/errors/define';

export { reasonPhraseOf };

/**
 * Name of the reusable OpenAPI response of a status: its reason phrase without
 * spaces, such as `TooManyRequests`, or `Status<NNN>` for an unnamed status.
 */
export function responseNameOf(status: number): string {
  const phrase = reasonPhraseOf(status);
  return phrase ? phrase.replace(/[^A-Za-z0-9]/g, '') : `Status${status}`;
}
