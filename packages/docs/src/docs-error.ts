/** The error that stops a render, listing every problem found in the registry's docs text. */

/** One problem in the docs text of a code. */
export interface DocsIssue {
  /** The code at fault. */
  code: string;
  /** The entry field at fault, such as `causes[2]` or `related[0].href`. */
  field: string;
  /** Description of the problem and of its fix. */
  message: string;
}

/**
 * Thrown by `renderDocs` when any code's docs text would make a broken page.
 * Nothing is rendered then: `issues` lists every problem of every code.
 */
export class DocsRenderError extends Error {
  readonly issues: readonly DocsIssue[];

  constructor(issues: readonly DocsIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.code} (${issue.field}): ${issue.message}`);
    super(`Cannot render the error docs, ${issues.length} problem(s):\n${lines.join('\n')}`);
    this.name = 'DocsRenderError';
    this.issues = issues;
  }
}
