/** The error that codegen raises for a registry or type problem it can explain. */

/** A problem in the registry or its params types, naming the code, the field and the fix. */
export class CodegenError extends Error {
  override name = 'CodegenError';
}
