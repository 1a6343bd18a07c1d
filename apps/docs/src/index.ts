/**
 * The Agnes docs site build, as functions: tests and the docs benchmark build
 * sites from other registries with them.
 */
export { buildSite, type BuildSiteOptions } from './build-site.ts';
export { readContentPages, type ContentPage } from './content-pages.ts';
export { AGNES_SITE, agnesRequiredParams, CONTENT_DIR } from './agnes-site.ts';
export { stageSite, type StageSiteOptions, type StagedSite } from './stage-site.ts';
