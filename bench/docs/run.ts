/**
 * Docs benchmark: renders and builds the docs site for a synthetic registry of
 * 1,000 codes, with five synthetic guides, and records the times
 * in docs/benchmarks.md under "## Docs: 1,000-code site build".
 *
 * Usage: pnpm bench:docs [--runs N] [--no-record]
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderDocs } from '@agnes/errors-docs';
import { AGNES_SITE, buildSite, readContentPages } from '@agnes/docs-site';
import { syntheticRegistry, writeSyntheticContent } from './synthetic-registry.ts';

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

interface RunTimes {
  registry: number;
  render: number;
  total: number;
}

async function timedRun(run: number): Promise<RunTimes> {
  const started = performance.now();
  const registry = syntheticRegistry(CODES);
  const registryDone = performance.now();
  renderDocs(registry, { sitePages: readContentPages(contentDir).map((page) => page.path), site: AGNES_SITE });
  const renderDone = performance.now();
  const stageDir = join(workDir, `site-${run}`);
  const outDir = join(workDir, `dist-${run}`);
  await buildSite({ registry, contentDir, stageDir, outDir, site: AGNES_SITE });
  const total = performance.now() - started;
  const pages = readdirSync(join(outDir, 'errors')).filter((file) => file.endsWith('.html')).length;
  if (pages !== CODES + 1) throw new Error(`Expected ${CODES + 1} error pages in ${outDir}/errors, found ${pages}`);
  return { registry: registryDone - started, render: renderDone - registryDone, total };
}

const loadAtStart = loadavg()[0]!;
const times: RunTimes[] = [];
try {
  for (let run = 1; run <= runs; run += 1) {
    times.push(await timedRun(run));
    process.stdout.write(`run ${run}: ${(times.at(-1)!.total / 1000).toFixed(1)} s\n`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const totals = times.map((time) => time.total);
const cpu = cpus();
const section = `${SECTION}

Command: \`pnpm bench:docs\` (bench/docs/run.ts), ${runs} run(s), measured ${new Date().toISOString().slice(0, 10)}.

Method: each run builds a synthetic registry of ${CODES.toLocaleString('en-US')} codes with \`defineError\` and
\`defineRegistry\` (bench/docs/synthetic-registry.ts: ten statuses, three causes, three steps and two
related links per code), renders its docs with \`renderDocs\`, then runs the site build
(\`buildSite\`: render again, stage the sources with five synthetic guides, \`vitepress build\` with
local search). The time is wall-clock time for the whole run, in one Node process; the first run
includes loading VitePress.

Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory (${(freemem() / 2 ** 30).toFixed(0)} GiB free at the end), Node ${process.version};
1-minute load average ${loadAtStart.toFixed(1)} at the start (other work on the machine slows the runs).

| measure | seconds |
| --- | --- |
| registry (define + validate), median | ${seconds(median(times.map((time) => time.registry)))} |
| render pages, index and llms files, median | ${seconds(median(times.map((time) => time.render)))} |
| whole site build, median | ${seconds(median(totals))} |
| whole site build, min / max | ${seconds(Math.min(...totals))} / ${seconds(Math.max(...totals))} |
| target | ≤ ${TARGET_SECONDS} on 2 cores |
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
      : `${page.slice(0, start)}${section}${end === -1 ? '' : page.slice(end)}`;
  writeFileSync(path, updated);
  process.stdout.write(`\nRecorded in ${path}\n`);
}
