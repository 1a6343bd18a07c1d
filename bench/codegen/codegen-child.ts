/**
 * One timed codegen run for the benchmark: runs the real CLI entry in this
 * process, then prints the peak resident set size as JSON on stdout.
 */
import { main } from '../../packages/codegen/src/cli.ts';

const config = process.argv[2];
if (!config) throw new Error('Usage: node codegen-child.ts CONFIG');

const sink = { write: () => true } as unknown as NodeJS.WritableStream;
const exitCode = await main(['generate', '--config', config], sink, process.stderr);
const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ exitCode, maxRssKiB: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) })}\n`);
process.exitCode = exitCode;
