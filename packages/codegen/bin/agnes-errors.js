#!/usr/bin/env node
// Entry point of the agnes-errors CLI; the CLI itself is TypeScript, run with Node's type stripping.
import module from 'node:module';

// Node's module compile cache keeps the V8 code cache and the type-stripped source of each module on
// disk, in $NODE_COMPILE_CACHE or else <os temp dir>/node-compile-cache; NODE_DISABLE_COMPILE_CACHE=1
// turns it off. Later runs then skip compiling TypeScript's compiler and stripping the registry's types.
module.enableCompileCache();

// The params worker starts first, so that it loads TypeScript while the CLI's modules load.
const { prestartParamsWorker } = await import('../src/targets/params-worker-client.ts');
prestartParamsWorker();
const { main } = await import('../src/cli.ts');

process.exitCode = await main(process.argv.slice(2));
