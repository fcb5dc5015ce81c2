import type { CutResult } from './cutCompletedFunction';
import { withSyntaxTree } from './withSyntaxTree';

const DEFINITIONS = new Set(['function_definition', 'decorated_definition']);

/**
 * Python side of cutCompletedFunction. A body ends at the first non-blank line indented less
 * than its statements; such a line can also be the continuation of a string or bracket, so
 * each one is tried in order (then the end of the text) and the first cut at which the text
 * is one cleanly parsing `def` with a non-empty body wins. Trailing blank lines are dropped.
 */
export async function cutPythonFunction(functionSoFar: string, generated: string): Promise<CutResult> {
  const text = functionSoFar + generated;
  const indent = bodyIndentation(text);
  if (indent === undefined) return { ok: false, reason: 'The function has no indented body.' };
  for (const end of [...dedentedLineStarts(text, functionSoFar.length, indent), text.length]) {
    const candidate = text.slice(0, end).trimEnd();
    if (!(await isWholeFunction(candidate))) continue;
    // The user's own text may already complete the function (only blank lines follow).
    const completion = candidate.length > functionSoFar.length ? candidate.slice(functionSoFar.length) : '';
    return { ok: true, completion, functionText: functionSoFar + completion };
  }
  return { ok: false, reason: 'The completed function does not parse cleanly (syntax error or empty body).' };
}

/**
 * Indentation of the body: that of the first code line after the header line, i.e. the first
 * line ending with `:` (multi-line parameter lists end with `) -> T:`). A `#` inside a string
 * can look like a comment, so a line counts with and without its apparent comment.
 */
function bodyIndentation(text: string): number | undefined {
  const lines = text.split('\n');
  const header = lines.findIndex((line) => line.trimEnd().endsWith(':') || line.replace(/#.*$/, '').trimEnd().endsWith(':'));
  if (header === -1) return undefined;
  const first = lines.slice(header + 1).find((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  // The text starts at the `def` (or decorator), so a body line at column 0 is no body.
  const indent = first === undefined ? 0 : indentationOf(first);
  return indent > 0 ? indent : undefined;
}

/** Starts of the generated lines that are indented less than the body (blank lines excluded). */
function dedentedLineStarts(text: string, from: number, indent: number): number[] {
  const starts: number[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (start >= from && line.trim() !== '' && indentationOf(line) < indent) starts.push(start);
    start += line.length + 1;
  }
  return starts;
}

function indentationOf(line: string): number {
  return line.length - line.trimStart().length;
}

async function isWholeFunction(candidate: string): Promise<boolean> {
  return withSyntaxTree(candidate, 'python', (root) => {
    if (root.hasError) return false;
    const members = root.namedChildren.filter((child) => child?.type !== 'comment');
    const outer = members.length === 1 ? members[0] : null;
    if (!outer || !DEFINITIONS.has(outer.type)) return false;
    const fn = outer.type === 'decorated_definition' ? outer.childForFieldName('definition') : outer;
    const body = fn?.childForFieldName('body');
    return !!body && body.namedChildren.some((child) => child?.type !== 'comment');
  });
}
