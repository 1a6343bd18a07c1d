/**
 * Random error graphs through `loggableError` and a real pino logger. A graph contains errors,
 * error-like objects, objects without a message and strings, linked by causes, cause functions,
 * `errors` arrays and members that are enumerable, hidden or inherited. Graphs have cycles, errors
 * shared at many places and chains thousands deep. For every graph:
 * 1. `loggableError` returns without throwing.
 * 2. pino writes the result without throwing. Each string stays within its cut length, and the
 *    line within a bound computed from LOGGED_ERROR_LIMITS and the graph's values (`lineBoundOf`),
 *    and within one computed from LOGGED_ERROR_LIMITS alone (`LIMITS_LINE_BOUND`).
 * 3. A graph within every limit is returned as the same object.
 * 4. The result has the prototype of the logged error.
 * 5. A graph within every limit but for one string of `message` + 1 characters is copied.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOGGED_ERROR_LIMITS, loggableError } from '../src/loggable-error.ts';
import { captureLogs } from './support/logs.ts';

/** An error class of the application, with an own enumerable `code` as such classes often have. */
class QueryError extends Error {
  readonly code = 'E_QUERY';
}

const ERROR_KINDS = ['Error', 'TypeError', 'AggregateError', 'QueryError'] as const;
/** Kinds of values in a graph. pino treats the four error classes and `errorLike` as errors. */
const NODE_KINDS = [...ERROR_KINDS, 'errorLike', 'messageless', 'text'] as const;
const EDGE_KINDS = ['cause', 'causeFunction', 'errors', 'member', 'hiddenMember', 'inheritedMember'] as const;
const MEMBER_NAMES = ['inner', 'original', 'errors', 'detail'] as const;

type NodeKind = (typeof NODE_KINDS)[number];
type EdgeKind = (typeof EDGE_KINDS)[number];

/** A string, or a long one given by its length so that a counterexample prints short. */
type TextSpec = string | { fill: string; length: number };

/** A value of the graph. `text` is the message of an error, the `detail` of an object without a message, or the string itself. */
interface NodeSpec {
  kind: NodeKind;
  text: TextSpec;
}

/** A link from one value to another. `enumerable` applies to a cause and to a new `errors` array. */
interface LinkSpec {
  kind: EdgeKind;
  name: (typeof MEMBER_NAMES)[number];
  enumerable: boolean;
}

/**
 * A link between nodes of a pattern. Node indexes are taken modulo the node count. With
 * `toNextCopy`, the link leads to the node in the next copy of the pattern, which makes the graph
 * deep.
 */
interface EdgeSpec extends LinkSpec {
  from: number;
  to: number;
  toNextCopy: boolean;
}

/** A pattern of nodes and edges, repeated `copies` times. The logged error is node 0 of the first copy. */
interface GraphSpec {
  nodes: NodeSpec[];
  edges: EdgeSpec[];
  copies: number;
}

function textOf(spec: TextSpec): string {
  if (typeof spec === 'string') return spec;
  return spec.fill.repeat(Math.ceil(spec.length / spec.fill.length)).slice(0, spec.length);
}

function createValue(kind: NodeKind, text: string): unknown {
  switch (kind) {
    case 'Error':
      return new Error(text);
    case 'TypeError':
      return new TypeError(text);
    case 'AggregateError':
      return new AggregateError([], text);
    case 'QueryError':
      return new QueryError(text);
    case 'errorLike':
      return { message: text };
    case 'messageless':
      return { status: 503, detail: text };
    case 'text':
      return text;
  }
}

function define(target: object, name: string, value: unknown, enumerable: boolean): void {
  Object.defineProperty(target, name, { value, enumerable, writable: true, configurable: true });
}

/** Returns a prototype that belongs to `value` alone, inserting one above its own prototype the first time. */
function ownPrototypeOf(value: object, ownPrototypes: WeakSet<object>): object {
  const prototype = Object.getPrototypeOf(value) as object;
  if (ownPrototypes.has(prototype)) return prototype;
  const inserted = Object.create(prototype) as object;
  Object.setPrototypeOf(value, inserted);
  ownPrototypes.add(inserted);
  return inserted;
}

/** Checks whether `value` is an object with a message, which `linkValues` gives members. */
function canHold(value: unknown): value is { message: unknown } {
  return typeof value === 'object' && value !== null && 'message' in value;
}

