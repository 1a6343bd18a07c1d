/**
 * The charset of JSON request bodies: UTF-8 and US-ASCII labels are read, any other label is
 * rejected before the body is read, and bytes that are not valid UTF-8 are rejected before parsing.
 */
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
    // Node's MIMEType rejects the spaces around `=`, but Fastify parses this body as JSON, so only
    // the byte check applies to it.
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

  it.each<{ name: string; contentType: string; body: Uint8Array<ArrayBuffer> }>([
    { name: 'Latin-1 without a charset', contentType: 'application/json', body: latin1Bytes('{"name":"x-é"}') },
    { name: 'Latin-1 as utf-8', contentType: 'application/json; charset=utf-8', body: latin1Bytes('{"name":"x-é"}') },
    { name: 'Latin-1 as us-ascii', contentType: 'application/json; charset=us-ascii', body: latin1Bytes('{"name":"x-é"}') },
    { name: 'Latin-1 with spaces around =', contentType: 'application/json ; charset = latin1', body: latin1Bytes('{"name":"x-é"}') },
    { name: 'Latin-1 with an empty charset', contentType: 'application/json; charset=', body: latin1Bytes('{"name":"x-é"}') },
    { name: 'Latin-1 with two charsets', contentType: 'application/json; charset=utf-8; charset=latin1', body: latin1Bytes('{"name":"x-é"}') },
    { name: 'Latin-1 after a UTF-8 BOM', contentType: 'application/json', body: Uint8Array.from([0xef, 0xbb, 0xbf, ...latin1Bytes('{"name":"x-é"}')]) },
    { name: 'UTF-16LE with its BOM', contentType: 'application/json', body: Uint8Array.from([0xff, 0xfe, ...[...'{"name":"x"}'].flatMap((c) => [c.charCodeAt(0), 0])]) },
    // ED A0 80 encodes the surrogate U+D800, which UTF-8 does not allow.
    { name: 'an encoded surrogate', contentType: 'application/json', body: Uint8Array.from([...latin1Bytes('{"name":"x-'), 0xed, 0xa0, 0x80, ...latin1Bytes('"}')]) },
  ])('rejects $name', async ({ contentType, body }) => {
    const response = await sendBytes(service, 'POST', '/v1/policies', contentType, body);
    const list = await fetch(new URL('/v1/policies', service.url), { headers: ADMIN }).then((answer) => answer.text());

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('bad_request');
    expect(response.body.detail).toBe(
      'The request could not be parsed: the body is not valid UTF-8. Send the body in UTF-8, with charset=utf-8 or without a charset.',
    );
    expect(envelopeProblems(response)).toEqual([]);
    expect(list).not.toContain('"x-');
  });

  it('rejects a Latin-1 PATCH body without a charset', async () => {
    const response = await sendBytes(service, 'PATCH', '/v1/policies/pol_1', 'application/json', latin1Bytes('{"description":"é"}'));
    const policy = await fetch(new URL('/v1/policies/pol_1', service.url), { headers: ADMIN }).then((answer) => answer.json() as Promise<Record<string, unknown>>);

    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('the body is not valid UTF-8');
    expect(policy.description).not.toContain('\uFFFD');
  });

  // RFC 8259 lets a parser ignore a byte order mark, and Fastify's JSON parser does.
  it('stores a UTF-8 body after a BOM without the BOM', async () => {
    const json = new TextEncoder().encode(JSON.stringify({ name: 'café with BOM' }));
    const response = await sendBytes(service, 'POST', '/v1/policies', 'application/json', Uint8Array.from([0xef, 0xbb, 0xbf, ...json]));

    expect(response.status).toBe(201);
    expect(response.body.name).toBe('café with BOM');
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

  // Node's MIMEType cannot parse this value, so no label check applies, but Fastify 5.12 reads the
  // body as JSON and not as a 415, and the byte check lets valid UTF-8 through.
  it('reads UTF-8 under "application/json ; charset = latin1"', async () => {
    const response = await sendBytes(service, 'POST', '/v1/policies', 'application/json ; charset = latin1', new TextEncoder().encode('{"name":"café spaces"}'));

    expect(response.status).toBe(201);
    expect(response.body.name).toBe('café spaces');
  });
});
