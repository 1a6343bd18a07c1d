/** Explanations of `listen` failures, by system error code. */
import { describe, expect, it } from 'vitest';
import { explainListenError } from '../src/listen.ts';

/** Builds an error shaped like the ones Node's `listen` and `dns.lookup` reject with. */
function systemError(code: string, syscall: string): Error {
  return Object.assign(new Error(`${syscall} ${code}`), { code, syscall });
}

interface ListenFailureCase {
  code: string;
  syscall: string;
  host: string;
  port: number;
  /** Parts that the explanation must contain: the variable and its value, the cause and the fix. */
  expected: string[];
}

describe('explainListenError', () => {
  it.each<ListenFailureCase>([
    { code: 'EADDRINUSE', syscall: 'listen', host: '127.0.0.1', port: 3000, expected: ['PORT 3000', 'already in use', 'set PORT to a free port'] },
    { code: 'EACCES', syscall: 'listen', host: '127.0.0.1', port: 80, expected: ['PORT 80', 'permission denied', 'set PORT to 1024 or above'] },
    { code: 'EADDRNOTAVAIL', syscall: 'listen', host: '::2', port: 3000, expected: ['HOST "::2"', 'not one of this machine', 'set HOST to an address'] },
    { code: 'ENOTFOUND', syscall: 'getaddrinfo', host: 'api.example.invalid', port: 3000, expected: ['HOST "api.example.invalid"', 'no address', 'set HOST to an IP address'] },
    { code: 'EAI_AGAIN', syscall: 'getaddrinfo', host: 'api.example.test', port: 3000, expected: ['HOST "api.example.test"', 'failed temporarily', 'retry'] },
  ])('explains $code', ({ code, syscall, host, port, expected }) => {
    const message = explainListenError(systemError(code, syscall), { host, port });

    expect(message).toMatch(/^Cannot listen on HOST ".+" and PORT \d+: /);
    for (const part of expected) expect(message).toContain(part);
    expect(message).toContain(`(${code})`);
  });

  it.each([
    { name: 'another system error', error: systemError('EMFILE', 'listen') },
    { name: 'an error without a code', error: new Error('listen failed') },
    { name: 'a thrown string', error: 'EADDRINUSE' },
  ])('leaves $name unexplained', ({ error }) => {
    expect(explainListenError(error, { host: '127.0.0.1', port: 3000 })).toBeUndefined();
  });
});
