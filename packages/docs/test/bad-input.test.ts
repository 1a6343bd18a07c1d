/** Docs text that would make an empty or broken page fails the render, naming the code and field. */
import type { ErrorEntry, Tombstone } from '@agnes/errors';
import { describe, expect, it } from 'vitest';
import { DocsRenderError, renderDocs, type DocsIssue } from '../src/index.ts';
import { testEntry, TEST_SITE, TEST_SITE_PAGES, unvalidatedRegistry } from './fixtures.ts';

function issuesOf(entries: Record<string, ErrorEntry<any>>, tombstones: readonly Tombstone[] = []): readonly DocsIssue[] {
  try {
    renderDocs({ ...unvalidatedRegistry(entries), tombstones }, { sitePages: TEST_SITE_PAGES, site: TEST_SITE });
  } catch (error) {
    if (error instanceof DocsRenderError) return error.issues;
    throw error;
  }
  return [];
}

interface BadInputCase {
  name: string;
  entry: Partial<ErrorEntry<any>>;
  field: string;
  message: string;
}

const cases: BadInputCase[] = [
  { name: 'empty when', entry: { when: '  ' }, field: 'when', message: 'is empty' },
  { name: 'empty summary', entry: { summary: '' }, field: 'summary', message: 'is empty' },
  { name: 'empty title', entry: { title: '' }, field: 'title', message: 'is empty' },
  { name: 'empty detail', entry: { detail: '' }, field: 'detail', message: 'is empty' },
  { name: 'empty advice', entry: { retry: { retryable: false, advice: '' } }, field: 'retry.advice', message: 'is empty' },
  { name: 'empty reason', entry: { retry: { retryable: false, advice: 'a', reason: '' } }, field: 'retry.reason', message: 'is empty' },
  { name: 'empty cause item', entry: { causes: ['A cause.', ''] }, field: 'causes[1]', message: 'is empty' },
  { name: 'no causes', entry: { causes: [] }, field: 'causes', message: 'list at least one item' },
  { name: 'no fix steps', entry: { fix: [] }, field: 'fix', message: 'list at least one item' },
  {
    name: 'related page missing',
    entry: { related: [{ href: '/guides/nowhere', title: 'Nowhere' }] },
    field: 'related[0].href',
    message: 'links to /guides/nowhere, which is not a page of the site',
  },
  {
    name: 'link in a step to a missing page',
    entry: { fix: ['Read [the guide](/guides/gone#setup).'] },
    field: 'fix[0]',
    message: 'links to /guides/gone#setup, which is not a page of the site',
  },
  {
    name: 'link to a missing error page',
    entry: { causes: ['See [`nope`](/errors/nope).'] },
    field: 'causes[0]',
    message: 'links to /errors/nope',
  },
  {
    name: 'relative link',
    entry: { when: 'See [widgets](../guides/widgets).' },
    field: 'when',
    message: 'is not a site-absolute path',
  },
  { name: 'related code missing', entry: { related: [{ code: 'nope' }] }, field: 'related[0].code', message: '"nope" is not a code' },
  {
    name: 'replacement missing',
    entry: { deprecated: { since: '1.1.0', replacement: 'nope' } },
    field: 'deprecated.replacement',
    message: '"nope" is not a code',
  },
  {
    name: 'unclosed fence',
    entry: { causes: ['A body such as:\n\n```json\n{ "a": 1 }'] },
    field: 'causes[0]',
    message: 'opens a code fence on line 3 that is never closed',
  },
  {
    name: 'unclosed tilde fence',
    entry: { when: '~~~~\ncode\n~~~' },
    field: 'when',
    message: 'opens a code fence on line 1',
  },
  { name: 'raw script block', entry: { when: '<script>alert(1)</script>' }, field: 'when', message: 'contains raw HTML "<script>' },
  { name: 'raw script inline', entry: { fix: ['Run <script src="x.js"></script> now.'] }, field: 'fix[0]', message: 'contains raw HTML' },
  { name: 'raw HTML in summary', entry: { summary: 'a <b>bold</b> claim' }, field: 'summary', message: 'contains raw HTML "<b>"' },
  { name: 'HTML comment', entry: { when: 'Text.\n\n<!-- hidden -->' }, field: 'when', message: 'contains raw HTML' },
  {
    name: 'raw HTML in related note',
    entry: { related: [{ href: '/guides/widgets', title: 'Widgets', note: '<img src=x>' }] },
    field: 'related[0].note',
    message: 'contains raw HTML',
  },
  { name: 'heading in when', entry: { when: 'Intro.\n\n## Causes' }, field: 'when', message: 'contains a heading' },
  { name: 'setext heading in step', entry: { fix: ['Title\n====='] }, field: 'fix[0]', message: 'contains a heading' },
  { name: 'brace in text', entry: { causes: ['The body is {}.'] }, field: 'causes[0]', message: 'contains a brace outside code' },
  { name: 'double brace in code span', entry: { fix: ['Send `{{ token }}`.'] }, field: 'fix[0]', message: 'contains "{{" in a code span' },
  { name: 'autolink', entry: { when: 'See <https://example.com>.' }, field: 'when', message: 'autolink' },
  {
    name: 'javascript link',
    entry: { causes: ['Click [here](javascript:alert(1)).'] },
    field: 'causes[0]',
    message: 'links to "javascript:alert(1)", which uses the javascript: scheme; link a page of the site by its path',
  },
  {
    name: 'javascript link in capitals',
    entry: { fix: ['Click [here](JavaScript:alert(1)).'] },
    field: 'fix[0]',
    message: 'uses the JavaScript: scheme',
  },
  { name: 'plain http link', entry: { when: 'See [the spec](http://example.com/spec).' }, field: 'when', message: 'uses the http: scheme' },
  { name: 'mailto link', entry: { fix: ['Write to [support](mailto:help@example.com).'] }, field: 'fix[0]', message: 'uses the mailto: scheme' },
  { name: 'data image', entry: { when: 'Look: ![x](data:image/png;base64,AAAA)' }, field: 'when', message: 'uses the data: scheme' },
  {
    name: 'javascript related href',
    entry: { related: [{ href: 'javascript:alert(1)' as `/${string}`, title: 'Widgets' }] },
    field: 'related[0].href',
    message: 'uses the javascript: scheme',
  },
  {
    name: 'protocol-relative link',
    entry: { when: 'See [x](//example.com/a).' },
    field: 'when',
    message: 'is not a site-absolute path',
  },
  { name: 'summary on two lines', entry: { summary: 'one\ntwo' }, field: 'summary', message: 'spans several lines' },
  { name: 'summary ends in period', entry: { summary: 'no widget.' }, field: 'summary', message: 'ends with a period' },
  { name: 'list in summary', entry: { summary: '- item' }, field: 'summary', message: 'must be inline Markdown' },
  {
    name: 'bracket in related title',
    entry: { related: [{ href: '/guides/widgets', title: 'Widgets [v2]' }] },
    field: 'related[0].title',
    message: 'square bracket',
  },
  { name: 'status without family', entry: { status: 418 }, field: 'sdk', message: 'status 418 has no family' },
];

