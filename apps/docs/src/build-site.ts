/** Builds the static site: stage the sources, then run the VitePress build. */
import { build } from 'vitepress';
import { stageSite, type StageSiteOptions, type StagedSite } from './stage-site.ts';

/** Options of `buildSite`. */
export interface BuildSiteOptions extends StageSiteOptions {
  /** Folder of the built site. */
  outDir: string;
}

/**
 * Stages the site and builds it into `outDir` with VitePress.
 *
 * @throws {DocsRenderError} when the registry's docs text would make a broken page; nothing is built then.
 */
export async function buildSite(options: BuildSiteOptions): Promise<StagedSite> {
  const staged = stageSite(options);
  await build(options.stageDir, { outDir: options.outDir });
  return staged;
}
