/** Where the tests find the built site, and the build they run when it is missing. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { agnesRegistry } from '@agnes/errors';
import { AGNES_SITE, agnesRequiredParams, buildSite, CONTENT_DIR } from '../src/index.ts';

const appDir = fileURLToPath(new URL('..', import.meta.url));

/** Folder of the built Agnes site, the one `pnpm build` makes. */
export const DIST_DIR = `${appDir}dist`;

/** Folder where the browser tests save screenshots. */
export const RESULTS_DIR = `${appDir}test-results`;

/**
 * Builds the Agnes site when no build exists, so that the tests also run
 * without turbo. NOTE: an existing build is used as it is, even if it is older
 * than the sources; `pnpm test` rebuilds it first through turbo.
 */
export default async function ensureBuiltSite(): Promise<void> {
  if (existsSync(`${DIST_DIR}/index.html`)) return;
  await buildSite({
    registry: agnesRegistry,
    contentDir: CONTENT_DIR,
    stageDir: `${appDir}.site`,
    outDir: DIST_DIR,
    site: AGNES_SITE,
    requiredParams: agnesRequiredParams(),
  });
}
