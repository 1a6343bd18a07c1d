/** Expected envelopes of the Agnes registry, for tests that compare whole bodies. */
import { agnesRegistry } from '@agnes/errors';

/** Returns the masked `internal_error` envelope that every adapter sends for an unknown error. */
export function maskedEnvelopeOf(requestId: string | null) {
  return {
    detail: agnesRegistry.entries.internal_error.detail,
    code: 'internal_error',
    request_id: requestId,
    doc_url: 'https://docs.lasscyber.com/errors/internal_error',
  };
}
