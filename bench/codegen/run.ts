/**
 * `pnpm bench:codegen`: times codegen of every artifact for synthetic
 * registries of 50, 500 and 5,000 codes, and the TypeSpec compiler with its
 * OpenAPI 3 emitter on an equivalent definition, each run in a fresh child
 * process. Writes the results to docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { TARGETS } from '../../packages/codegen/src/index.ts';
import { writeReport, type Measurement } from './report.ts';
import { syntheticCodes, writeCodegenProject, writeTypeSpecProject } from './synthetic.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const SIZES = [50, 500, 5000];
/** Counted runs per tool and size; one more run before them warms the disk cache and is not counted. */
const RUNS = { codegen: 5, typespec: 3 } as const;
const TYPESPEC_PACKAGES = ['compiler', 'http', 'openapi', 'openapi3'];

interface ChildReport {
  exitCode: number;
  maxRssKiB: number;
  cpuMs: number;
}

/** Runs a child Node process and returns its wall time and the JSON line it prints. */
function runChild(script: string, args: readonly string[]): Promise<{ wallMs: number; report: ChildReport }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(HERE, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${script} exited with ${code}:\n${stderr}`));
      resolve({ wallMs, report: JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildReport });
    });
  });
}

/** Counts the schemas that name a code in an OpenAPI document, to check that a run produced the whole registry. */
async function countCodeSchemas(file: string, size: number): Promise<void> {
  const document = JSON.parse(await readFile(file, 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const count = Object.keys(document.components.schemas).filter((name) => /SyntheticError\d+/.test(name)).length;
  if (count !== size) throw new Error(`${file} has ${count} code schemas, expected ${size}`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summarize(tool: Measurement['tool'], size: number, runs: { wallMs: number; report: ChildReport }[]): Measurement {
  return {
    tool,
    size,
    runs: runs.length,
    medianMs: median(runs.map((run) => run.wallMs)),
    minMs: Math.min(...runs.map((run) => run.wallMs)),
    maxMs: Math.max(...runs.map((run) => run.wallMs)),
    medianCpuMs: median(runs.map((run) => run.report.cpuMs)),
    peakRssMiB: Math.max(...runs.map((run) => run.report.maxRssKiB)) / 1024,
  };
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
    const typespecOut = path.join(workDir, `typespec-${size}`, 'out');

    const codegenRuns: { wallMs: number; report: ChildReport }[] = [];
    const typespecRuns: { wallMs: number; report: ChildReport }[] = [];
    // Runs alternate between the tools, so that a change in machine load affects both alike.
    for (let run = 0; run <= Math.max(RUNS.codegen, RUNS.typespec); run += 1) {
      if (run <= RUNS.codegen) {
        const result = await runChild('codegen-child.ts', [config]);
        if (run > 0) codegenRuns.push(result);
      }
      if (run <= RUNS.typespec) {
        const result = await runChild('typespec-child.ts', [main, typespecOut]);
        if (run > 0) typespecRuns.push(result);
      }
    }
    await countCodeSchemas(path.join(path.dirname(config), 'out', 'openapi.json'), size);
    await countCodeSchemas(path.join(typespecOut, '@typespec', 'openapi3', 'openapi.json'), size);

    measurements.push(summarize('codegen', size, codegenRuns), summarize('typespec', size, typespecRuns));
    const [codegen, typespec] = measurements.slice(-2) as [Measurement, Measurement];
    process.stdout.write(
      `${String(size).padStart(5)} codes: codegen ${codegen.medianMs.toFixed(0)} ms (${codegen.peakRssMiB.toFixed(0)} MiB), ` +
        `TypeSpec ${typespec.medianMs.toFixed(0)} ms (${typespec.peakRssMiB.toFixed(0)} MiB)\n`,
    );
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
  codegenRuns: RUNS.codegen,
  typespecRuns: RUNS.typespec,
  loadBefore,
  loadAfter: os.loadavg()[0]!,
  totalSeconds: (performance.now() - started) / 1000,
});
for (const verdict of verdicts) process.stdout.write(`${verdict}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
