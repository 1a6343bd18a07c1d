// The CommonJS half of the mixed-builds consumer: tsc turns this import into
// `require('@agnes/errors-server')`, which loads the package's CommonJS build.
import { AgnesError } from '@agnes/errors-server';

/** Throws a `forbidden` error made by the CommonJS build. */
export function denyPolicyDelete(): never {
  throw new AgnesError('forbidden', { scope: 'policy:delete' });
}