describe('bad docs text', () => {
  it.each(cases)('$name fails naming $field', ({ entry, field, message }) => {
    const issues = issuesOf({ widget_missing: testEntry(entry) });
    expect(issues.map((issue) => `${issue.code} ${issue.field}`)).toContain(`widget_missing ${field}`);
    const messages = issues.filter((issue) => issue.field === field).map((issue) => issue.message);
    expect(messages.join('\n')).toContain(message);
  });

  it('fine text passes', () => {
    expect(issuesOf({ widget_missing: testEntry() })).toEqual([]);
  });

  it('https links and fragments pass', () => {
    const entry = testEntry({ causes: ['See [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110) and [below](#how-to-fix).'] });
    expect(issuesOf({ widget_missing: entry })).toEqual([]);
  });

  it('reports an HTML tag pair once', () => {
    const issues = issuesOf({ widget_missing: testEntry({ fix: ['Run <script src="x.js"></script> now.'] }) });
    expect(issues.map((issue) => issue.message)).toEqual([
      'contains raw HTML "<script src=\\"x.js\\">"; write plain Markdown, or put the markup in a code span',
    ]);
  });

  it('reports a closing tag without its opening tag', () => {
    const issues = issuesOf({ widget_missing: testEntry({ when: 'Text with a stray </b> tag.' }) });
    expect(issues.map((issue) => issue.message)).toEqual([
      'contains raw HTML "</b>"; write plain Markdown, or put the markup in a code span',
    ]);
  });

  it('reports each of two different tags', () => {
    const issues = issuesOf({ widget_missing: testEntry({ when: 'A <b>bold</b> and <i>italic</i> claim.' }) });
    expect(issues.map((issue) => issue.message.slice(0, 24))).toEqual(['contains raw HTML "<b>";', 'contains raw HTML "<i>";']);
  });

  it('code in a fence or code span passes', () => {
    const entry = testEntry({
      causes: ['A body such as:\n\n```json\n{ "a": "<script>" }\n```', 'The `{}` body or `<b>`.'],
    });
    expect(issuesOf({ widget_missing: entry })).toEqual([]);
  });
});

