/** Names derived from codes: params interfaces and schema component names. */

/** Names already converted; every target converts every code, several times. */
const PASCAL_CASE_BY_CODE = new Map<string, string>();

/** Converts a snake_case code to PascalCase, such as `email_not_verified` to `EmailNotVerified`. */
export function pascalCase(code: string): string {
  let name = PASCAL_CASE_BY_CODE.get(code);
  if (name === undefined) {
    name = code
      .split('_')
      .filter((part) => part !== '')
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join('');
    PASCAL_CASE_BY_CODE.set(code, name);
  }
  return name;
}

/** Name of the params interface that codegen expects for a code. */
export function paramsTypeName(code: string): string {
  return `${pascalCase(code)}Params`;
}

/** Name of a code's envelope definition in `schema.json` and `openapi.json`. */
export function envelopeSchemaName(code: string): string {
  return `${pascalCase(code)}Envelope`;
}

const INVALID_NAME_CHARACTERS = /[^A-Za-z0-9._-]+/g;

/**
 * Turns a generator definition name into one that is valid as a JSON pointer
 * segment and as an OpenAPI component name (`^[a-zA-Z0-9._-]+$`), such as
 * `Wrapper<"x">` to `Wrapper_x`.
 */
export function definitionName(name: string): string {
  return name.replace(INVALID_NAME_CHARACTERS, '_').replace(/^_+|_+$/g, '') || '_';
}
