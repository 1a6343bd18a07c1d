/** A pino logger whose output the test reads back. */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

/** One parsed pino line. */
export interface LogLine {
  level: number;
  msg: string;
  request_id?: string;
  [key: string]: unknown;
}

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines(): LogLine[];
  /** Every line written so far, as written. */
  text(): string;
}

/** pino's numeric levels. */
export const LEVEL = { info: 30, warn: 40, error: 50 } as const;

/** Creates a pino logger at debug level that writes into memory. */
export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () => text().split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as LogLine),
  };
}
