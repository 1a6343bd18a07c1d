/** A logger that records the client's debug messages. */
import type { Logger } from '../../src/index.ts';

export interface LogEntry {
  message: string;
  fields: Record<string, unknown>;
}

export interface RecordingLogger extends Logger {
  entries: LogEntry[];
}

export function recordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  return {
    entries,
    debug(fields, message) {
      entries.push({ message, fields });
    },
  };
}
