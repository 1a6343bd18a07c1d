/** The authentication hook over a real Fastify server: email verification applies to users only. */
import Fastify from 'fastify';
import { errorsPlugin, errorsServerOptions } from '@agnes/errors-server/fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthHook } from '../src/auth.ts';
import { hashApiKey, openDatabase } from '../src/database.ts';
import { RateLimiter } from '../src/rate-limit.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('authentication of a credential whose email flag is not set', () => {
  it.each([
    ['an API key, which has no user', null, 200, undefined],
    ['a user token', 'usr_7', 403, 'email_not_verified'],
  ])('checks email verification of %s', async (_name, userId, status, code) => {
    const database = openDatabase(':memory:');
    database
      .prepare('INSERT INTO api_keys (id, key_hash, tenant_id, scopes, user_id, email_verified) VALUES (?, ?, ?, ?, ?, 0)')
      .run('key_flagged', hashApiKey('agnes_test_flagged'), 'acme', 'policy:read', userId);
    const app = Fastify({ ...errorsServerOptions() });
    await app.register(errorsPlugin);
    app.addHook('onRequest', createAuthHook(database, { perKey: new RateLimiter(100), failuresPerAddress: new RateLimiter(100) }));
    app.get('/whoami', async () => ({ ok: true }));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = async () => {
      await app.close();
      database.close();
    };

    const response = await fetch(`${url}/whoami`, { headers: { authorization: 'Bearer agnes_test_flagged' } });
    const body = (await response.json()) as { code?: string };

    expect(response.status).toBe(status);
    expect(body.code).toBe(code);
  });
});
