// Preloaded into each timed process with `node --import`: when the process exits, writes its CPU
// time and peak resident set size as JSON to the file that AGNES_BENCH_USAGE_FILE names. Plain
// JavaScript, so that a TypeSpec run does not load Node's TypeScript stripper for it.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.AGNES_BENCH_USAGE_FILE;

// Worker threads run preloads too; resourceUsage() covers the whole process, so only the main thread reports.
if (file && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
    writeFileSync(file, JSON.stringify({ cpuMs, maxRssKiB: usage.maxRSS }));
  });
}
