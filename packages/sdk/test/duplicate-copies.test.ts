/** Two copies of the package, as when a bundle and its host each load one: `instanceof` fails, `isAgnesError` works. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as original from '../src/index.ts';

type Sdk = typeof original;

let folder: string;
let copy: Sdk;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'agnes-sdk-copy-'));
  await cp(fileURLToPath(new URL('../src', import.meta.url)), path.join(folder, 'src'), { recursive: true });
  copy = (await import(pathToFileURL(path.join(folder, 'src', 'index.ts')).href)) as Sdk;
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const FORBIDDEN = { detail: 'no', code: 'forbidden', request_id: 'r', doc_url: 'https://docs.lasscyber.com/errors/forbidden' };

describe('duplicate copies of the package', () => {
  it('are separate classes', () => {
    expect(copy.PermissionError).not.toBe(original.PermissionError);
  });

  it('recognise each other through isAgnesError', async () => {
    const response = new Response(JSON.stringify(FORBIDDEN), { status: 403, headers: { 'content-type': 'application/json' } });
    const error = await copy.errorFromResponse(response);

    expect(error).not.toBeInstanceOf(original.PermissionError);
    expect(error).not.toBeInstanceOf(original.AgnesError);
    expect(original.isAgnesError(error)).toBe(true);
    expect(original.isAgnesError(error, 'forbidden')).toBe(true);
    expect(original.isAgnesError(error, 'email_not_verified')).toBe(false);
  });

  it('recognise transport errors of the other copy', () => {
    expect(original.isAgnesError(new copy.APIConnectionError('reset'))).toBe(true);
    expect(copy.isAgnesError(new original.APIUserAbortError('stop'))).toBe(true);
  });
});

describe('isAgnesError', () => {
  it.each([
    { name: 'null', value: null },
    { name: 'a string', value: 'forbidden' },
    { name: 'a plain Error', value: new Error('forbidden') },
    { name: 'a look-alike object', value: { ...FORBIDDEN, isKnownCode: true, status: 403 } },
    { name: 'a brand that is not true', value: { [Symbol.for('@agnes/sdk.error')]: 'yes' } },
  ])('rejects $name', ({ value }) => {
    expect(original.isAgnesError(value)).toBe(false);
    expect(original.isAgnesError(value, 'forbidden')).toBe(false);
  });

  it('requires a known code to match a code', async () => {
    const response = new Response(JSON.stringify({ ...FORBIDDEN, code: 'forbidden' }), { status: 403, headers: { 'content-type': 'application/json' } });
    const error = await original.errorFromResponse(response);
    Object.defineProperty(error, 'isKnownCode', { value: false });
    expect(original.isAgnesError(error, 'forbidden')).toBe(false);
  });
});
