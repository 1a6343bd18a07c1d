/** The Agnes error catalog: every code that Agnes services send. */
import { defineRegistry } from '../define.ts';
import { authenticationErrors } from './authentication.ts';
import { bodyErrors } from './body.ts';
import { agnesFamilies } from './families.ts';
import { idempotencyErrors } from './idempotency.ts';
import { permissionErrors } from './permission.ts';
import { rateLimitErrors } from './rate-limit.ts';
import { requestErrors } from './request.ts';
import { resourceErrors } from './resource.ts';
import { serverErrors } from './server.ts';
import { validationErrors } from './validation.ts';

export const agnesRegistry = defineRegistry({
  version: '0.1.0',
  domains: [
    requestErrors,
    bodyErrors,
    authenticationErrors,
    permissionErrors,
    resourceErrors,
    idempotencyErrors,
    validationErrors,
    rateLimitErrors,
    serverErrors,
  ],
  families: agnesFamilies,
  tombstones: [
    {
      code: 'insufficient_scope',
      removedIn: '0.1.0',
      reason: 'merged into forbidden, whose detail names the missing scope',
    },
  ],
});

/** The type of the Agnes registry. */
export type AgnesRegistry = typeof agnesRegistry;
