/**
 * Two copies of this package and of the core, as in a process that loads both the ESM and the
 * CommonJS build. `instanceof` fails across the copies, yet the renderer of each copy sends the
 * contract errors of the other with their own code, status, params and headers.
 */
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { agnesRegistry } from '@agnes/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as original from '../src/index.ts';
import { APP_KINDS, startApp, type RunningApp } from './apps/index.ts';
import { send } from './support/http.ts';
import { captureLogs, LEVEL } from './support/logs.ts';
import { envelopeSchemaErrors } from './support/schema.ts';
import { shopFailureCodes, shopRegistry } from './support/synthetic-registry.ts';

type Server = typeof original;
type Core = typeof import('@agnes/errors');

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const CORE_DIR = realpathSync(path.join(SERVER_DIR, 'node_modules', '@agnes', 'errors'));

let folder: string;
let copy: Server;
let copyCore: Core;

/**
 * Copies the sources of the server and the core into a temporary folder, where the server copy
 * resolves `@agnes/errors` to the core copy, and imports both. Every module of the copies is a new
 * module instance, so the classes, the brand check and the registry objects are separate.
 */
beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'agnes-server-copy-'));
  for (const [from, to] of [[CORE_DIR, 'core'], [SERVER_DIR, 'server']] as const) {
    cpSync(path.join(from, 'src'), path.join(folder, to, 'src'), { recursive: true });
    cpSync(path.join(from, 'package.json'), path.join(folder, to, 'package.json'));
  }
  cpSync(path.join(CORE_DIR, 'generated'), path.join(folder, 'core', 'generated'), { recursive: true });
  mkdirSync(path.join(folder, 'server', 'node_modules', '@agnes'), { recursive: true });
  symlinkSync(path.join(folder, 'core'), path.join(folder, 'server', 'node_modules', '@agnes', 'errors'), 'dir');
  // The server copy checks params with the workspace's Ajv, which is not part of what the test copies.
  for (const name of ['ajv', 'ajv-formats']) {
    symlinkSync(realpathSync(path.join(SERVER_DIR, 'node_modules', name)), path.join(folder, 'server', 'node_modules', name), 'dir');
  }

  copy = (await import(pathToFileURL(path.join(folder, 'server', 'src', 'index.ts')).href)) as Server;
  copyCore = (await import(pathToFileURL(path.join(folder, 'core', 'src', 'index.ts')).href)) as Core;
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const context = { requestId: 'req-1', method: 'GET', path: '/policies/7' };

describe('copies of the package', () => {
  it('have separate classes and registries', () => {
    const error = new copy.AgnesError('forbidden', { scope: 'policy:delete' });

    expect(copy.ContractError).not.toBe(original.ContractError);
    expect(error).not.toBeInstanceOf(original.ContractError);
    expect(copyCore.agnesRegistry).not.toBe(agnesRegistry);
    expect(error.registry).toBe(copyCore.agnesRegistry);
  });

  it('recognise each other through isContractError', () => {
    expect(original.isContractError(new copy.AgnesError('forbidden', { scope: 'policy:delete' }))).toBe(true);
    expect(copy.isContractError(new original.AgnesError('forbidden', { scope: 'policy:delete' }))).toBe(true);
  });

  it('recognise errors of another registry', () => {
    const ShopError = copy.createErrorClass(shopRegistry, { name: 'ShopError' });

    expect(original.isContractError(new ShopError('out_of_stock', { sku: 'B-7' }))).toBe(true);
  });
});

/** A contract error thrown by one copy, and what the renderer of the other copy must send for it. */
interface CrossCopyCase {
  name: string;
  throwWith: (errors: Server) => unknown;
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

const CROSS_COPY_CASES: CrossCopyCase[] = [
  {
    name: 'forbidden with an internal param',
    throwWith: ({ AgnesError }) => new AgnesError('forbidden', { scope: 'policy:delete', credential_tenant_id: 'globex' }),
    status: 403,
    body: { code: 'forbidden', detail: 'Permission denied: missing scope policy:delete.', request_id: 'req-1' },
    headers: {},
  },
  {
    name: 'rate_limited with Retry-After',
    throwWith: ({ AgnesError }) => new AgnesError('rate_limited', { retry_after: 12, limit_name: 'burst' }),
    status: 429,
    body: { code: 'rate_limited', retry_after: 12 },
    headers: { 'retry-after': '12' },
  },
  {
    name: 'unauthenticated with extra headers',
    throwWith: ({ AgnesError }) => new AgnesError('unauthenticated', {}, { headers: { 'WWW-Authenticate': 'Bearer' } }),
    status: 401,
    body: { code: 'unauthenticated' },
    headers: { 'www-authenticate': 'Bearer' },
  },
  {
    name: 'a detail override',
    throwWith: ({ AgnesError }) => new AgnesError('forbidden', { scope: 'policy:delete' }, { detail: 'Ask an admin for policy:delete.' }),
    status: 403,
    body: { code: 'forbidden', detail: 'Ask an admin for policy:delete.' },
    headers: {},
  },
];

const DIRECTIONS = [
  { name: 'original renderer, error of the copy', renderer: () => original, thrower: () => copy },
  { name: 'renderer of the copy, original error', renderer: () => copy, thrower: () => original },
];

describe.each(DIRECTIONS)('$name', ({ renderer: rendererPackage, thrower }) => {
  it.each(CROSS_COPY_CASES)('sends $name', ({ throwWith, status, body, headers }) => {
    const rendered = rendererPackage().createAgnesRenderer().render(throwWith(thrower()), context);

    expect(rendered.status).toBe(status);
    expect(rendered.body).toMatchObject(body);
    expect(rendered.headers).toMatchObject(headers);
    expect(envelopeSchemaErrors(rendered.body)).toEqual([]);
  });

  it('logs internal params without sending them', () => {
    const logs = captureLogs();
    const error = new (thrower().AgnesError)('forbidden', { scope: 'policy:delete', credential_tenant_id: 'globex' });
    const rendered = rendererPackage().createAgnesRenderer().render(error, { ...context, logger: logs.logger });

    expect(rendered.json).not.toContain('globex');
    expect(logs.lines()).toMatchObject([{ level: LEVEL.info, code: 'forbidden', status: 403, params: { credential_tenant_id: 'globex' } }]);
  });
});

describe('error of the other copy with a code outside the registry', () => {
  it('is masked as the internal code', () => {
    const logs = captureLogs();
    const renderer = original.createErrorRenderer({ registry: shopRegistry, codes: shopFailureCodes });
    const rendered = renderer.render(new copy.AgnesError('forbidden', { scope: 'policy:delete' }), { ...context, logger: logs.logger });

    expect(rendered.status).toBe(500);
    expect(rendered.body.code).toBe('oops');
    expect(logs.lines()[0]?.msg).toBe("Contract error forbidden is not in this renderer's registry; sent oops (500)");
  });
});

describe.each(APP_KINDS)('%s adapter with an error of the other copy', (kind) => {
  let app: RunningApp;

  beforeAll(async () => {
    const valueFor = () => new copy.AgnesError('forbidden', { scope: 'policy:delete' });
    app = await startApp(kind, { renderer: original.createAgnesRenderer(), logger: captureLogs().logger, valueFor });
  });
  afterAll(() => app.close());

  it('sends its code and status', async () => {
    const response = await send(app.url, 'GET', '/throw', { headers: { 'x-case': 'copy' } });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'forbidden', detail: 'Permission denied: missing scope policy:delete.' });
    expect(envelopeSchemaErrors(response.body)).toEqual([]);
  });
});
