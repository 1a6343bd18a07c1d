/** The Agnes site's name and the folder of its hand-written pages. */
import { fileURLToPath } from 'node:url';
import type { SiteSummary } from '@agnes/errors-docs';

/** Name and summary of the Agnes docs, for page titles, the error index and llms.txt. */
export const AGNES_SITE: SiteSummary = {
  title: 'Agnes API',
  summary: 'Guides to tenants, users, API keys and API conventions, and the reference of every error code the Agnes API sends.',
};

/** Folder of the site's hand-written pages. */
export const CONTENT_DIR = fileURLToPath(new URL('../content/', import.meta.url));
