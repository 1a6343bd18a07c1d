/**
 * `@agnes/release-check` (private): the contract bump gate, and the helpers that build and pack
 * the published packages for the release tests.
 */
export { checkContractBump, formatBumpGate, type BumpGateOptions, type BumpGateResult } from './bump-gate.ts';
export { buildPackage, needsBuild, packPackage, type PackedPackage } from './pack.ts';
export {
  CONTRACT_PACKAGE,
  CONTRACT_SNAPSHOTS,
  PUBLISHED_PACKAGES,
  WORKSPACE_ROOT,
  type PublishedPackage,
} from './published-packages.ts';
export { setRegistryVersion } from './registry-version.ts';
