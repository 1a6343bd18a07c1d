/**
 * `pnpm bench:codegen`: times `agnes-errors generate` (every target) on
 * synthetic registries of 50, 500 and 5,000 codes, and TypeSpec's `tsp compile`
 * with the OpenAPI 3 emitter on an equivalent definition, each run in a fresh
 * Node process. Both tools run cold (an empty Node compile cache) and warm (a
 * compile cache filled by earlier runs of the same tool). Writes the results
 * to docs/benchmarks.md.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { TARGETS } from '../../packages/codegen/src/index.ts';
import { checkEquivalentOutputs } from './check-outputs.ts';
import { writeReport, type Measurement, type Mode } from './report.ts';
import { runTool, type RunResult, type Tool } from './run-tool.ts';
import { syntheticCodes, writeCodegenProject } from './synthetic.ts';
import { typeSpecOpenApiFile, writeTypeSpecProject } from './typespec-project.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const SIZES = [50, 500, 5000];
const MODES: readonly Mode[] = ['cold', 'warm'];
/** Counted runs per tool, size and mode. */
const RUNS: Record<Tool, number> = { codegen: 5, typespec: 5 };
/**
 * Uncounted runs of each tool before the counted ones. A cold series has one, which reads
 * the files into the OS disk cache. A warm series has two, because in a trial the run after
 * the first still loaded TypeScript more slowly than later runs (121 ms against 72 ms).
 */
const WARMUP_RUNS: Record<Mode, number> = { cold: 1, warm: 2 };
const TYPESPEC_PACKAGES = ['compiler', 'http', 'openapi', 'openapi3'];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summarize(tool: Tool, mode: Mode, size: number, runs: readonly RunResult[]): Measurement {
  return {
    tool,
    mode,
    size,
    runs: runs.length,
    medianMs: median(runs.map((run) => run.wallMs)),
    minMs: Math.min(...runs.map((run) => run.wallMs)),
    maxMs: Math.max(...runs.map((run) => run.wallMs)),
    medianCpuMs: median(runs.map((run) => run.cpuMs)),
    peakRssMiB: Math.max(...runs.map((run) => run.maxRssKiB)) / 1024,
    medianLoad: median(runs.map((run) => run.loadBefore)),
  };
}

/**
 * Runs both tools on one size in one mode, alternating so that a change in machine load
 * affects both alike, and returns the counted runs of each.
 */
async function measure(projects: Record<Tool, string>, mode: Mode, cacheRoot: string): Promise<Record<Tool, RunResult[]>> {
  const results: Record<Tool, RunResult[]> = { codegen: [], typespec: [] };
  let coldCaches = 0;
  // A cold run gets a new, empty cache directory; a warm run the one that its tool's earlier runs filled.
  const cacheFor = async (tool: Tool) => {
    const dir = mode === 'cold' ? path.join(cacheRoot, `cold-${(coldCaches += 1)}`) : path.join(cacheRoot, `warm-${tool}`);
    await mkdir(dir, { recursive: true });
    return dir;
  };
  const total = WARMUP_RUNS[mode] + Math.max(RUNS.codegen, RUNS.typespec);
  for (let run = 0; run < total; run += 1) {
    for (const tool of ['codegen', 'typespec'] as const) {
      if (run >= WARMUP_RUNS[mode] + RUNS[tool]) continue;
      const result = await runTool(tool, projects[tool], await cacheFor(tool));
      if (run >= WARMUP_RUNS[mode]) results[tool].push(result);
    }
  }
  return results;
}

const targets = Object.keys(TARGETS);
const typespecModules = Object.fromEntries(TYPESPEC_PACKAGES.map((name) => [name, path.join(ROOT, 'node_modules', '@typespec', name)]));
const workDir = await mkdtemp(path.join(os.tmpdir(), 'agnes-bench-codegen-'));
const loadBefore = os.loadavg()[0]!;
const started = performance.now();
const measurements: Measurement[] = [];

try {
  for (const size of SIZES) {
    const codes = syntheticCodes(size);
    const config = await writeCodegenProject(path.join(workDir, `codegen-${size}`), codes, path.join(ROOT, 'packages', 'core'), targets);
    const main = await writeTypeSpecProject(path.join(workDir, `typespec-${size}`), codes, typespecModules);

    for (const mode of MODES) {
      const cacheRoot = path.join(workDir, `cache-${size}-${mode}`);
      const results = await measure({ codegen: config, typespec: main }, mode, cacheRoot);
      await rm(cacheRoot, { recursive: true, force: true });
      const codegen = summarize('codegen', mode, size, results.codegen);
      const typespec = summarize('typespec', mode, size, results.typespec);
      measurements.push(codegen, typespec);
      process.stdout.write(
        `${String(size).padStart(5)} codes, ${mode}: codegen ${codegen.medianMs.toFixed(0)} ms (${codegen.peakRssMiB.toFixed(0)} MiB), ` +
          `TypeSpec ${typespec.medianMs.toFixed(0)} ms (${typespec.peakRssMiB.toFixed(0)} MiB), load ${codegen.medianLoad.toFixed(2)}\n`,
      );
    }
    await checkEquivalentOutputs(path.join(path.dirname(config), 'out', 'openapi.json'), typeSpecOpenApiFile(main), codes);
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

const file = path.join(ROOT, 'docs', 'benchmarks.md');
const largestCodes = syntheticCodes(SIZES.at(-1)!);
const verdicts = await writeReport(file, {
  measurements,
  targets,
  paramsShare: largestCodes.filter((code) => code.params.length > 0).length / largestCodes.length,
  runs: RUNS,
  warmupRuns: WARMUP_RUNS,
  loadBefore,
  loadAfter: os.loadavg()[0]!,
  totalSeconds: (performance.now() - started) / 1000,
});
for (const verdict of verdicts) process.stdout.write(`${verdict}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
