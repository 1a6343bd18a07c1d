/** JSON Schemas of the policy routes; Fastify validates bodies against them and sends 422 for invalid fields. */

const RULE = {
  type: 'object',
  additionalProperties: false,
  required: ['action', 'resource'],
  properties: {
    action: { enum: ['allow', 'deny'] },
    resource: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

const FIELDS = {
  name: { type: 'string', minLength: 1, maxLength: 64 },
  description: { type: 'string', maxLength: 500 },
  rules: { type: 'array', maxItems: 50, items: RULE },
} as const;

export const CREATE_POLICY_BODY = { type: 'object', additionalProperties: false, required: ['name'], properties: FIELDS } as const;
export const UPDATE_POLICY_BODY = { type: 'object', additionalProperties: false, minProperties: 1, properties: FIELDS } as const;

export const POLICY_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/** A policy as the API returns it. */
export const POLICY = {
  type: 'object',
  required: ['id', 'name', 'description', 'rules', 'created_at', 'updated_at'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    rules: { type: 'array', items: RULE },
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
  },
} as const;

/** Fields of a create or update request. */
export interface PolicyInput {
  name?: string;
  description?: string;
  rules?: { action: 'allow' | 'deny'; resource: string }[];
}
