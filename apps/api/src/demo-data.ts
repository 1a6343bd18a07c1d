/** The demo credentials of the example service, listed in its README. Only their hashes are stored. */

/** A demo API key and what it may do. */
export interface DemoApiKey {
  /** Id of the key, logged in place of the key itself. */
  id: string;
  key: string;
  tenantId: 'acme' | 'globex';
  scopes: readonly string[];
  /** The user that the key acts for, when it stands for a signed-in user. */
  userId?: string;
  emailVerified: boolean;
}

const ALL_POLICY_SCOPES = ['policy:read', 'policy:write', 'policy:delete'];

export const DEMO_API_KEYS: readonly DemoApiKey[] = [
  { id: 'key_acme_read', key: 'agnes_demo_read', tenantId: 'acme', scopes: ['policy:read'], emailVerified: true },
  { id: 'key_acme_admin', key: 'agnes_demo_admin', tenantId: 'acme', scopes: ALL_POLICY_SCOPES, emailVerified: true },
  { id: 'key_acme_unverified', key: 'agnes_demo_unverified', tenantId: 'acme', scopes: ALL_POLICY_SCOPES, userId: 'usr_acme_new', emailVerified: false },
  { id: 'key_globex_admin', key: 'agnes_demo_globex', tenantId: 'globex', scopes: ALL_POLICY_SCOPES, emailVerified: true },
];
