/**
 * `@agnes/errors/define`: the helpers of the root entry without the Agnes
 * catalog. Importing the root entry evaluates every catalog entry, which tools
 * and registries that never use `agnesRegistry` (codegen, custom registries)
 * do not need. The functions and classes here are the same objects that the
 * root entry exports, so `instanceof RegistryError` is true across both.
 */
export {
  defineError,
  defineRegistry,
  type DomainEntries,
  type Deprecation,
  type ErrorEntry,
  type IsIdentifier,
  type ParamVisibility,
  type Placeholders,
  type Registry,
  type RegistryInput,
  type RelatedCode,
  type RelatedLink,
  type RelatedPage,
  type RetryPolicy,
  type SdkClassNames,
  type Tombstone,
} from './define.ts';
export { RegistryError, validateRegistry, type RegistryIssue } from './validate.ts';
export { SDK_RESERVED_CLASS_NAMES } from './sdk-classes.ts';
export { placeholdersOf, renderTemplate } from './template.ts';
export type { ErrorEnvelopeBase, FieldError, ProblemDetailsMembers } from './envelope-types.ts';
export {
  DEFAULT_DOCS_BASE_URL,
  EXAMPLE_REQUEST_ID,
  buildEnvelope,
  docUrlOf,
  type BuildEnvelopeOptions,
  type CodeOf,
  type EntriesOf,
  type EnvelopeOf,
  type EnvelopeUnion,
  type InternalParamNames,
  type ParamsOf,
  type ParamsOfEntry,
  type PublicParamNames,
  type PublicParamsOf,
} from './envelope.ts';
export { reasonPhraseOf } from './http-status.ts';
export { lookupsOf, type RegistryLookups } from './lookups.ts';
