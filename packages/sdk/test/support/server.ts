/**
 * A real HTTP server on 127.0.0.1 that replies from a script, counts the attempts and
 * records each request's method, path, headers and body.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, vi } from 'vitest';

/**
 * One scripted reply: a response, a connection dropped without one, or no reply at all.
 * A response with `cut` sends its headers and `body`, then stalls (`hang`) or resets
 * the connection (`reset`) instead of ending the body.
 */
export type ScriptedReply =
  | { status: number; headers?: Record<string, string>; body?: string; cut?: 'hang' | 'reset' }
  | { drop: true }
  | { hang: true };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `Date.now()` when the request arrived; fake timers make it the fake clock. */
  receivedAt: number;
}

export interface ScriptedServer {
  /** Base URL, such as `http://127.0.0.1:40123`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a server that sends `replies[n]` to the nth request, repeating the last reply once the script runs out. */
export async function startScriptedServer(replies: readonly ScriptedReply[]): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      });
      const reply = replies[Math.min(requests.length, replies.length) - 1]!;
      if ('drop' in reply) {
        request.socket.destroy();
        return;
      }
      if ('hang' in reply) return;
      response.writeHead(reply.status, reply.headers ?? {});
      if (reply.cut === undefined) {
        response.end(reply.body ?? '');
        return;
      }
      response.flushHeaders();
      response.write(reply.body ?? '', () => {
        if (reply.cut === 'reset') request.socket.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Builds a JSON reply with the given status, body and extra headers. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): ScriptedReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/**
 * Registers an `afterEach` hook that restores real timers and closes every server that the
 * returned function started. Call it once at the top level of a test file.
 */
export function useScriptedServers(): (...replies: ScriptedReply[]) => Promise<ScriptedServer> {
  const servers: ScriptedServer[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (...replies) => {
    const server = await startScriptedServer(replies);
    servers.push(server);
    return server;
  };
}
