/**
 * Sizes of the log line of large thrown values, with and without the bounds of the server package.
 * Each value is rendered as a masked 500 by the Agnes renderer, which logs it through a pino logger
 * (Fastify's) that writes into memory. The unbounded size is the line that the same logger writes
 * when given the value directly. Run with `pnpm bench:server:log-lines`.
 */
import { Writable } from 'node:stream';
import { createAgnesRenderer } from '@agnes/errors-server';
import Fastify from 'fastify';

const LONG = 16_000;

/** Returns `error` with `count` enumerable string members of `length` characters of `fill`. */
function withMembers<E extends Error>(error: E, count = 50, fill = 'm', length = LONG): E {
  for (let index = 0; index < count; index += 1) Object.assign(error, { [`field_${index}`]: fill.repeat(length) });
  return error;
}

/** Builds an error of 50 long string members whose `errors` array and cause carry as many long strings. */
function manyStringsError(name: string): Error {
  const cause = withMembers(new Error(`${name} cause`));
  return withMembers(new AggregateError(Array.from({ length: 50 }, () => 'e'.repeat(LONG)), name, { cause }));
}

/** Builds 99 errors of about 100 long strings each, about the maximum that the limits on errors and members let through. */
function worstCase(): Error {
  const children = Array.from({ length: 49 }, (_, index) => manyStringsError(`replica ${index}`));
  const cause = withMembers(new Error('top cause'));
  return withMembers(new AggregateError([...children, 'e'.repeat(LONG)], 'every replica failed', { cause }));
}

const CASES: ReadonlyArray<readonly [string, () => unknown]> = [
  ['Error with 50 string members of 16,000 characters', () => withMembers(new Error('query failed'))],
  ['AggregateError of 50 such errors', () => new AggregateError(Array.from({ length: 50 }, () => withMembers(new Error('replica failed'))), 'all failed')],
  ['99 errors of about 100 strings of 16,000 characters', worstCase],
  ['Error with 50 members of 16,000 control characters (6 bytes each in JSON)', () => withMembers(new Error('query failed'), 50, '\u0001')],
  ['Error with a stack of 2.8 million characters assigned by hand', () => Object.assign(new Error('query failed'), { stack: `Error: query failed\n${'    at frame (file.js:1:1)\n'.repeat(100_000)}` })],
  ['thrown string of 1 million characters', () => 'x'.repeat(1_000_000)],
  ['thrown object of 1,000 strings of 1,000 characters', () => ({ rows: Array.from({ length: 1_000 }, () => 'r'.repeat(1_000)) })],
  ['Error with 50 BigInt members of 15,001 digits', () => {
    const error = new Error('sums overflowed');
    for (let index = 0; index < 50; index += 1) Object.assign(error, { [`total_${index}`]: 10n ** 15_000n });
    return error;
  }],
  ['Error with an own toJSON that returns 1 million characters', () => Object.assign(new Error('query failed'), { toJSON: () => ({ x: 'T'.repeat(1_000_000) }) })],
];

/** Returns a pino logger (Fastify's) and a function that returns the bytes written since the last call. */
function memoryLogger() {
  let bytes = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream } });
  const takeBytes = () => {
    const written = bytes;
    bytes = 0;
    return written;
  };
  return { logger: app.log, takeBytes };
}

const { logger, takeBytes } = memoryLogger();
const renderer = createAgnesRenderer();
const rows: string[] = [];
for (const [name, make] of CASES) {
  const thrown = make();
  logger.error(thrown instanceof Error ? { err: thrown } : { thrown }, 'unbounded');
  const unbounded = takeBytes();
  renderer.render(thrown, { requestId: 'req-log-lines', logger });
  const bounded = takeBytes();
  rows.push(`| ${name} | ${unbounded.toLocaleString('en-US')} | ${bounded.toLocaleString('en-US')} |`);
}
process.stdout.write(['| thrown value | line bytes, unbounded | line bytes, logged by the renderer |', '| --- | ---: | ---: |', ...rows, ''].join('\n'));
