/** Writes the codegen benchmark's section of docs/benchmarks.md, leaving other sections as they are. */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

export const SECTION_TITLE = '## Codegen: synthetic registries vs TypeSpec';

/** The summary of one tool at one registry size. */
export interface Measurement {
  tool: 'codegen' | 'typespec';
  size: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  medianCpuMs: number;
  peakRssMiB: number;
}

/** Everything a report needs besides the measurements. */
export interface ReportInput {
  measurements: Measurement[];
  /** Codegen targets that each run wrote. */
  targets: string[];
  /** Share of the synthetic codes that have a params interface, from 0 to 1. */
  paramsShare: number;
  codegenRuns: number;
  typespecRuns: number;
  /** One-minute load average when the benchmark started and ended. */
  loadBefore: number;
  loadAfter: number;
  totalSeconds: number;
}

/** The targets that the benchmark checks. */
const LIMITS = { maxMs: 2000, maxRatio: 1 / 5, maxGrowth: 12 };

function find(measurements: readonly Measurement[], tool: Measurement['tool'], size: number): Measurement {
  const found = measurements.find((item) => item.tool === tool && item.size === size);
  if (!found) throw new Error(`no ${tool} measurement for ${size} codes`);
  return found;
}

/** Replaces the section in `file` and returns one line per target: met or missed, with the numbers. */
export async function writeReport(file: string, input: ReportInput): Promise<string[]> {
  const { measurements } = input;
  const largest = find(measurements, 'codegen', 5000);
  const ratio = largest.medianMs / find(measurements, 'typespec', 5000).medianMs;
  const growth = largest.medianMs / find(measurements, 'codegen', 500).medianMs;
  const mark = (met: boolean) => (met ? 'met' : 'missed');
  const verdicts = [
    `5,000 codes in ${largest.medianMs.toFixed(0)} ms (target ≤ ${LIMITS.maxMs} ms): ${mark(largest.medianMs <= LIMITS.maxMs)}`,
    `codegen / TypeSpec at 5,000 codes = ${ratio.toFixed(3)} (target ≤ ${LIMITS.maxRatio.toFixed(2)}): ${mark(ratio <= LIMITS.maxRatio)}`,
    `5,000 / 500 codes time = ${growth.toFixed(2)} (target ≤ ${LIMITS.maxGrowth}): ${mark(growth <= LIMITS.maxGrowth)}`,
  ];

  const rows = measurements.map(
    (item) =>
      `| ${item.tool === 'codegen' ? 'agnes-errors generate' : 'TypeSpec + openapi3'} | ${item.size.toLocaleString('en-US')} | ` +
      `${item.medianMs.toFixed(0)} | ${item.minMs.toFixed(0)}–${item.maxMs.toFixed(0)} | ${item.medianCpuMs.toFixed(0)} | ${item.peakRssMiB.toFixed(0)} |`,
  );
  const cpus = os.cpus();
  const section = [
    SECTION_TITLE,
    '',
    'Command: `pnpm bench:codegen` (bench/codegen/run.ts).',
    '',
    '| tool | codes | median wall ms | min–max ms | median CPU ms | peak RSS MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    ...verdicts.map((verdict) => `- ${verdict}`),
    '',
    'Method:',
    '',
    `- Each size is a synthetic registry: TypeScript domain files of 50 codes each, built with \`defineError\` and \`defineRegistry\`, with the statuses 400–504 spread as in a public API. ${Math.round(input.paramsShare * 100)} % of the codes have a params interface (public, detail and internal params; \`retry_after\` on 429 and 503).`,
    `- Codegen writes every target (${input.targets.join(', ')}) in a fresh Node process per run, with the steps of bin/agnes-errors.js: start the params worker, then run the CLI's \`main\`.`,
    '- TypeSpec compiles an equivalent main.tsp: one `@error` model per code with the same status, `X-Request-Id` and `Retry-After` headers and envelope members, and one operation whose responses are all of them. @typespec/openapi3 1.16.0 on @typespec/compiler 1.17.0 emits it as OpenAPI 3.1 JSON, through `compile()` in a fresh Node process per run.',
    `- Wall time is measured by the parent from spawn to exit, so it includes Node's start and module loading for both tools. ${input.codegenRuns} counted runs of codegen and ${input.typespecRuns} of TypeSpec per size, alternating, after one uncounted run of each; the table gives the median. CPU time (user + system) and peak RSS (\`process.resourceUsage().maxRSS\`) come from the child.`,
    '- After the runs, the OpenAPI output of both tools is checked to hold one schema per code.',
    '- Codegen reads the params interfaces on a worker thread (TypeScript program and ts-json-schema-generator) while the main thread imports the registry, then renders and writes the targets on the main thread. So its CPU time exceeds its wall time, and the worker thread is the critical path at 5,000 codes.',
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
