/**
 * The destination of the service's log lines: a Node stream such as `process.stdout`, written
 * without ever blocking the process.
 *
 * pino's default destination (sonic-boom 4.2 in asynchronous mode) writes its buffer
 * synchronously when the process exits, and retries a write that fails with EPIPE every 100 ms
 * without end. A service whose stdout reader had exited therefore never finished exiting and
 * ignored every later signal. A Node stream reports EPIPE as an `error` event, and
 * `process.exit` does not wait for lines still queued for a pipe.
 */
import type { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';

/** A pino destination that reports, once, that its stream can no longer be written. */
export interface LogOutput extends DestinationStream {
  /** Calls `listener` with the write error once the stream fails; later lines are dropped. */
  onBroken(listener: (error: Error) => void): void;
}

/**
 * Creates a log destination on `stream`. After the first write error, such as EPIPE once the
 * reader of a pipe has exited, lines are dropped, because a broken pipe does not recover.
 *
 * NOTE: lines wait in memory while a living reader does not read, so a reader that stops
 * reading without exiting makes the process grow.
 */
export function createLogOutput(stream: Writable): LogOutput {
  let broken: Error | undefined;
  const listeners: ((error: Error) => void)[] = [];

  const fail = (error: unknown): void => {
    if (broken !== undefined) return;
    broken = error instanceof Error ? error : new Error(String(error));
    for (const listener of listeners.splice(0)) listener(broken);
  };
  stream.on('error', fail);

  return {
    write(line: string): void {
      // A failed write, such as ENOSPC on a file, arrives as the stream's `error` event.
      if (broken === undefined) stream.write(line);
    },
    onBroken(listener: (error: Error) => void): void {
      if (broken === undefined) listeners.push(listener);
      else listener(broken);
    },
  };
}
