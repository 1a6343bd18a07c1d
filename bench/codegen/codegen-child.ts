/**
 * One timed codegen run for the benchmark: does what bin/agnes-errors.js does
 * (prestart the params worker, then run the CLI's `main`) in this process, then
 * prints the exit code, CPU time and peak resident set size as JSON on stdout.
 */
import { prestartParamsWorker } from '../../packages/codegen/src/targets/params-worker-client.ts';

prestartParamsWorker();
const { main } = await import('../../packages/codegen/src/cli.ts');

const config = process.argv[2];
if (!config) throw new Error('Usage: node codegen-child.ts CONFIG');

const sink = { write: () => true } as unknown as NodeJS.WritableStream;
const exitCode = await main(['generate', '--config', config], sink, process.stderr);
const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ exitCode, maxRssKiB: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) })}\n`);
process.exitCode = exitCode;
