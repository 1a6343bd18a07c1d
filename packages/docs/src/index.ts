/**
 * `@agnes/errors-docs`: renders the error docs of any registry built with the
 * `@agnes/errors` define helpers. One Markdown page per code in the layout of
 * the published reference page, an index by status, llms.txt and llms-full.txt.
 */
export {
  renderDocs,
  type RenderDocsOptions,
  type RenderedDocs,
  type RenderedPage,
} from './render-docs.ts';
export { DocsRenderError, type DocsIssue } from './docs-error.ts';
export { errorPagePath } from './error-page.ts';
export { INDEX_PAGE_PATH } from './index-page.ts';
export type { LlmsLink, LlmsSection, SiteSummary } from './llms-text.ts';
export { statusLine } from './reason-phrases.ts';
export { METHODS_RETRIED_ONLY_WITH_KEY, SDK_RETRY_AFTER_LIMIT_SECONDS } from './retry-sentence.ts';
