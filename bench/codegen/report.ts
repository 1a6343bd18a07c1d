/** Writes the codegen benchmark's section of docs/benchmarks.md, leaving other sections as they are. */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

export const SECTION_TITLE = '## Codegen: synthetic registries vs TypeSpec';

/** Whether a run starts with an empty Node compile cache or with one that earlier runs filled. */
export type Mode = 'cold' | 'warm';

/** The summary of one tool at one registry size in one mode. */
export interface Measurement {
  tool: 'codegen' | 'typespec';
  mode: Mode;
  size: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  medianCpuMs: number;
  peakRssMiB: number;
  /** Median of the one-minute load average at the start of each counted run. */
  medianLoad: number;
}

/** Everything a report needs besides the measurements. */
export interface ReportInput {
  measurements: Measurement[];
  /** Codegen targets that each run wrote. */
  targets: string[];
  /** Share of the synthetic codes that have a params interface, from 0 to 1. */
  paramsShare: number;
  runs: Record<Measurement['tool'], number>;
  warmupRuns: Record<Mode, number>;
  /** One-minute load average when the benchmark started and ended. */
  loadBefore: number;
  loadAfter: number;
  totalSeconds: number;
}

/** The targets that the benchmark checks. */
const LIMITS = { maxMs: 2000, maxRatio: 1 / 5, maxGrowth: 12 };

function find(measurements: readonly Measurement[], tool: Measurement['tool'], mode: Mode, size: number): Measurement {
  const found = measurements.find((item) => item.tool === tool && item.mode === mode && item.size === size);
  if (!found) throw new Error(`no ${mode} ${tool} measurement for ${size} codes`);
  return found;
}

/** Returns one line per target in a mode: met or missed, with the numbers. */
function verdictsOf(measurements: readonly Measurement[], mode: Mode): string[] {
  const largest = find(measurements, 'codegen', mode, 5000);
  const ratio = largest.medianMs / find(measurements, 'typespec', mode, 5000).medianMs;
  const growth = largest.medianMs / find(measurements, 'codegen', mode, 500).medianMs;
  const mark = (met: boolean) => (met ? 'met' : 'missed');
  return [
    `${mode}: 5,000 codes in ${largest.medianMs.toFixed(0)} ms (target ≤ ${LIMITS.maxMs} ms): ${mark(largest.medianMs <= LIMITS.maxMs)}`,
    `${mode}: codegen / TypeSpec at 5,000 codes = ${ratio.toFixed(3)} (target ≤ ${LIMITS.maxRatio.toFixed(2)}): ${mark(ratio <= LIMITS.maxRatio)}`,
    `${mode}: 5,000 / 500 codes time = ${growth.toFixed(2)} (target ≤ ${LIMITS.maxGrowth}): ${mark(growth <= LIMITS.maxGrowth)}`,
  ];
}

function row(item: Measurement): string {
  const tool = item.tool === 'codegen' ? 'agnes-errors generate' : 'tsp compile (openapi3)';
  return (
    `| ${item.mode} | ${tool} | ${item.size.toLocaleString('en-US')} | ${item.medianMs.toFixed(0)} | ${item.minMs.toFixed(0)}–${item.maxMs.toFixed(0)} | ` +
    `${item.medianCpuMs.toFixed(0)} | ${item.peakRssMiB.toFixed(0)} | ${item.medianLoad.toFixed(2)} |`
  );
}

/** Replaces the section in `file` and returns the verdicts. */
export async function writeReport(file: string, input: ReportInput): Promise<string[]> {
  const verdicts = [...verdictsOf(input.measurements, 'cold'), ...verdictsOf(input.measurements, 'warm')];
  const cpus = os.cpus();
  const section = [
    SECTION_TITLE,
    '',
    'Command: `pnpm bench:codegen` (bench/codegen/run.ts).',
    '',
    '| mode | tool | codes | median wall ms | min–max ms | median CPU ms | peak RSS MiB | median load |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...input.measurements.map(row),
    '',
    ...verdicts.map((verdict) => `- ${verdict}`),
    '',
    'Method:',
    '',
    `- Each size is a synthetic registry: an ESM package of TypeScript domain files, 50 codes each, built with \`defineError\` and \`defineRegistry\` from \`@agnes/errors/define\`, with the statuses 400–504 spread as in a public API. ${Math.round(input.paramsShare * 100)} % of the codes have a params interface (public, detail and internal params; \`retry_after\` on 429 and 503).`,
    `- Codegen runs \`agnes-errors generate\` (packages/codegen/bin/agnes-errors.js) with every target: ${input.targets.join(', ')}.`,
    '- TypeSpec runs `tsp compile` (@typespec/compiler 1.17.0, @typespec/openapi3 1.16.0, OpenAPI 3.1 as JSON) on main.tsp from bench/codegen/typespec-project.ts. It declares one `@error` model per code with its status, the `X-Request-Id` and `Retry-After` headers and both error media types. The shared envelope members, with their docs and constraints, are spread into each model, and the RFC 9457 members are optional members among them.',
    '- The definition also declares each public param with its doc and constraint, the `ErrorCode` enum, the `ErrorEnvelope` union, and one operation whose responses are all the models. It declares no examples, which codegen writes, because with `@opExample` TypeSpec\'s time grows with the square of the codes (see typespec-project.ts).',
    '- After the runs of each size, a check reads both OpenAPI documents and requires the same codes, the same envelope members per code, one response per status, and both media types in every response.',
    `- Every run is a fresh Node process, spawned by the benchmark, through each tool's own CLI. Wall time runs from spawn to exit, so it includes Node's start and module loading. CPU time (user + system, all threads) and peak RSS come from \`process.resourceUsage()\` at exit, through a preload (bench/codegen/report-usage.js).`,
    `- Cold: each run gets a new, empty directory in NODE_COMPILE_CACHE, so Node compiles every module and writes the cache. Warm: each tool reuses its own compile cache directory, filled by ${input.warmupRuns.warm} uncounted runs. agnes-errors turns Node's compile cache on by itself (\`module.enableCompileCache()\`); TypeSpec gets it from the variable, so both have the same cache in both modes. A cold series starts with ${input.warmupRuns.cold} uncounted run of each tool, which fills the OS disk cache.`,
    `- ${input.runs.codegen} counted runs of codegen and ${input.runs.typespec} of TypeSpec per size and mode, alternating between the tools; the table gives the median and the range. Other work on the machine slows both tools; the load column gives the one-minute load average at the start of the runs.`,
    '- Codegen reads the params interfaces on a worker thread (TypeScript program and ts-json-schema-generator) while the main thread imports the registry and renders the outputs that need no params types. So its CPU time exceeds its wall time.',
    '',
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}. ` +
      `One-minute load average ${input.loadBefore.toFixed(2)} at the start and ${input.loadAfter.toFixed(2)} at the end; the whole run took ${input.totalSeconds.toFixed(0)} s.`,
    '',
  ].join('\n');

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const start = text.indexOf(SECTION_TITLE);
  if (start === -1) {
    text = `${text.trimEnd()}\n\n${section}`;
  } else {
    const next = text.indexOf('\n## ', start + SECTION_TITLE.length);
    text = `${text.slice(0, start)}${section}${next === -1 ? '' : `\n${text.slice(next + 1)}`}`;
  }
  await writeFile(file, text);
  return verdicts;
}
