/** Every target that codegen can write, keyed by its config name. */
import type { TargetName } from '../config.ts';
import type { TargetContext } from './context.ts';
import { formatJson } from './context.ts';
import { buildContractSnapshot } from './contract.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { sdkPythonTarget } from './sdk-python.ts';
import { sdkTypeScriptTarget } from './sdk-typescript.ts';
import { vectorsTarget } from './vectors.ts';

/** Renders one artifact as the full text of its file. */
export type Target = (context: TargetContext) => string;

function schemaTarget(context: TargetContext): string {
  const schema = context.schema();
  return formatJson({ ...schema, $comment: context.header });
}

export const TARGETS: Partial<Record<TargetName, Target>> = {
  schema: schemaTarget,
  openapi: (context) => formatJson(buildOpenApiDocument(context)),
  contract: (context) => formatJson(buildContractSnapshot(context)),
  'sdk-python': sdkPythonTarget,
  'sdk-typescript': sdkTypeScriptTarget,
  vectors: vectorsTarget,
};