/**
 * Links `from` to `to`. A string has no members, and an object without a message gets none either:
 * pino writes such an object with `JSON.stringify`, and `loggableError` keeps it as it is.
 */
function linkValues(from: unknown, to: unknown, edge: LinkSpec, ownPrototypes: WeakSet<object>): void {
  if (!canHold(from)) return;
  switch (edge.kind) {
    case 'cause':
      return define(from, 'cause', to, edge.enumerable);
    case 'causeFunction':
      return define(from, 'cause', () => to, false);
    case 'errors': {
      const errors = (from as { errors?: unknown }).errors;
      if (Array.isArray(errors)) errors.push(to);
      else define(from, 'errors', [to], edge.enumerable);
      return;
    }
    case 'member':
      return define(from, edge.name, to, true);
    case 'hiddenMember':
      return define(from, edge.name, to, false);
    case 'inheritedMember':
      return define(ownPrototypeOf(from, ownPrototypes), edge.name, to, true);
  }
}

/**
 * Builds the graph of `spec` and returns the values of its first copy. The logged error is the
 * first of them. Each long string is made once and shared.
 */
function buildGraph({ nodes, edges, copies }: GraphSpec): unknown[] {
  const texts = nodes.map((node) => textOf(node.text));
  const layers: unknown[][] = [];
  for (let copy = 0; copy < copies; copy += 1) layers.push(nodes.map((node, index) => createValue(node.kind, texts[index] as string)));

  const ownPrototypes = new WeakSet<object>();
  for (let copy = 0; copy < copies; copy += 1) {
    for (const edge of edges) {
      const targets = edge.toNextCopy ? layers[copy + 1] : layers[copy];
      if (targets === undefined) continue;
      linkValues(layers[copy]?.[edge.from % nodes.length], targets[edge.to % nodes.length], edge, ownPrototypes);
    }
  }
  return layers[0] as unknown[];
}

const {
  message: MESSAGE_LIMIT,
  stack: STACK_LIMIT,
  causes: CAUSES,
  nestingDepth: NESTING_DEPTH,
  totalErrors: TOTAL_ERRORS,
  totalCharacters: TOTAL_CHARACTERS,
  charactersPastBudget: CHARACTERS_PAST_BUDGET,
  members: MEMBERS,
  aggregated: AGGREGATED,
} = LOGGED_ERROR_LIMITS;

/**
 * Short strings of any printable ASCII, and long ones up to `maxLength` of characters that JSON
 * writes as they are. Lengths at the limit and one past it come often.
 */
const textArbitrary = (maxLength: number): fc.Arbitrary<TextSpec> =>
  fc.oneof(
    { arbitrary: fc.string({ maxLength: 24 }), weight: 1 },
    {
      arbitrary: fc.record({
        fill: fc.constantFrom('m', 'é', '€', '😀', 'ab c'),
        length: fc.oneof(
          fc.integer({ min: 1, max: maxLength }),
          fc.constantFrom(...[MESSAGE_LIMIT, MESSAGE_LIMIT + 1].filter((length) => length <= maxLength)),
        ),
      }),
      weight: 1,
    },
  );

/**
 * Nodes of the given kinds, strings three times as often as each other kind. An object without a
 * message has only a short `detail`, because a long one would be kept uncut (see `linkValues`).
 */
const nodeArbitrary = (kinds: readonly NodeKind[], maxTextLength = 40_000): fc.Arbitrary<NodeSpec> =>
  fc
    .oneof(...kinds.map((kind) => ({ arbitrary: fc.constant(kind), weight: kind === 'text' ? 3 : 1 })))
    .chain((kind) => {
      const text = kind === 'messageless' ? fc.string({ maxLength: 24 }) : textArbitrary(maxTextLength);
      return fc.record({ kind: fc.constant(kind), text });
    });

const edgeArbitrary: fc.Arbitrary<EdgeSpec> = fc.record({
  from: fc.nat({ max: 5 }),
  to: fc.nat({ max: 5 }),
  kind: fc.constantFrom(...EDGE_KINDS),
  name: fc.constantFrom(...MEMBER_NAMES),
  enumerable: fc.boolean(),
  toNextCopy: fc.boolean(),
});

