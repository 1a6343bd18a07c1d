/** The charset of JSON request bodies: UTF-8 and US-ASCII are read, any other is rejected before parsing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charsetOf } from '../src/json-charset.ts';
import { envelopeProblems, type ApiResponse, type RunningService, startService } from './support.ts';

const ADMIN = { authorization: 'Bearer agnes_demo_admin' };

/** Returns the ISO-8859-1 bytes of `text`, whose characters must all be below U+0100. */
function latin1Bytes(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}

/** Sends `body` as raw bytes with the given `Content-Type`, so that its charset is not UTF-8 by construction. */
async function sendBytes(service: RunningService, method: string, path: string, contentType: string, body: Uint8Array<ArrayBuffer>): Promise<ApiResponse> {
  const response = await fetch(new URL(path, service.url), { method, headers: { ...ADMIN, 'content-type': contentType }, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as Record<string, unknown> };
}

describe('charsetOf', () => {
  it.each<{ contentType: string | undefined; want: string | undefined }>([
    { contentType: 'application/json', want: undefined },
    { contentType: 'application/json; charset=utf-8', want: 'utf-8' },
    { contentType: 'application/json;Charset="ISO-8859-1"', want: 'iso-8859-1' },
    { contentType: 'application/json ; charset = latin1', want: undefined },
    { contentType: 'not a media type', want: undefined },
    { contentType: undefined, want: undefined },
  ])('$contentType', ({ contentType, want }) => {
    expect(charsetOf(contentType)).toBe(want);
  });
});

describe('JSON body charset', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService();
  });
  afterAll(() => service.close());

  it.each<{ contentType: string; named: string }>([
    { contentType: 'application/json; charset=iso-8859-1', named: 'the charset "iso-8859-1"' },
    { contentType: 'application/json; charset=ISO-8859-1', named: 'the charset "iso-8859-1"' },
    { contentType: 'application/json; charset="iso-8859-1"', named: 'the charset "iso-8859-1"' },
    { contentType: 'application/json; charset=windows-1252', named: 'the charset "windows-1252"' },
    { contentType: 'application/json; charset=utf-16', named: 'the charset "utf-16"' },
    { contentType: `application/json; charset=${'x'.repeat(65)}`, named: 'the charset of the body' },
  ])('rejects $contentType', async ({ contentType, named }) => {
    const name = `latin-${contentType.length}-café`;
    const response = await sendBytes(service, 'POST', '/v1/policies', contentType, latin1Bytes(JSON.stringify({ name })));
    const list = await fetch(new URL('/v1/policies', service.url), { headers: ADMIN }).then((answer) => answer.text());

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('bad_request');
    expect(response.body.detail).toBe(
      `The request could not be parsed: ${named} is not supported. Send the body in UTF-8, with charset=utf-8 or without a charset.`,
    );
    expect(envelopeProblems(response)).toEqual([]);
    expect(list).not.toContain('latin-');
  });

  it('rejects a Latin-1 PATCH body', async () => {
    const response = await sendBytes(service, 'PATCH', '/v1/policies/pol_1', 'application/json; charset=latin1', latin1Bytes('{"description":"é"}'));

    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('the charset "latin1" is not supported');
  });

  it.each<{ charset: string; name: string }>([
    { charset: 'utf-8', name: 'café utf-8' },
    { charset: 'UTF-8', name: 'café UTF-8' },
    { charset: '"utf-8"', name: 'café quoted' },
    { charset: 'utf8', name: 'café utf8' },
    { charset: 'us-ascii', name: 'plain us-ascii' },
  ])('stores a body with charset=$charset', async ({ charset, name }) => {
    const response = await sendBytes(service, 'POST', '/v1/policies', `application/json; charset=${charset}`, new TextEncoder().encode(JSON.stringify({ name })));

    expect(response.status).toBe(201);
    expect(response.body.name).toBe(name);
  });
});
