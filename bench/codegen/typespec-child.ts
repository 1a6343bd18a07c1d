/**
 * One timed TypeSpec run for the benchmark: compiles a main.tsp file with the
 * OpenAPI 3 emitter, then prints the peak resident set size as JSON on stdout.
 */
import { NodeHost, compile } from '@typespec/compiler';

const [main, outputDir] = process.argv.slice(2);
if (!main || !outputDir) throw new Error('Usage: node typespec-child.ts MAIN_TSP OUTPUT_DIR');

const program = await compile(NodeHost, main, {
  outputDir,
  emit: ['@typespec/openapi3'],
  options: { '@typespec/openapi3': { 'openapi-versions': ['3.1.0'], 'file-type': 'json' } },
});
const errors = program.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
for (const error of errors.slice(0, 5)) process.stderr.write(`typespec: ${error.code}: ${error.message}\n`);
const exitCode = errors.length === 0 ? 0 : 1;
const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ exitCode, maxRssKiB: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) })}\n`);
process.exitCode = exitCode;
