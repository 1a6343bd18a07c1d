#!/usr/bin/env node
// Entry point of the agnes-errors CLI; the CLI itself is TypeScript, run with Node's type stripping.
// The params worker starts first, so that it loads TypeScript while the CLI's modules load.
const { prestartParamsWorker } = await import('../src/targets/params-worker-client.ts');
prestartParamsWorker();
const { main } = await import('../src/cli.ts');

process.exitCode = await main(process.argv.slice(2));
