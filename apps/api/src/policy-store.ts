/** Policies of the tenants, stored in SQLite. */
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { PolicyInput } from './policy-schemas.ts';

/** A policy as stored, with its tenant. */
export interface Policy {
  id: string;
  tenantId: string;
  name: string;
  description: string;
  rules: { action: 'allow' | 'deny'; resource: string }[];
  created_at: string;
  updated_at: string;
}

interface PolicyRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string;
  rules: string;
  created_at: string;
  updated_at: string;
}

function policyOf(row: PolicyRow): Policy {
  const { tenant_id, rules, ...rest } = row;
  return { ...rest, tenantId: tenant_id, rules: JSON.parse(rules) as Policy['rules'] };
}

/** Returns a policy without its tenant, as the API sends it. */
export function publicPolicy(policy: Policy): Omit<Policy, 'tenantId'> {
  const { tenantId: _tenantId, ...rest } = policy;
  return rest;
}

/** Reads and writes policies. */
export class PolicyStore {
  readonly #database: DatabaseSync;

  constructor(database: DatabaseSync) {
    this.#database = database;
  }

  /** Lists the policies of a tenant, oldest first. */
  list(tenantId: string): Policy[] {
    const rows = this.#database.prepare('SELECT * FROM policies WHERE tenant_id = ? ORDER BY created_at, id').all(tenantId);
    return (rows as unknown as PolicyRow[]).map(policyOf);
  }

  /** Finds a policy of any tenant; callers check the tenant. */
  find(id: string): Policy | undefined {
    const row = this.#database.prepare('SELECT * FROM policies WHERE id = ?').get(id) as unknown as PolicyRow | undefined;
    return row ? policyOf(row) : undefined;
  }

  /** Finds the policy of a tenant with a name. */
  findByName(tenantId: string, name: string): Policy | undefined {
    const row = this.#database.prepare('SELECT * FROM policies WHERE tenant_id = ? AND name = ?').get(tenantId, name) as unknown as PolicyRow | undefined;
    return row ? policyOf(row) : undefined;
  }

  create(tenantId: string, input: PolicyInput & { name: string }): Policy {
    const now = new Date().toISOString();
    const id = `pol_${randomBytes(6).toString('hex')}`;
    this.#database
      .prepare('INSERT INTO policies (id, tenant_id, name, description, rules, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, tenantId, input.name, input.description ?? '', JSON.stringify(input.rules ?? []), now, now);
    return this.find(id) as Policy;
  }

  update(policy: Policy, input: PolicyInput): Policy {
    const next = { ...policy, ...input, updated_at: new Date().toISOString() };
    this.#database
      .prepare('UPDATE policies SET name = ?, description = ?, rules = ?, updated_at = ? WHERE id = ?')
      .run(next.name, next.description, JSON.stringify(next.rules), next.updated_at, policy.id);
    return this.find(policy.id) as Policy;
  }

  delete(id: string): void {
    this.#database.prepare('DELETE FROM policies WHERE id = ?').run(id);
  }
}
