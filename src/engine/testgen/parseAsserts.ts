import type { Node } from 'web-tree-sitter';
import type { SourceLanguage } from '../extract/FunctionAtCursor';
import { withSyntaxTree } from '../extract/withSyntaxTree';

/** Options of parseAsserts. */
export interface ParseAssertsOptions {
  language: SourceLanguage;
  /** Asserts that never mention this name (as code, not in a string) are dropped. */
  functionName: string;
  /** Keep at most this many asserts (the tier's tests per sample). */
  max: number;
  /** The start of the first assert, written by the prompt; prepended to the text. Default: none. */
  prefill?: string;
}

// Longest assert (or test block) considered, in lines: bounds the work spent on a line that never parses.
const MAX_ASSERT_LINES = 20;
const MAX_BLOCK_LINES = 40;
const STARTS_ASSERT: Record<'js' | 'python', RegExp> = {
  js: /^\s*(?:assert\b|console\.assert\b|\{\s*$)/,
  python: /^\s*assert\b/,
};
const STARTS_BLOCK = /^\s*\{\s*$/;

/**
 * The asserts in a model's test-generation output: statements that are assertions
 * (`assert(…)`, `assert.xxx(…)`, `console.assert(…)`; Python `assert …`), mention the function
 * and parse cleanly on their own, possibly over several lines. A JavaScript test may also be a
 * block that sets something up and asserts on it — `{ const c = new Counter(2); c.inc();
 * assert.strictEqual(c.value, 3); }`, how a method is tested — kept whole when it contains an
 * assertion and mentions the function. Everything else (prose, comments, other code, broken
 * asserts) is dropped. Asserts are trimmed, JS ones end with `;` (blocks with `}`), duplicates
 * are dropped and at most `max` are kept, in order.
 */
export async function parseAsserts(text: string, options: ParseAssertsOptions): Promise<string[]> {
  const lines = `${options.prefill ?? ''}${text}`.split('\n');
  const startsAssert = STARTS_ASSERT[options.language === 'python' ? 'python' : 'js'];
  const asserts: string[] = [];
  let line = 0;
  while (line < lines.length && asserts.length < options.max) {
    const chunk = startsAssert.test(lines[line]) ? await parseChunk(lines, line, startsAssert, options) : undefined;
    if (!chunk) {
      line++;
      continue;
    }
    for (const assertion of chunk.asserts) {
      if (asserts.length < options.max && !asserts.includes(assertion)) asserts.push(assertion);
    }
    line = chunk.next;
  }
  return asserts;
}

/**
 * The shortest run of lines from `first` that parses without errors, with the asserts in it;
 * a run stops before the next line that starts an assert (a block: before the next block),
 * so one broken assert cannot swallow the next. A block that never closes yields no asserts
 * and is skipped whole.
 */
async function parseChunk(lines: string[], first: number, startsAssert: RegExp, options: ParseAssertsOptions) {
  const indent = /^\s*/.exec(lines[first])![0];
  // A block's own lines are asserts too: it ends at its closing brace, not at the next assert.
  const isBlock = options.language !== 'python' && STARTS_BLOCK.test(lines[first]);
  const last = Math.min(lines.length, first + (isBlock ? MAX_BLOCK_LINES : MAX_ASSERT_LINES));
  const startsNextBlock = (line: string) => STARTS_BLOCK.test(line) && line.startsWith(`${indent}{`);
  for (let end = first + 1; end <= last; end++) {
    if (!isBlock && end > first + 1 && startsAssert.test(lines[end - 1])) return undefined;
    // An unclosed block must not swallow the next test block.
    if (isBlock && end > first + 1 && startsNextBlock(lines[end - 1])) break;
    // Python rejects indented top-level code; asserts copied from a test function are indented.
    const chunk = lines.slice(first, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
    const asserts = await withSyntaxTree(chunk, options.language, (root) =>
      root.hasError ? undefined : root.namedChildren.filter((node): node is Node => !!node && isWanted(node, options)).map((node) => normalise(node, options.language)),
    );
    if (asserts) return { asserts, next: end };
  }
  if (!isBlock) return undefined;
  // A broken block's inner asserts depend on its setup: none of them is kept on its own.
  const next = lines.findIndex((line, i) => i > first && startsNextBlock(line));
  return { asserts: [], next: next < 0 ? lines.length : next };
}

function isWanted(statement: Node, options: ParseAssertsOptions): boolean {
  const asserts = statement.type === 'statement_block'
    ? statement.descendantsOfType('expression_statement').some((inner) => !!inner && isAssertion(inner, options.language))
    : isAssertion(statement, options.language);
  if (!asserts) return false;
  return statement.descendantsOfType(['identifier', 'property_identifier']).some((name) => name?.text === options.functionName);
}

function isAssertion(statement: Node, language: SourceLanguage): boolean {
  if (language === 'python') return statement.type === 'assert_statement';
  if (statement.type !== 'expression_statement') return false;
  const call = statement.namedChild(0);
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  if (!callee) return false;
  if (callee.text === 'console.assert') return true;
  // `assert.strict.equal(…)` and the like: the member chain starts at `assert`.
  let root: Node | null = callee;
  while (root?.type === 'member_expression') root = root.childForFieldName('object');
  return root?.type === 'identifier' && root.text === 'assert';
}

function normalise(statement: Node, language: SourceLanguage): string {
  const text = statement.text.trim();
  return language === 'python' || text.endsWith(';') || statement.type === 'statement_block' ? text : `${text};`;
}
