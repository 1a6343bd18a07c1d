/** Closing the service while a request on a keep-alive connection is in progress. */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { call, holdFirstCreation, startService } from './support.ts';

/** Time allowed for the close, in milliseconds, far below the 72 s keep-alive timeout of Fastify 5. */
const CLOSE_WAIT_MS = 5_000;

/** Resolves once `url` refuses new connections, which Fastify's close does after its `preClose` hooks. */
async function untilRefused(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  for (let attempt = 0; attempt < 250; attempt += 1) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), hostname);
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} still accepts connections after 250 attempts`);
}

describe('closing the service', () => {
  it('ends the keep-alive connection of a request in progress', async () => {
    const { gate, arrived, releaseFirst } = holdFirstCreation();
    const service = await startService({}, gate);
    const pending = call(service, 'POST', '/v1/policies', { key: 'agnes_demo_admin', body: { name: 'during-close' } });
    await arrived;

    const closed = service.close().then(() => 'closed' as const);
    await untilRefused(service.url);
    releaseFirst();
    const response = await pending;
    const timeout = new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), CLOSE_WAIT_MS).unref());

    expect(response.status).toBe(201);
    expect(response.headers.get('connection')).toBe('close');
    expect(await Promise.race([closed, timeout])).toBe('closed');
  });
});
