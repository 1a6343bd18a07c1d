/**
 * One cold docs build for run.ts, in its own Node process like `pnpm build`:
 * builds the synthetic registry, renders it, builds the site, and prints the
 * phase times and its CPU time as one JSON line.
 *
 * Usage: node bench/docs/build-once.ts <codes> <content dir> <work dir>
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocs } from '@agnes/errors-docs';
import { AGNES_SITE, buildSite, readContentPages } from '@agnes/docs-site';
import { syntheticRegistry } from './synthetic-registry.ts';

const [codesArgument, contentDir, workDir] = process.argv.slice(2);
const codes = Number(codesArgument);
if (!Number.isInteger(codes) || codes < 1 || contentDir === undefined || workDir === undefined) {
  throw new Error('Usage: node bench/docs/build-once.ts <codes> <content dir> <work dir>');
}

const started = performance.now();
const registry = syntheticRegistry(codes);
const registryDone = performance.now();
renderDocs(registry, { sitePages: readContentPages(contentDir).map((page) => page.path), site: AGNES_SITE });
const renderDone = performance.now();
const outDir = join(workDir, 'dist');
await buildSite({ registry, contentDir, stageDir: join(workDir, 'site'), outDir, site: AGNES_SITE });
const buildDone = performance.now();

const pages = readdirSync(join(outDir, 'errors')).filter((file) => file.endsWith('.html')).length;
if (pages !== codes + 1) throw new Error(`Expected ${codes + 1} error pages in ${outDir}/errors, found ${pages}`);
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    registry: registryDone - started,
    render: renderDone - registryDone,
    build: buildDone - renderDone,
    cpu: (cpu.user + cpu.system) / 1000,
  })}\n`,
);
