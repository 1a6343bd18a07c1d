/** Node HTTP servers that a test file starts and closes after its tests. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A function that closes one started server, for a file's `afterAll`. */
export type Closer = () => Promise<void>;

/**
 * Waits until `server` listens and returns its base URL on 127.0.0.1. A closer that drops the
 * server's open connections and then closes it is added to `closers`.
 */
export async function listenedUrl(server: Server, closers: Closer[]): Promise<string> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  closers.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
