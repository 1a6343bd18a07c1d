/**
 * Serves the built site in apps/docs/dist on http://127.0.0.1:4173 (or the port in PORT,
 * where 0 lets the system choose), with clean URLs as a static host serves them.
 * SIGINT or SIGTERM stops it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../src/static-server.ts';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const port = Number(process.env['PORT'] ?? 4173);

if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`Invalid PORT ${JSON.stringify(process.env['PORT'])}: expected an integer from 0 to 65535\n`);
  process.exit(1);
}
if (!existsSync(`${distDir}index.html`)) {
  process.stderr.write(`No built site in ${distDir}: run \`pnpm build\` (or \`pnpm --filter @agnes/docs-site build\`) first\n`);
  process.exit(1);
}

const server = await serveStatic(distDir, port);
process.stdout.write(`Serving ${distDir} at ${server.origin}/\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close());
}
