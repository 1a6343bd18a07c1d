import { describe, expect, it } from 'vitest';
import { readTextUpTo } from '../../src/parse/read-body.ts';

/** Builds a response whose body streams the given chunks and records whether it was cancelled. */
function streamedResponse(chunks: string[], options: { failAfter?: number } = {}) {
  const encoder = new TextEncoder();
  const state = { cancelled: false, pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.failAfter !== undefined && state.pulled === options.failAfter) {
        controller.error(new Error('connection reset'));
        return;
      }
      const chunk = chunks[state.pulled++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { response: new Response(stream), state };
}

describe('readTextUpTo', () => {
  it('reads a short body whole', async () => {
    const { response, state } = streamedResponse(['hello ', 'world']);
    expect(await readTextUpTo(response, 100)).toBe('hello world');
    expect(state.cancelled).toBe(false);
  });

  it('stops at the limit and cancels the rest', async () => {
    const { response, state } = streamedResponse(['aaaa', 'bbbb', 'cccc', 'dddd']);
    expect(await readTextUpTo(response, 6)).toBe('aaaabb');
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(4);
  });

  it('keeps what arrived before a stream error', async () => {
    const { response } = streamedResponse(['partial ', 'body', 'never'], { failAfter: 2 });
    expect(await readTextUpTo(response, 100)).toBe('partial body');
  });

  it('returns an empty string for a body that was already read', async () => {
    const response = new Response('once');
    await response.text();
    expect(await readTextUpTo(response, 100)).toBe('');
  });

  it('returns an empty string for a response without a body', async () => {
    expect(await readTextUpTo(new Response(null, { status: 204 }), 100)).toBe('');
  });

  it('decodes a multi-byte character split across chunks', async () => {
    const bytes = new TextEncoder().encode('€');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 1));
        controller.enqueue(bytes.subarray(1));
        controller.close();
      },
    });
    expect(await readTextUpTo(new Response(stream), 100)).toBe('€');
  });
});
