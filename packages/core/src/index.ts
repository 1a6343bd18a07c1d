/**
 * `@agnes/errors`: the Agnes error contract. The registry of codes, the
 * envelope types, the helpers that define a registry, and `buildEnvelope`.
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
export { agnesRegistry, type AgnesRegistry } from './catalog/index.ts';

import type { AgnesRegistry } from './catalog/index.ts';
import type { CodeOf, EnvelopeOf, EnvelopeUnion, ParamsOf, PublicParamsOf } from './envelope.ts';

/** Every code of the Agnes catalog. */
export type ErrorCode = CodeOf<AgnesRegistry>;
/** The envelope of one Agnes code. */
export type AgnesEnvelope<C extends ErrorCode = ErrorCode> = EnvelopeOf<AgnesRegistry, C>;
/** Any Agnes error envelope, discriminated by `code`. */
export type AgnesErrorEnvelope = EnvelopeUnion<AgnesRegistry>;
/** All params of an Agnes code, public and internal. */
export type AgnesParams<C extends ErrorCode> = ParamsOf<AgnesRegistry, C>;
/** The params of an Agnes code that go into the envelope. */
export type AgnesPublicParams<C extends ErrorCode> = PublicParamsOf<AgnesRegistry, C>;
