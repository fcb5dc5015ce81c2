import { Buffer } from 'node:buffer';
import type { Node } from 'web-tree-sitter';
import { docCommentOf } from './docCommentOf';
import type { FunctionAtCursor, SourceLanguage } from './FunctionAtCursor';
import { functionShape, type FunctionShape } from './functionShape';
import { openBrackets } from './openBrackets';
import { withSyntaxTree } from './withSyntaxTree';

/** What is read off the function before the cursor. */
type Located = Pick<FunctionAtCursor, 'name' | 'kind' | 'params' | 'docComment' | 'start' | 'bodyStart'> & {
  hasStatementsBefore: boolean;
};

/**
 * The innermost named function whose body contains `cursor` (a JS string offset into
 * `source`), or undefined when the cursor is not in a function body (top level, parameter
 * list, anonymous callback at top level).
 *
 * Unfinished code is the normal case (a body with no closing brace yet, followed by the rest
 * of the file), and tree-sitter's error recovery can then mis-nest or flatten it. Everything
 * the header needs lies before the cursor, so the function is located in the text up to the
 * cursor with its open brackets closed, which parses the way the user is writing it; the whole
 * document is parsed as a fallback (e.g. a cursor inside an unclosed string) and to learn
 * whether the function is already complete.
 */
export async function findFunctionAtCursor(
  source: string,
  cursor: number,
  language: SourceLanguage,
): Promise<FunctionAtCursor | undefined> {
  if (!Number.isInteger(cursor) || cursor < 0 || cursor > source.length) {
    throw new RangeError(`Cursor offset ${cursor} is outside the document (0..${source.length}).`);
  }
  const closed = await closeAtCursor(source.slice(0, cursor), language);
  const found = (await locate(closed, cursor, language)) ?? (await locate(source, cursor, language));
  if (!found) return undefined;
  const { start, bodyStart } = found;
  const rest = await restOfFunction(source, cursor, language, found);
  const end = rest?.end;
  const bytes = (offset: number) => Buffer.byteLength(source.slice(0, offset), 'utf8');
  return {
    language,
    name: found.name,
    kind: found.kind,
    params: found.params,
    docComment: found.docComment,
    start,
    bodyStart,
    cursor,
    end,
    header: source.slice(start, bodyStart),
    bodySoFar: source.slice(bodyStart, cursor),
    bodyEmpty: !found.hasStatementsBefore && !rest?.hasStatementsAfter,
    bytes: { start: bytes(start), bodyStart: bytes(bodyStart), cursor: bytes(cursor), end: end === undefined ? undefined : bytes(end) },
  };
}

/**
 * The text up to the cursor, completed so that it parses: every bracket still open is closed
 * on a line of its own (a line comment may end the prefix). In Python, a blank cursor line
 * gets `pass` so that the body the cursor sits in exists.
 */
async function closeAtCursor(prefix: string, language: SourceLanguage): Promise<string> {
  const closers = await withSyntaxTree(prefix, language, openBrackets);
  if (closers.length > 0) return prefix + closers.reverse().map((closer) => `\n${closer}`).join('');
  const cursorLine = prefix.slice(prefix.lastIndexOf('\n') + 1);
  return language === 'python' && cursorLine.trim() === '' ? `${prefix}pass` : prefix;
}

function locate(text: string, cursor: number, language: SourceLanguage): Promise<Located | undefined> {
  return withSyntaxTree(text, language, (root) => {
    const shape = functionsAround(root, text, cursor).at(-1);
    if (!shape) return undefined;
    return {
      name: shape.name,
      kind: shape.kind,
      params: shape.params,
      docComment: docCommentOf(shape, text),
      start: shape.outer.startIndex,
      bodyStart: shape.bodyStart,
      hasStatementsBefore: statementsOf(shape).some((statement) => statement.startIndex < cursor),
    };
  });
}

/**
 * Whether the function is already complete in the document, and where it ends. A body counts
 * as closed when its `}` is real and the tokens inside balance: error recovery otherwise lends
 * an unfinished function the `}` of the code after it. A half-typed line at the cursor does
 * not make a closed function incomplete. Python has no closing token: a function is
 * complete when its body goes on after the cursor.
 */
function restOfFunction(source: string, cursor: number, language: SourceLanguage, found: Located) {
  return withSyntaxTree(source, language, (root) => {
    const shape = functionsAround(root, source, cursor).find(
      (candidate) => candidate.outer.startIndex === found.start && candidate.bodyStart === found.bodyStart,
    );
    if (!shape) return undefined;
    const hasStatementsAfter = statementsOf(shape).some((statement) => statement.startIndex >= cursor);
    const closed = language === 'python' ? hasStatementsAfter : bodyIsClosed(shape);
    return closed ? { end: shape.outer.endIndex, hasStatementsAfter } : undefined;
  });
}

function bodyIsClosed(shape: FunctionShape): boolean {
  const body = shape.fn.childForFieldName('body');
  return !!body && shape.bodyEnd < body.endIndex && openBrackets(body).length === 0;
}

/**
 * Functions whose body contains the cursor, outermost first. A Python body ends with its last
 * token, so spaces typed after it on the same line still belong to it.
 */
function functionsAround(root: Node, text: string, cursor: number): FunctionShape[] {
  const lineStart = text.lastIndexOf('\n', cursor - 1) + 1;
  const reaches = (end: number) => end >= cursor || (end >= lineStart && text.slice(end, cursor).trim() === '');
  const found: FunctionShape[] = [];
  const visit = (node: Node): void => {
    const shape = functionShape(node);
    const isPython = node.type === 'function_definition';
    if (shape && shape.bodyStart <= cursor && (isPython ? reaches(shape.bodyEnd) : cursor <= shape.bodyEnd)) found.push(shape);
    for (const child of node.children) {
      if (child && child.startIndex <= cursor && reaches(child.endIndex)) visit(child);
    }
  };
  visit(root);
  return found;
}

/** The body's statements, without comments and without a Python docstring. */
function statementsOf(shape: FunctionShape): Node[] {
  const body = shape.fn.childForFieldName('body');
  const statements = (body?.namedChildren ?? []).filter((child): child is Node => !!child && child.type !== 'comment');
  const first = statements[0];
  const isDocstring = shape.fn.type === 'function_definition' && first?.type === 'expression_statement'
    && first.namedChildCount === 1 && first.namedChild(0)?.type === 'string';
  return isDocstring ? statements.slice(1) : statements;
}
