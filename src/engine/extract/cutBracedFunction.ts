import type { Node } from 'web-tree-sitter';
import type { CutResult } from './cutCompletedFunction';
import type { SourceLanguage } from './FunctionAtCursor';
import { functionShape } from './functionShape';
import { openBrackets } from './openBrackets';
import { withSyntaxTree } from './withSyntaxTree';

/** A context the function text is parsed in, and where the function then sits. */
interface Wrapper {
  before: string;
  after: string;
  container: (root: Node) => Node | null | undefined;
}

// A method, class field or object property is not a statement on its own: the text is also
// tried inside a class body and inside an object literal.
const WRAPPERS: Wrapper[] = [
  { before: '', after: '', container: (root) => root },
  { before: 'class __Cascade {\n', after: '\n}', container: (root) => root.namedChild(0)?.childForFieldName('body') },
  { before: '({\n', after: '\n})', container: (root) => root.namedChild(0)?.namedChild(0)?.namedChild(0) },
];

// Statements holding a function value, which may end with a `;` after its closing brace.
const TAKES_SEMICOLON = new Set(['lexical_declaration', 'variable_declaration', 'expression_statement', 'field_definition', 'public_field_definition']);

/**
 * JavaScript/TypeScript side of cutCompletedFunction. Tries each `}` of the generated text in
 * order and keeps the first one at which the text is exactly one cleanly parsing function.
 * Braces in strings, comments or template text, and braces of inner blocks, never give a
 * clean parse, so the first clean cut is the function's own closing brace.
 * @param from braces before this offset are not tried: a caller watching a stream tried them
 *   already, and whether one ends the function does not depend on the text after it. Default 0.
 */
export async function cutBracedFunction(functionSoFar: string, generated: string, language: SourceLanguage, from = 0): Promise<CutResult> {
  for (let close = generated.indexOf('}', from); close !== -1; close = generated.indexOf('}', close + 1)) {
    const head = generated.slice(0, close + 1);
    const endsStatement = await wholeFunction(functionSoFar + head, language);
    if (endsStatement === undefined) continue;
    const semicolon = endsStatement ? (/^[ \t]*;/.exec(generated.slice(close + 1))?.[0] ?? '') : '';
    const completion = head + semicolon;
    return { ok: true, completion, functionText: functionSoFar + completion };
  }
  return { ok: false, reason: await whyIncomplete(functionSoFar + generated, language) };
}

/**
 * Undefined unless `text` is one complete function without syntax errors in some wrapper;
 * else whether a `;` may follow it (a function value held by a declaration or assignment).
 */
async function wholeFunction(text: string, language: SourceLanguage): Promise<boolean | undefined> {
  for (const wrapper of WRAPPERS) {
    const result = await withSyntaxTree(wrapper.before + text + wrapper.after, language, (root) => {
      if (root.hasError) return undefined;
      const members = wrapper.container(root)?.namedChildren.filter((child) => child?.type !== 'comment') ?? [];
      const outer = members.length === 1 ? members[0] : null;
      if (!outer || outer.endIndex !== wrapper.before.length + text.length) return undefined;
      if (!holdsFunction(outer)) return undefined;
      const statement = outer.type === 'export_statement' ? outer.childForFieldName('declaration') : outer;
      return TAKES_SEMICOLON.has(statement?.type ?? '');
    });
    if (result !== undefined) return result;
  }
  return undefined;
}

/** Whether `outer` declares a function (whose node lies a few levels down, at most). */
function holdsFunction(outer: Node): boolean {
  const queue: { node: Node; depth: number }[] = [{ node: outer, depth: 0 }];
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (functionShape(item.node)?.outer.equals(outer)) return true;
    if (item.depth < 3) {
      for (const child of item.node.namedChildren) if (child) queue.push({ node: child, depth: item.depth + 1 });
    }
  }
  return false;
}

function whyIncomplete(text: string, language: SourceLanguage): Promise<string> {
  return withSyntaxTree(text, language, (root) =>
    openBrackets(root).includes('}')
      ? 'The completion never closes the function body.'
      : 'The completed function does not parse cleanly (syntax error).',
  );
}
