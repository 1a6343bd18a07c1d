import { describe, expect, it } from 'vitest';
import { describeDecodeFailure, readTextUpTo } from '../../src/parse/read-body.ts';

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

  it('passes a stream error to onError', async () => {
    const { response } = streamedResponse(['partial ', 'body', 'never'], { failAfter: 2 });
    const failures: unknown[] = [];
    expect(await readTextUpTo(response, 100, (cause) => failures.push(cause))).toBe('partial body');
    expect(failures).toEqual([new Error('connection reset')]);
  });

  it('rejects when onError throws', async () => {
    const { response } = streamedResponse(['partial'], { failAfter: 1 });
    const read = readTextUpTo(response, 100, (cause) => {
      throw cause;
    });
    await expect(read).rejects.toThrow('connection reset');
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

/** Builds an error with a Node error code, as zlib, brotli and undici set it. */
function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeDecodeFailure', () => {
  it.each<{ name: string; error: unknown; reason: string | undefined }>([
    { name: 'corrupt gzip, wrapped by fetch', error: new TypeError('terminated', { cause: withCode('incorrect header check', 'Z_DATA_ERROR') }), reason: 'incorrect header check' },
    { name: 'corrupt brotli, wrapped by fetch', error: new TypeError('terminated', { cause: withCode('Decompression failed', 'ERR__ERROR_FORMAT_PADDING_2') }), reason: 'Decompression failed' },
    { name: 'a string too long', error: withCode('Cannot create a string longer than 0x1fffffe8 characters', 'ERR_STRING_TOO_LONG'), reason: 'Cannot create a string longer than 0x1fffffe8 characters' },
    { name: 'a RangeError', error: new RangeError('Invalid string length'), reason: 'Invalid string length' },
    { name: 'a reset socket', error: new TypeError('terminated', { cause: withCode('other side closed', 'UND_ERR_SOCKET') }), reason: undefined },
    { name: 'a reset with an errno code', error: withCode('read ECONNRESET', 'ECONNRESET'), reason: undefined },
    { name: 'an abort', error: new DOMException('This operation was aborted', 'AbortError'), reason: undefined },
    { name: 'a thrown string', error: 'Z_DATA_ERROR', reason: undefined },
    { name: 'null', error: null, reason: undefined },
  ])('classifies $name', ({ error, reason }) => {
    expect(describeDecodeFailure(error)).toBe(reason);
  });
});
