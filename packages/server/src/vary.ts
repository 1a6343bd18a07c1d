/** The `Vary` response header (RFC 9110, section 12.5.5): joining the values of several sources. */

/**
 * Joins `Vary` values into one, with each field name once. Names compare case-insensitively, and
 * the first spelling is kept. A `*` among them replaces all names, because it already means that
 * the response varies on more than the request's fields. Returns `undefined` when no value names
 * a field.
 *
 * @example
 * joinVary('Origin, Accept', 'origin') // 'Origin, Accept'
 */
export function joinVary(...values: (string | null | undefined)[]): string | undefined {
  const names = new Map<string, string>();
  for (const value of values) {
    for (const name of (value ?? '').split(',')) {
      const trimmed = name.trim();
      if (trimmed === '') continue;
      if (trimmed === '*') return '*';
      const key = trimmed.toLowerCase();
      if (!names.has(key)) names.set(key, trimmed);
    }
  }
  return names.size === 0 ? undefined : [...names.values()].join(', ');
}
