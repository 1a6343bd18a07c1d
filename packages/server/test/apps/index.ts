import { startExpressApp } from './express-app.ts';
import { startFastifyApp } from './fastify-app.ts';
import { startHonoApp } from './hono-app.ts';
import type { AppKind, RunningApp, TestAppOptions } from './types.ts';

export { BODY_LIMIT, type AppKind, type RunningApp, type TestAppOptions } from './types.ts';

/** Every adapter under test. */
export const APP_KINDS: readonly AppKind[] = ['fastify', 'express', 'hono'];

/** Starts the test application of one framework. */
export function startApp(kind: AppKind, options: TestAppOptions): Promise<RunningApp> {
  if (kind === 'fastify') return startFastifyApp(options);
  if (kind === 'express') return startExpressApp(options);
  return startHonoApp(options);
}
