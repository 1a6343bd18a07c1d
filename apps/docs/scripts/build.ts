/**
 * Builds the Agnes docs site into apps/docs/dist: renders the error pages of the
 * Agnes registry into apps/docs/.site, then runs the VitePress build.
 * With --stage-only it stops after staging, for `vitepress dev .site`.
 */
import { fileURLToPath } from 'node:url';
import { agnesRegistry } from '@agnes/errors';
import { DocsRenderError } from '@agnes/errors-docs';
import { AGNES_SITE, agnesRequiredParams, buildSite, CONTENT_DIR, stageSite } from '../src/index.ts';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const options = {
  registry: agnesRegistry,
  contentDir: CONTENT_DIR,
  stageDir: `${appDir}.site`,
  site: AGNES_SITE,
  requiredParams: agnesRequiredParams(),
};

try {
  if (process.argv.includes('--stage-only')) {
    stageSite(options);
  } else {
    await buildSite({ ...options, outDir: `${appDir}dist` });
  }
} catch (error) {
  if (!(error instanceof DocsRenderError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
