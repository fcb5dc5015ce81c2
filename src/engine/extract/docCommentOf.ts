import type { Node } from 'web-tree-sitter';
import type { FunctionShape } from './functionShape';

/**
 * The function's documentation: a Python docstring (first statement of the body), else the
 * comments right above the function — one block comment (JSDoc) or a run of consecutive
 * line comments, each on its own line, with no blank line before the function.
 */
export function docCommentOf(shape: FunctionShape, source: string): string | undefined {
  return docstringOf(shape) ?? commentsAbove(shape.outer, source);
}

function docstringOf(shape: FunctionShape): string | undefined {
  if (shape.fn.type !== 'function_definition') return undefined;
  const first = shape.fn.childForFieldName('body')?.namedChildren.find((child) => child?.type !== 'comment');
  const onlyChild = first?.type === 'expression_statement' && first.namedChildCount === 1 ? first.namedChild(0) : null;
  return onlyChild?.type === 'string' ? onlyChild.text : undefined;
}

function commentsAbove(outer: Node, source: string): string | undefined {
  const nearest = outer.previousSibling;
  let first: Node | undefined;
  let below = outer;
  for (let prev = nearest; prev?.type === 'comment'; prev = prev.previousSibling) {
    if (!adjacent(prev, below, source) || !startsLine(prev, source)) break;
    // A block comment (JSDoc) documents alone; it never joins line comments next to it.
    if (first && (isBlock(prev) || isBlock(first))) break;
    first = prev;
    below = prev;
  }
  return first && nearest ? source.slice(first.startIndex, nearest.endIndex) : undefined;
}

function isBlock(comment: Node): boolean {
  return comment.text.startsWith('/*');
}

function adjacent(above: Node, below: Node, source: string): boolean {
  return /^[ \t]*\r?\n?[ \t]*$/.test(source.slice(above.endIndex, below.startIndex));
}

function startsLine(node: Node, source: string): boolean {
  const lineStart = source.lastIndexOf('\n', node.startIndex - 1) + 1;
  return source.slice(lineStart, node.startIndex).trim() === '';
}
