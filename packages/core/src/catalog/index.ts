/** The Agnes error catalog: every code that Agnes services send. */
import { defineRegistry } from '../define.ts';
import { agnesFamilies } from './families.ts';
import { permissionErrors } from './permission.ts';

export const agnesRegistry = defineRegistry({
  version: '0.1.0',
  domains: [permissionErrors],
  families: agnesFamilies,
  tombstones: [],
});

/** The type of the Agnes registry. */
export type AgnesRegistry = typeof agnesRegistry;
