/** Names derived from codes: params interfaces and schema component names. */

/** Converts a snake_case code to PascalCase, such as `email_not_verified` to `EmailNotVerified`. */
export function pascalCase(code: string): string {
  return code
    .split('_')
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Name of the params interface that codegen expects for a code. */
export function paramsTypeName(code: string): string {
  return `${pascalCase(code)}Params`;
}

/** Name of a code's envelope definition in `schema.json` and `openapi.json`. */
export function envelopeSchemaName(code: string): string {
  return `${pascalCase(code)}Envelope`;
}
