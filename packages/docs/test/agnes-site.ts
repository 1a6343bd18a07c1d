/** The pages of the Agnes docs site that the catalog links to, as the site build lists them. */
export const AGNES_SITE_PAGES = [
  '/administration/roles-and-permissions',
  '/administration/api-keys',
  '/administration/users',
  '/administration/tenants',
  '/administration/rate-limits',
  '/api/idempotency',
  '/api/request-ids',
  '/api/errors',
];
