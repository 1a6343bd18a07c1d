#!/usr/bin/env node
// Entry point of the agnes-errors CLI; the CLI itself is TypeScript, run with Node's type stripping.
import { main } from '../src/cli.ts';

process.exitCode = await main(process.argv.slice(2));
