/**
 * `@agnes/codegen`: generates the artifacts of an error registry (JSON Schema,
 * OpenAPI components, a contract snapshot, SDK modules).
 */
export { ConfigError, TARGET_NAMES, loadConfig, resolveConfig, type CodegenConfig, type TargetName } from './config.ts';
export { CodegenError } from './errors.ts';
export { generate, generateFromConfigFile, type GenerateResult } from './generate.ts';
export { renderOutputs } from './render.ts';
export { codeParamsOf, type CodeParams } from './targets/params-codes.ts';
export { openParamsSession, readParamsDefinitions, type ParamsDefinitions, type ParamsSession, type ParamsSource } from './targets/params-types.ts';
export { RegistryLoadError, loadRegistry } from './load-registry.ts';
export { envelopeSchemaName, paramsTypeName, pascalCase } from './naming.ts';
export {
  buildJsonSchema,
  buildSchemaModel,
  CODE_ENUM_NAME,
  UNION_NAME,
  type EnvelopeMember,
  type JsonSchemaDocument,
  type SchemaModel,
} from './targets/schema.ts';
export { createTargetContext, type TargetContext } from './targets/context.ts';
export { TARGETS, type Target } from './targets/index.ts';
export { buildOpenApiDocument, OPENAPI_VERSION } from './targets/openapi.ts';
export { ERROR_MEDIA_TYPES, EXAMPLE_INSTANCE, REQUEST_ID_HEADER, RETRY_AFTER_HEADER } from './targets/openapi-responses.ts';
export { reasonPhraseOf, responseNameOf } from './targets/http-status.ts';
export { buildContractSnapshot, docsDigestOf, normalizeSchema } from './targets/contract.ts';
export {
  CONTRACT_FORMAT_VERSION,
  type ContractCode,
  type ContractDeprecation,
  type ContractEnvelopeMember,
  type ContractFamily,
  type ContractParam,
  type ContractSdkClasses,
  type ContractSnapshot,
  type ContractTombstone,
  type NormalizedSchema,
} from './contract-types.ts';
export { writeFilesAtomically, type GeneratedFile } from './write-files.ts';
export { main } from './cli.ts';
export {
  BUMPS,
  bumpCovers,
  requiredBump,
  type Bump,
  type ChangeKind,
  type ContractChange,
  type ContractDiff,
} from './compat/change.ts';
export { diffContracts } from './compat/diff-contract.ts';
export { compareSchemas, isSubschema, type SchemaChange } from './compat/schema-subset.ts';
export { checkSnapshot, readSnapshot, SnapshotFileError } from './compat/read-snapshot.ts';
export { formatDiff } from './compat/diff-command.ts';
