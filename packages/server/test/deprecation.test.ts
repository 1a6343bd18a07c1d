/** Deprecated codes: the renderer notifies `onDeprecatedCode` once per code, and adapters log it with pino. */
import { agnesRegistry, defineRegistry } from '@agnes/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agnesFailureCodes,
  AgnesError,
  ContractError,
  createAgnesRenderer,
  createErrorRenderer,
  type DeprecatedCodeNotice,
} from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';

function recordingRenderer() {
  const notices: DeprecatedCodeNotice[] = [];
  const renderer = createAgnesRenderer({ onDeprecatedCode: (notice) => notices.push(notice) });
  return { renderer, notices };
}

describe('onDeprecatedCode', () => {
  it('reports a deprecated code once', () => {
    const { renderer, notices } = recordingRenderer();
    for (const requestId of ['req-1', 'req-2', 'req-3']) {
      renderer.render(new AgnesError('session_expired', {}), { requestId });
    }

    expect(notices).toEqual([
      {
        code: 'session_expired',
        since: '0.1.0',
        replacement: 'token_expired',
        request_id: 'req-1',
        message: 'Sent deprecated code session_expired (deprecated since 0.1.0); throw token_expired instead',
      },
    ]);
  });

  it('ignores codes that are not deprecated', () => {
    const { renderer, notices } = recordingRenderer();
    renderer.render(new AgnesError('token_expired', { expired_at: '2026-10-21T07:28:00Z' }), { requestId: 'req-1' });
    renderer.render(new Error('boom'), { requestId: 'req-2' });

    expect(notices).toEqual([]);
  });

  it('reports each renderer separately', () => {
    const first = recordingRenderer();
    const second = recordingRenderer();
    first.renderer.render(new AgnesError('session_expired', {}), { requestId: 'req-1' });
    second.renderer.render(new AgnesError('session_expired', {}), { requestId: 'req-2' });

    expect(first.notices.map((notice) => notice.request_id)).toEqual(['req-1']);
    expect(second.notices.map((notice) => notice.request_id)).toEqual(['req-2']);
  });

  it('omits the replacement when there is none', () => {
    const entries = { ...agnesRegistry.entries, session_expired: { ...agnesRegistry.entries.session_expired, deprecated: { since: '0.1.0' } } };
    const registry = defineRegistry({ version: agnesRegistry.version, domains: [entries], families: agnesRegistry.families });
    const notices: DeprecatedCodeNotice[] = [];
    const renderer = createErrorRenderer({ registry, codes: agnesFailureCodes, onDeprecatedCode: (notice) => notices.push(notice) });
    renderer.render(new ContractError(registry, 'session_expired', {}), { requestId: 'req-1' });

    expect(notices).toEqual([
      { code: 'session_expired', since: '0.1.0', request_id: 'req-1', message: 'Sent deprecated code session_expired (deprecated since 0.1.0)' },
    ]);
  });

  it('keeps the response when the listener throws', () => {
    const logs = captureLogs();
    const renderer = createAgnesRenderer({
      onDeprecatedCode: () => {
        throw new Error('listener broke');
      },
    });
    const rendered = renderer.render(new AgnesError('session_expired', {}), { requestId: 'req-1', logger: logs.logger });
    const failure = logs.lines().find((line) => line.msg === 'The onDeprecatedCode listener failed');

    expect(rendered.status).toBe(401);
    expect(rendered.body.code).toBe('session_expired');
    expect(failure).toMatchObject({ level: LEVEL.error, request_id: 'req-1', code: 'session_expired' });
  });
});

describe.each(APP_KINDS)('%s adapter deprecation warning', (kind) => {
  let app: RunningApp;
  const logs = captureLogs();

  beforeAll(async () => {
    const renderer = createAgnesRenderer({ onDeprecatedCode: (notice) => logs.logger.warn(notice, notice.message) });
    app = await startApp(kind, { renderer, logger: logs.logger, valueFor: () => new AgnesError('session_expired', { user_id: 'user_42' }) });
  });
  afterAll(() => app.close());

  it('logs one warn line per code', async () => {
    const first = await send(app.url, 'GET', '/throw', { headers: { 'x-case': 'deprecated' } });
    await send(app.url, 'GET', '/throw', { headers: { 'x-case': 'deprecated' } });
    const warnings = logs.lines().filter((line) => line.level === LEVEL.warn);

    expect(first.status).toBe(401);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'session_expired', replacement: 'token_expired', request_id: first.body.request_id });
  });
});
