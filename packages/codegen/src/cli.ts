/** The `agnes-errors` command line. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RegistryError } from '@agnes/errors/define';
import { DIFF_USAGE, DiffUsageError, runDiff, SnapshotFileError } from './compat/diff-command.ts';
import { ConfigError, loadConfig } from './config.ts';
import { CodegenError } from './errors.ts';
import { generate } from './generate.ts';
import { RegistryLoadError } from './load-registry.ts';

const USAGE = `Usage: agnes-errors <command> [options]

Commands:
  generate --config FILE   Write the artifacts that the config names (JSON Schema,
                           OpenAPI, contract snapshot, SDK modules), all or none.
${DIFF_USAGE}
  help                     Print this text.
`;

/** Known failures print one clear message; anything else is a bug and prints its stack. */
const EXPECTED_ERRORS = [ConfigError, CodegenError, RegistryError, RegistryLoadError];

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[], output: NodeJS.WritableStream = process.stdout, errors: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'generate':
        return await runGenerate(rest, output);
      case 'diff':
        return await runDiff(rest, output);
      case undefined:
      case 'help':
      case '--help':
        output.write(USAGE);
        return command === undefined ? 1 : 0;
      default:
        errors.write(`agnes-errors: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (isUsageError(error) || error instanceof DiffUsageError) {
      errors.write(`agnes-errors: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof SnapshotFileError) {
      errors.write(`agnes-errors: ${error.message}\n`);
      return 1;
    }
    if (EXPECTED_ERRORS.some((type) => error instanceof type)) {
      errors.write(`agnes-errors: ${(error as Error).message}\n`);
      errors.write('agnes-errors: no file was written.\n');
      return 1;
    }
    throw error;
  }
}

/** `parseArgs` rejects unknown options and missing values with these error codes. */
function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

async function runGenerate(args: string[], output: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' } }, strict: true });
  if (!values.config) throw new ConfigError('Missing --config FILE: name the codegen config to use');
  const result = await generate(await loadConfig(values.config));
  for (const file of result.files) output.write(`wrote ${path.relative(process.cwd(), file.path)}\n`);
  return 0;
}