/** Graphs of up to 6 nodes and 20 edges. The first edge always leads from node 0 to node 0 of the next copy. */
const graphArbitrary = (copies: fc.Arbitrary<number>): fc.Arbitrary<GraphSpec> =>
  fc.record({
    nodes: fc
      .tuple(nodeArbitrary(ERROR_KINDS), fc.array(nodeArbitrary(NODE_KINDS), { maxLength: 5, size: 'max' }))
      .map(([top, rest]) => [top, ...rest]),
    edges: fc
      .tuple(edgeArbitrary, fc.array(edgeArbitrary, { maxLength: 19, size: 'max' }))
      .map(([spine, rest]) => [{ ...spine, from: 0, to: 0, toNextCopy: true }, ...rest]),
    copies,
  });

/** Logs `err` at error level through a real pino logger and returns the line as written. */
function pinoLineOf(err: Error): string {
  const logs = captureLogs();
  logs.logger.error({ err }, 'request failed');
  return logs.text();
}

/** Length of a string that `loggableError` cut, for strings under 100,000 characters, as generated strings and their stacks are. */
const cutLength = (limit: number) => limit + '… (cut from 99999 characters)'.length;

/**
 * A string that `loggableError` cut, and a note of the length. It keeps the first `message`
 * characters, or, as the first string that no longer fits the character budget, what is left of the
 * budget, and never fewer than `charactersPastBudget`. How much is left depends on the lengths of
 * the stacks spent before it, which depend on the path of the checkout.
 */
const CUT_STRING = new RegExp(`^[\\s\\S]{${CHARACTERS_PAST_BUDGET},${MESSAGE_LIMIT}}… \\(cut from \\d+ characters\\)$`);

/**
 * Returns the strings of a pino line that are longer than a string of a bounded copy may be. A
 * string is at most `message` characters, or cut to that. A message or stack has a part for each
 * error of its chain, and one more when the chain ends in a cycle, which pino closes with the first
 * error again.
 */
function tooLongStrings(line: string): string[] {
  const isTooLong = (key: string, text: string) => {
    if (key === 'message') return text.length > (CAUSES + 1) * (cutLength(MESSAGE_LIMIT) + ': '.length) + ': ...'.length;
    if (key === 'stack') {
      return text.length > (CAUSES + 1) * (cutLength(STACK_LIMIT) + '\ncaused by: '.length) + '\ncauses have become circular...'.length;
    }
    return text.length > MESSAGE_LIMIT && !CUT_STRING.test(text);
  };
  const found: string[] = [];
  const pending: Array<[string, unknown]> = [['', JSON.parse(line) as unknown]];
  while (pending.length > 0) {
    const [key, value] = pending.pop() as [string, unknown];
    if (typeof value === 'string' && isTooLong(key, value)) found.push(`${key}: ${value.length} characters`);
    if (typeof value === 'object' && value !== null) {
      for (const [name, member] of Object.entries(value)) pending.push([Array.isArray(value) ? key : name, member]);
    }
  }
  return found;
}

