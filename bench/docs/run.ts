/**
 * Docs benchmark: renders and builds the docs site for a synthetic registry of
 * 1,000 codes, with five synthetic guides, and records the times in
 * docs/benchmarks.md under "## Docs: 1,000-code site build". Each run is a
 * fresh Node process (build-once.ts), so every run is a cold build like `pnpm build`.
 *
 * Usage: pnpm bench:docs [--runs N] [--no-record]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSyntheticContent } from './synthetic-registry.ts';

const CODES = 1_000;
const TARGET_SECONDS = 30;
const SECTION = '## Docs: 1,000-code site build';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'no-record': { type: 'boolean', default: false } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error(`--runs must be an integer from 1 to 20, got ${values.runs}`);

const rootDir = fileURLToPath(new URL('../../', import.meta.url));
// The staged site must sit inside the workspace, so that VitePress resolves its theme and Vue from node_modules.
const workDir = mkdtempSync(join(rootDir, 'bench/docs/.work-'));
const contentDir = join(workDir, 'content');
writeSyntheticContent(contentDir);

/** Times of one run in milliseconds, as build-once.ts prints them, plus the wall time of its process. */
interface RunTimes {
  registry: number;
  render: number;
  build: number;
  /** CPU time of the build process (user + system, all its threads), without esbuild's child process. */
  cpu: number;
  wall: number;
}

const loadAtStart = loadavg()[0]!;
const times: RunTimes[] = [];
try {
  for (let run = 1; run <= runs; run += 1) {
    const runDir = join(workDir, `run-${run}`);
    mkdirSync(runDir);
    const started = performance.now();
    // The same Node flag as the site's build script: a larger young generation spends less time in GC.
    const args = ['--max-semi-space-size=64', join(rootDir, 'bench/docs/build-once.ts'), String(CODES), contentDir, runDir];
    const output = execFileSync(process.execPath, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const wall = performance.now() - started;
    const result = JSON.parse(output.trim().split('\n').at(-1)!) as Omit<RunTimes, 'wall'>;
    times.push({ ...result, wall });
    process.stdout.write(`run ${run}: ${(wall / 1000).toFixed(1)} s, CPU ${(result.cpu / 1000).toFixed(1)} s\n`);
    rmSync(runDir, { recursive: true, force: true });
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const walls = times.map((time) => time.wall);
const cpu = cpus();
const section = `${SECTION}

Command: \`pnpm bench:docs\` (bench/docs/run.ts), ${runs} run(s), measured ${new Date().toISOString().slice(0, 10)}.

Method: each run is a fresh Node process (bench/docs/build-once.ts, with
\`--max-semi-space-size=64\` like the site's build script) that builds a synthetic
registry of ${CODES.toLocaleString('en-US')} codes with \`defineError\` and \`defineRegistry\`
(bench/docs/synthetic-registry.ts: ten statuses, three causes, three steps and two related
links per code), renders its docs with \`renderDocs\`, then runs the site build (\`buildSite\`:
render again, stage the sources with five synthetic guides, \`vitepress build\` with local
search). The whole-build time is the wall-clock time of that process, start-up and loading
VitePress included.

Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory (${(freemem() / 2 ** 30).toFixed(0)} GiB free at the end), Node ${process.version};
1-minute load average ${loadAtStart.toFixed(1)} at the start (other work on the machine slows the runs).

| measure | seconds |
| --- | --- |
| registry (define + validate), median | ${seconds(median(times.map((time) => time.registry)))} |
| render pages, index and llms files, median | ${seconds(median(times.map((time) => time.render)))} |
| site build (\`buildSite\`), median | ${seconds(median(times.map((time) => time.build)))} |
| whole build process, median | ${seconds(median(walls))} |
| whole build process, min / max | ${seconds(Math.min(...walls))} / ${seconds(Math.max(...walls))} |
| CPU time of the build process (all threads, without esbuild), median | ${seconds(median(times.map((time) => time.cpu)))} |
| target | ≤ ${TARGET_SECONDS} on 2 cores |

Two changes came out of these measurements, both taken while other builds loaded the
machine. The sidebar links each status to its section of the error index instead of
listing every code: VitePress renders the whole sidebar into every page, so the list
made the build quadratic (one build took 154 s, then 25 s without it). VitePress's
\`metaChunk\` puts the metadata of all pages into one chunk instead of inlining it into
every page: error pages shrank from 68 KB to 18 KB, and the build used about 4 s less CPU.
`;
process.stdout.write(`\n${section}`);

if (!values['no-record']) {
  const path = join(rootDir, 'docs/benchmarks.md');
  const page = readFileSync(path, 'utf8');
  const start = page.indexOf(SECTION);
  const end = start === -1 ? -1 : page.indexOf('\n## ', start + SECTION.length);
  const updated =
    start === -1
      ? `${page.trimEnd()}\n\n${section}`
      : `${page.slice(0, start)}${section}${end === -1 ? '' : `\n${page.slice(end + 1)}`}`;
  writeFileSync(path, updated);
  process.stdout.write(`\nRecorded in ${path}\n`);
}
