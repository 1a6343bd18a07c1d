/** Paths of the workspace that the tests read. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODEGEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = path.resolve(CODEGEN_DIR, '..', '..');
export const CORE_DIR = path.join(REPO_ROOT, 'packages', 'core');
export const CORE_CONFIG = path.join(CORE_DIR, 'agnes-errors.config.json');
export const CLI_BIN = path.join(CODEGEN_DIR, 'bin', 'agnes-errors.js');
export const BIN_DIR = path.join(CODEGEN_DIR, 'node_modules', '.bin');
/** The published docs page of `forbidden`, copied byte for byte. */
export const REFERENCE_PAGE = path.join(CODEGEN_DIR, 'test', 'reference', 'errors-forbidden.md');

/** The committed artifacts of the Agnes catalog. */
export const GENERATED = {
  schema: path.join(CORE_DIR, 'generated', 'schema.json'),
  openapi: path.join(CORE_DIR, 'generated', 'openapi.json'),
  contract: path.join(CORE_DIR, 'generated', 'contract.json'),
} as const;
