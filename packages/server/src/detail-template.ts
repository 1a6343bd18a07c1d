/**
 * Detail templates, compiled once per registry entry. Filling a compiled template gives the same
 * text as core's `renderTemplate`, without running a regular expression for every error.
 */

/** The placeholder syntax of core's `renderTemplate`: `{name}`. */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A template split at its placeholders: `texts[0] {names[0]} texts[1] … texts[n]`. */
interface CompiledTemplate {
  readonly template: string;
  readonly texts: readonly string[];
  readonly names: readonly string[];
}

const compiledByEntry = new WeakMap<object, CompiledTemplate>();

function compileTemplate(template: string): CompiledTemplate {
  const texts: string[] = [];
  const names: string[] = [];
  let textStart = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    texts.push(template.slice(textStart, match.index));
    names.push(match[1] as string);
    textStart = match.index + match[0].length;
  }
  texts.push(template.slice(textStart));
  return { template, texts, names };
}

/**
 * Fills the detail template of a registry entry from params, with the rules of core's
 * `renderTemplate`: a missing or null param leaves its placeholder as written, a string is
 * inserted as it is, and any other value as its JSON text.
 *
 * @throws what reading a param or `JSON.stringify` throws, such as for a BigInt.
 */
export function fillDetailTemplate(entry: { readonly detail: string }, params: Readonly<Record<string, unknown>>): string {
  let compiled = compiledByEntry.get(entry);
  // Entries are plain objects, so the template is compared in case one was replaced after the first error.
  if (compiled === undefined || compiled.template !== entry.detail) {
    compiled = compileTemplate(entry.detail);
    compiledByEntry.set(entry, compiled);
  }

  const { texts, names } = compiled;
  let text = texts[0] as string;
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index] as string;
    const value = params[name];
    if (value === undefined || value === null) {
      text += `{${name}}`;
    } else if (typeof value === 'string') {
      text += value;
    } else {
      // JSON.stringify returns undefined for a function, which `replace` inserts as "undefined".
      text += String(JSON.stringify(value));
    }
    text += texts[index + 1];
  }
  return text;
}
