/**
 * CI gate: fails when the pending changesets bump the contract package by less than the contract
 * changes since the last release require, and names each change that needs a larger bump.
 *
 * Usage: node scripts/check-contract-bump.ts   (after codegen has written the current contract.json)
 */
import { CONTRACT_PACKAGE, CONTRACT_SNAPSHOTS, WORKSPACE_ROOT, checkContractBump, formatBumpGate } from '@agnes/release-check';

const result = await checkContractBump({ root: WORKSPACE_ROOT, ...CONTRACT_SNAPSHOTS, packageName: CONTRACT_PACKAGE });
const output = formatBumpGate(result);
if (result.ok) process.stdout.write(output);
else process.stderr.write(output);
process.exitCode = result.ok ? 0 : 1;