/** Cuts `text` as `loggableError` does. */
function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (cut from ${text.length} characters)`;
}

/**
 * Returns the max length of the pino line of a graph built from `spec`, whose first copy is `values`:
 *
 *   1,000 + totalErrors × (stack + (1 + nestingDepth) × ((1 + edges) × (value + 20) + 200))
 *
 * `stack` is the longest stack of the graph cut to the `stack` limit, `value` the longest message,
 * string or object without a message cut to the `message` limit, and `edges` the most edges from
 * one node. pino writes at most `totalErrors` errors, counting repeats. For each one it writes:
 * - its stack, folded once into the stack of the first error of its chain. Error stacks are not
 *   enumerable, so `JSON.stringify` does not write them again.
 * - its message, and its members, cause and aggregated values that are not errors, at most one per
 *   edge. pino writes them once, and `JSON.stringify` writes them again for each enumerable
 *   `errors` array above the error, of which there are at most `nestingDepth`.
 * - the names, quotes and counts around them, at most 20 characters a value and 200 an error.
 * The line adds its level, time, pid, hostname and message, under 1,000 characters. Lengths are
 * taken as JSON writes them, so a quote or backslash counts twice. `totalErrors × (2 × message +
 * stack)` alone would not be a bound, because the limits do not cap the number of string members
 * of an error, and `JSON.stringify` writes an enumerable `errors` array a second time.
 */
function lineBoundOf(spec: GraphSpec, values: unknown[]): number {
  const valueLengths = values.map((value) => {
    if (typeof value === 'string') return JSON.stringify(cut(value, MESSAGE_LIMIT)).length;
    if (canHold(value)) return JSON.stringify(cut(String(value.message), MESSAGE_LIMIT)).length;
    return JSON.stringify(value).length;
  });
  const stackLengths = values.map((value) => (value instanceof Error ? JSON.stringify(cut(value.stack ?? '', STACK_LIMIT)).length : 0));
  const outDegrees = values.map((_, index) => spec.edges.filter((edge) => edge.from % values.length === index).length);
  const maxValue = Math.max(...valueLengths);
  return 1_000 + TOTAL_ERRORS * (Math.max(...stackLengths) + (1 + NESTING_DEPTH) * ((1 + Math.max(...outDegrees)) * (maxValue + 20) + 200));
}

/** Max count of strings and other values in a copy: per error its message, stack, `cause`, members and values in `errors`. */
const MAX_VALUES = TOTAL_ERRORS * (3 + MEMBERS + AGGREGATED);

/**
 * Max length of the pino line of any generated graph, from LOGGED_ERROR_LIMITS alone:
 *
 *   1,000 + (1 + nestingDepth) × (2 × (totalCharacters + values × (charactersPastBudget + 34)) + values × 20 + totalErrors × 300)
 *
 * The copy's strings and object members spend at most `totalCharacters`, and every later one keeps
 * `charactersPastBudget`. A cut adds a note of at most 34 characters. A copy contains at most
 * `MAX_VALUES` of them. JSON writes a character of a generated string or stack as at most 2, a
 * quote, a backslash or a line break. Each value adds at most 20 characters of name, quotes and
 * commas, because generated member names are short, and each error 300 for its type, counts and
 * the separators pino puts between the messages and stacks of a chain. pino writes each of them
 * once, and JSON writes them again for each enumerable `errors` array above them, of which there
 * are at most `nestingDepth`. The line adds its level, time, pid, hostname and message.
 * NOTE: this holds for generated graphs only. A control character is written as 6 characters, and
 * the copy does not cut what a `toJSON` method of the error's own class returns.
 */
const LIMITS_LINE_BOUND =
  1_000 +
  (1 + NESTING_DEPTH) *
    (2 * (TOTAL_CHARACTERS + MAX_VALUES * (CHARACTERS_PAST_BUDGET + 34)) + MAX_VALUES * 20 + TOTAL_ERRORS * 300);

/** A link from an earlier node: the one `distance` places back, modulo their count, among the nodes with a message that pino reaches. */
type HolderSpec = LinkSpec & { distance: number };

/**
 * A node held by up to two earlier nodes, and repeated `repeat` times, each repeat held by the one
 * before it through `repeatLink`. Repeats make long cause chains and deep nesting.
 */
interface TreeNodeSpec {
  node: NodeSpec;
  holders: HolderSpec[];
  repeat: number;
  repeatLink: LinkSpec;
}

/**
 * Builds an acyclic graph within every limit and returns its node 0. Each node is linked from its
 * holders. A link that would break a limit is dropped: a second cause of one error, a cause chain
 * longer than `causes`, an error more than `nestingDepth` levels down, and a link past
 * `totalErrors` or `totalCharacters`. The counts are upper bounds: they keep counting a node whose
 * holder's member a later link replaced or hid, levels count hidden members too, and characters
 * count every link that pino meets, hidden or not.
 */
function buildWithinLimits(tree: TreeNodeSpec[]): Error {
  const expanded = tree.flatMap(({ node, holders, repeat, repeatLink }) => [
    { node, holders },
    ...Array.from({ length: repeat - 1 }, () => ({ node, holders: [{ ...repeatLink, distance: 0 }] })),
  ]);
  const values = expanded.map(({ node }) => createValue(node.kind, textOf(node.text)));
  // As `loggableError` counts them: a message twice, because the stack repeats it, a string once,
  // and an object without a message as its JSON text, which is under 64 characters. A QueryError
  // adds its `code` member, name and value. A link through a member adds the name (below).
  const characterCounts = values.map((value) => {
    if (typeof value === 'string') return value.length;
    if (value instanceof QueryError) return 2 * value.message.length + 'code'.length + value.code.length;
    return canHold(value) ? 2 * String(value.message).length : 64;
  });
  const levels = [0];
  const chainPositions = [1];
  const occurrences = [1];
  const withCause = new Set<number>();
  const ownPrototypes = new WeakSet<object>();
  const reachableHolders = [0];
  let total = 1;
  let characters = characterCounts[0] as number;

  for (let index = 1; index < expanded.length; index += 1) {
    levels[index] = 0;
    chainPositions[index] = 1;
    occurrences[index] = 0;
    for (const holder of expanded[index]?.holders ?? []) {
      const parent = reachableHolders[reachableHolders.length - 1 - (holder.distance % reachableHolders.length)] as number;
      const isCause = holder.kind === 'cause' || holder.kind === 'causeFunction';
      const level = (levels[parent] as number) + (isCause ? 0 : 1);
      const chainPosition = isCause ? (chainPositions[parent] as number) + 1 : 1;
      // pino meets the held error once for each time it meets the holder, unless the member is hidden.
      const added = holder.kind === 'hiddenMember' ? 0 : (occurrences[parent] as number);
      const addedErrors = canHold(values[index]) ? added : 0;
      const isNamedMember = holder.kind === 'member' || holder.kind === 'inheritedMember';
      const addedCharacters = added * ((characterCounts[index] as number) + (isNamedMember ? holder.name.length : 0));
      if (isCause && withCause.has(parent)) continue;
      if (level > NESTING_DEPTH || chainPosition > CAUSES || total + addedErrors > TOTAL_ERRORS) continue;
      if (characters + addedCharacters > TOTAL_CHARACTERS) continue;

      linkValues(values[parent], values[index], holder, ownPrototypes);
      if (isCause) withCause.add(parent);
      levels[index] = Math.max(levels[index] as number, level);
      chainPositions[index] = Math.max(chainPositions[index] as number, chainPosition);
      occurrences[index] = (occurrences[index] as number) + added;
      total += addedErrors;
      characters += addedCharacters;
    }
    if (canHold(values[index]) && (occurrences[index] as number) > 0) reachableHolders.push(index);
  }
  return values[0] as Error;
}

const linkArbitrary: fc.Arbitrary<LinkSpec> = fc.record({
  kind: fc.constantFrom(...EDGE_KINDS),
  name: fc.constantFrom(...MEMBER_NAMES),
  enumerable: fc.boolean(),
});

const treeNodeArbitrary: fc.Arbitrary<TreeNodeSpec> = fc.record({
  node: nodeArbitrary(NODE_KINDS, MESSAGE_LIMIT),
  holders: fc.array(
    fc.record({ link: linkArbitrary, distance: fc.nat({ max: 12 }) }).map(({ link, distance }) => ({ ...link, distance })),
    { minLength: 1, maxLength: 2, size: 'max' },
  ),
  repeat: fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.integer({ min: 2, max: 20 }), weight: 1 }),
  repeatLink: linkArbitrary,
});

/** Graphs of up to 30 nodes before repeats, with strings up to `message` characters. */
const withinLimitsArbitrary: fc.Arbitrary<TreeNodeSpec[]> = fc
  .tuple(nodeArbitrary(ERROR_KINDS, MESSAGE_LIMIT), fc.array(treeNodeArbitrary, { maxLength: 29, size: 'max' }))
  .map(([top, rest]) => [{ node: top, holders: [], repeat: 1, repeatLink: { kind: 'member', name: 'inner', enumerable: true } }, ...rest]);

/** Returns the objects with a message that pino reaches from `top`: causes, cause functions, `errors` arrays and enumerable members. */
function reachableErrorsOf(top: object): object[] {
  const found = new Set<object>();
  const pending: unknown[] = [top];
  while (pending.length > 0) {
    const value = pending.pop();
    if (!canHold(value) || found.has(value)) continue;
    found.add(value);
    const record = value as Record<string, unknown>;
    pending.push(typeof record.cause === 'function' ? (record.cause as () => unknown)() : record.cause);
    if (Array.isArray(record.errors)) pending.push(...record.errors);
    for (const name in record) pending.push(record[name]);
  }
  return [...found];
}

/** Where a string one past the limit goes: in `message`, or linked as a cause, aggregated error or member. */
interface PastLimitSpec extends LinkSpec {
  inMessage: boolean;
  /** The index, modulo their count, of the reachable error that gets the string. */
  holder: number;
}

const pastLimitArbitrary: fc.Arbitrary<PastLimitSpec> = fc.record({
  inMessage: fc.boolean(),
  holder: fc.nat(),
  kind: fc.constantFrom(...EDGE_KINDS),
  name: fc.constantFrom(...MEMBER_NAMES),
  enumerable: fc.boolean(),
});

/**
 * Puts a string of `message` + 1 characters into a reachable error of the graph. pino does not
 * write a string that a cause function returns, or the value of a hidden or shadowed member, so
 * these links become an own enumerable member.
 */
function addStringPastLimit(top: Error, { inMessage, holder, ...link }: PastLimitSpec): void {
  const errors = reachableErrorsOf(top);
  const target = errors[holder % errors.length] as object;
  const text = 'x'.repeat(MESSAGE_LIMIT + 1);
  if (inMessage) return define(target, 'message', text, Object.prototype.propertyIsEnumerable.call(target, 'message'));

  const isShadowed = link.kind === 'inheritedMember' && Object.hasOwn(target, link.name);
  const isHidden = link.kind === 'causeFunction' || link.kind === 'hiddenMember' || isShadowed;
  linkValues(target, text, isHidden ? { ...link, kind: 'member' } : link, new WeakSet());
}

/** Checks properties 1, 2 and 4 of the file's header on the graph of `spec`. */
function checkBounded(spec: GraphSpec): void {
  const values = buildGraph(spec);
  const error = values[0] as Error;
  const copy = loggableError(error);
  const line = pinoLineOf(copy);

  expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(error));
  expect(tooLongStrings(line)).toEqual([]);
  expect(line.length).toBeLessThan(lineBoundOf(spec, values));
  expect(line.length).toBeLessThan(LIMITS_LINE_BOUND);
}

describe('loggableError on random graphs', () => {
  it('returns graphs within the limits unchanged', () => {
    fc.assert(
      fc.property(withinLimitsArbitrary, (tree) => {
        const error = buildWithinLimits(tree);

        expect(loggableError(error)).toBe(error);
      }),
      { numRuns: 200 },
    );
  });

  it('copies graphs with one long string', () => {
    fc.assert(
      fc.property(withinLimitsArbitrary, pastLimitArbitrary, (tree, pastLimit) => {
        const error = buildWithinLimits(tree);
        addStringPastLimit(error, pastLimit);
        const copy = loggableError(error);

        expect(copy).not.toBe(error);
        expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(error));
        expect(tooLongStrings(pinoLineOf(copy))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts a string cut to the budget left', () => {
    // Four messages of 1 character and four stacks spend all but 16,380 characters of the budget,
    // so the long cause, which spends after them, keeps those 16,380.
    const stackLengths = [LOGGED_ERROR_LIMITS.stack, LOGGED_ERROR_LIMITS.stack, LOGGED_ERROR_LIMITS.stack, 16_384];
    const [error, ...members] = stackLengths.map((length) => Object.assign(new Error('m'), { stack: 's'.repeat(length) }));
    for (const [index, member] of members.entries()) Object.defineProperty(error, `inner${index}`, { value: member, enumerable: true });
    Object.defineProperty(error, 'cause', { value: 'x'.repeat(MESSAGE_LIMIT + 1), enumerable: true });
    const line = JSON.parse(pinoLineOf(loggableError(error!))) as { err: { cause: string } };

    expect(line.err.cause).toBe(`${'x'.repeat(16_380)}… (cut from ${MESSAGE_LIMIT + 1} characters)`);
    expect(tooLongStrings(JSON.stringify(line))).toEqual([]);
  });

  it('bounds the line of small graphs', () => {
    fc.assert(fc.property(graphArbitrary(fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 30 }))), checkBounded), { numRuns: 200 });
  });

  it('bounds the line of deep graphs', () => {
    fc.assert(fc.property(graphArbitrary(fc.integer({ min: 1_000, max: 3_000 })), checkBounded), { numRuns: 10 });
  });
});
