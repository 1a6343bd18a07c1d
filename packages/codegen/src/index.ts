/**
 * `@agnes/codegen`: generates the artifacts of an error registry (JSON Schema,
 * OpenAPI components, a contract snapshot, SDK modules).
 */
export { ConfigError, TARGET_NAMES, loadConfig, resolveConfig, type CodegenConfig, type TargetName } from './config.ts';
export { CodegenError } from './errors.ts';
export { generate, generateFromConfigFile, renderOutputs, type GenerateResult } from './generate.ts';
export { RegistryLoadError, loadRegistry } from './load-registry.ts';
export { envelopeSchemaName, paramsTypeName, pascalCase } from './naming.ts';
export { buildJsonSchema, CODE_ENUM_NAME, UNION_NAME, type JsonSchemaDocument } from './targets/schema.ts';
export { writeFilesAtomically, type GeneratedFile } from './write-files.ts';
export { main } from './cli.ts';