describe('render of a registry with bad text', () => {
  const entries = {
    widget_missing: testEntry(),
    widget_gone: testEntry({ when: '<script>x</script>' }),
    widget_late: testEntry({ fix: ['See [x](/nope).'] }),
  };

  it('throws one error listing every problem', () => {
    expect(() => renderDocs(unvalidatedRegistry(entries), { sitePages: TEST_SITE_PAGES, site: TEST_SITE })).toThrow(
      /widget_gone \(when\): contains raw HTML[\s\S]*widget_late \(fix\[0\]\): links to \/nope/,
    );
  });

  it('names only the codes at fault', () => {
    expect(new Set(issuesOf(entries).map((issue) => issue.code))).toEqual(new Set(['widget_gone', 'widget_late']));
  });

  it('rejects a site page path that is not absolute', () => {
    expect(() =>
      renderDocs(unvalidatedRegistry({ widget_missing: testEntry() }), { sitePages: ['guides/widgets'], site: TEST_SITE }),
    ).toThrow('Invalid site page path "guides/widgets" in sitePages: expected a site-absolute path');
  });
});

describe('bad tombstones', () => {
  interface TombstoneCase {
    name: string;
    tombstone: Tombstone;
    field: string;
    message: string;
  }

  const tombstoneCases: TombstoneCase[] = [
    {
      name: 'code still in use',
      tombstone: { code: 'widget_missing', removedIn: '1.0.0' },
      field: 'tombstones[0].code',
      message: 'is a code of the registry and also on the tombstone list',
    },
    { name: 'empty version', tombstone: { code: 'old_widget', removedIn: ' ' }, field: 'tombstones[0].removedIn', message: 'is empty' },
    {
      name: 'raw HTML in reason',
      tombstone: { code: 'old_widget', removedIn: '1.0.0', reason: 'see <b>this</b>' },
      field: 'tombstones[0].reason',
      message: 'contains raw HTML "<b>"',
    },
    {
      name: 'reason ends in period',
      tombstone: { code: 'old_widget', removedIn: '1.0.0', reason: 'merged.' },
      field: 'tombstones[0].reason',
      message: 'ends with a period',
    },
    {
      name: 'reason links a missing page',
      tombstone: { code: 'old_widget', removedIn: '1.0.0', reason: 'see [the guide](/guides/gone)' },
      field: 'tombstones[0].reason',
      message: 'links to /guides/gone, which is not a page of the site',
    },
  ];

  it.each(tombstoneCases)('$name fails naming $field', ({ tombstone, field, message }) => {
    const issues = issuesOf({ widget_missing: testEntry() }, [tombstone]);
    expect(issues.map((issue) => `${issue.code} ${issue.field}`)).toEqual([`${tombstone.code} ${field}`]);
    expect(issues[0]?.message).toContain(message);
  });

  it('reason may link another retired code', () => {
    const tombstones = [
      { code: 'old_widget', removedIn: '1.0.0', reason: 'replaced by [`older_widget`](/errors/older_widget)' },
      { code: 'older_widget', removedIn: '0.9.0' },
    ];
    expect(issuesOf({ widget_missing: testEntry() }, tombstones)).toEqual([]);
  });
});
