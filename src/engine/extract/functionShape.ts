import type { Node } from 'web-tree-sitter';
import type { FunctionAtCursor } from './FunctionAtCursor';

/** A function node together with what the engine reads off it. */
export interface FunctionShape {
  /** Where the function starts: its declaration statement, `export`, property, field or decorator. */
  outer: Node;
  /** The node with the parameters and body (`function_declaration`, `arrow_function`, …). */
  fn: Node;
  name: string;
  kind: FunctionAtCursor['kind'];
  /** Parameter list as written, always with parentheses. */
  params: string;
  /** Offset just after the body's `{` (Python: after the header's `:`). */
  bodyStart: number;
  /** Offset of the body's real closing `}`, or the function's end when it has none (or in Python). */
  bodyEnd: number;
}

const DECLARATIONS = new Set(['function_declaration', 'generator_function_declaration']);
const EXPRESSIONS = new Set(['function_expression', 'generator_function', 'arrow_function']);
const FIELDS = new Set(['field_definition', 'public_field_definition']);

/**
 * Recognises a function the engine can complete: named (directly or through the variable,
 * property, field or assignment that holds it) and with a `{ … }` body (Python: any `def`).
 * Anonymous callbacks and expression-bodied arrows return undefined, so that a cursor inside
 * them belongs to the enclosing named function.
 */
export function functionShape(node: Node): FunctionShape | undefined {
  if (node.type === 'function_definition') return pythonShape(node);
  const body = node.childForFieldName('body');
  if (body?.type !== 'statement_block') return undefined;
  const open = body.child(0);
  const close = body.child(body.childCount - 1);
  if (open?.type !== '{') return undefined;
  const bodyEnd = close?.type === '}' && !close.isMissing ? close.startIndex : body.endIndex;
  const named = nameAndStart(node);
  if (!named) return undefined;
  const kind = node.type === 'method_definition' ? 'method' : node.type === 'arrow_function' ? 'arrow' : 'function';
  return { ...named, fn: node, kind, params: paramsText(node), bodyStart: open.endIndex, bodyEnd };
}

function nameAndStart(node: Node): { name: string; outer: Node } | undefined {
  if (node.type === 'method_definition') return named(node.childForFieldName('name'), node);
  if (DECLARATIONS.has(node.type)) return named(node.childForFieldName('name'), exportOf(node));
  if (!EXPRESSIONS.has(node.type)) return undefined;
  const parent = node.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.equals(node)) {
    const statement = parent.parent;
    return statement ? named(parent.childForFieldName('name'), exportOf(statement)) : undefined;
  }
  if (parent?.type === 'pair') return named(parent.childForFieldName('key'), parent);
  if (parent && FIELDS.has(parent.type)) {
    return named(parent.childForFieldName('name') ?? parent.childForFieldName('property'), parent);
  }
  if (parent?.type === 'assignment_expression') {
    const left = parent.childForFieldName('left');
    const target = left?.type === 'member_expression' ? left.childForFieldName('property') : left;
    return named(target, parent.parent?.type === 'expression_statement' ? parent.parent : parent);
  }
  // A named function expression standing on its own, e.g. `(function walk(node) { … })`, or
  // exported as the default (`export default function* gen() {}` parses as an expression).
  return named(node.childForFieldName('name'), exportOf(node));
}

function named(nameNode: Node | null | undefined, outer: Node): { name: string; outer: Node } | undefined {
  if (!nameNode || nameNode.isMissing) return undefined;
  // Quoted keys and methods (`"q"(b) {}`) are named by their content.
  const name = nameNode.type === 'string' ? nameNode.text.slice(1, -1) : nameNode.text;
  return name ? { name, outer } : undefined;
}

function exportOf(node: Node): Node {
  return node.parent?.type === 'export_statement' ? node.parent : node;
}

function paramsText(node: Node): string {
  const params = node.childForFieldName('parameters') ?? node.childForFieldName('parameter');
  if (!params) return '()';
  return params.text.startsWith('(') ? params.text : `(${params.text})`;
}

function pythonShape(node: Node): FunctionShape | undefined {
  const name = node.childForFieldName('name');
  const colon = node.children.find((child) => child?.type === ':');
  if (!name || name.isMissing || !colon || colon.isMissing) return undefined;
  const outer = node.parent?.type === 'decorated_definition' ? node.parent : node;
  const inClass = outer.parent?.type === 'block' && outer.parent.parent?.type === 'class_definition';
  return {
    outer,
    fn: node,
    name: name.text,
    kind: inClass ? 'method' : 'function',
    params: node.childForFieldName('parameters')?.text ?? '()',
    bodyStart: colon.endIndex,
    bodyEnd: node.endIndex,
  };
}
