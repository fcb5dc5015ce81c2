import type { Node } from 'web-tree-sitter';
import type { FunctionAtCursor } from '../extract/FunctionAtCursor';
import { openBrackets } from '../extract/openBrackets';
import { withSyntaxTree } from '../extract/withSyntaxTree';
import type { Container, DocumentContext, ProjectLocation, TestSubject } from './DocumentContext';
import { declarationOf } from './topLevelDeclarations';

export interface IndexRequest {
  /** The text `fn` was found in (the editor may pass a window of the file). */
  document: string;
  fn: FunctionAtCursor;
  project?: ProjectLocation;
  /** The whole file, when `document` is a window of it starting at `offset`. */
  whole?: { text: string; offset: number };
}

const PYTHON_REASON = 'Python functions cannot be tested yet (no Python sandbox)';

/**
 * Reads what a test program can take from the document around the function being completed:
 * the document is parsed once with the function taken out (so the rest parses the same whatever
 * the candidate is, even while the function is still open), and its top-level declarations,
 * the statement the function sits in (class, object literal, enclosing function) and the way
 * tests call it are recorded. planProgram then slices this for each candidate.
 */
export async function indexDocument(request: IndexRequest): Promise<DocumentContext> {
  const { fn } = request;
  const project = request.project ?? {};
  const base = { language: fn.language, fn, project, needs: new Map(), strict: false, declarations: [], junction: 0 };
  if (fn.language === 'python') return { ...base, subject: { kind: 'function', callee: fn.name }, unverifiable: PYTHON_REASON };
  const source = request.whole?.text ?? request.document;
  const offset = request.whole?.offset ?? 0;
  const before = source.slice(0, offset + fn.start);
  const junction = before.length;
  const text = await closeOpenBrackets(`${before}\n${source.slice(offset + (fn.end ?? fn.cursor))}`, fn.language);
  return withSyntaxTree(text, fn.language, (program) => {
    const statements = program.namedChildren.filter((s): s is Node => !!s);
    const statement = statements.find((s) => s.startIndex < junction && junction < s.endIndex);
    const declarations = statements
      .filter((s) => s !== statement)
      .map((s) => declarationOf(s))
      .filter((d) => d !== undefined);
    const inside = statement ? containerOf(statement, program, junction, text, fn) : undefined;
    return {
      ...base,
      declarations,
      junction,
      container: inside?.container,
      subject: inside?.subject ?? { kind: 'function', callee: fn.name },
      strict: isStrict(statements),
    };
  });
}

function containerOf(statement: Node, program: Node, junction: number, text: string, fn: FunctionAtCursor) {
  const declaration = statement.type === 'export_statement' ? (statement.childForFieldName('declaration') ?? statement) : statement;
  const holder = holderAt(program.descendantForIndex(junction) ?? program, declaration);
  const container: Container = {
    kind: holder?.kind ?? 'nested',
    names: declarationOf(statement)?.names ?? [],
    before: text.slice(declaration.startIndex, junction),
    after: text.slice(junction, declaration.endIndex),
    start: declaration.startIndex,
  };
  if (!holder) return { container, subject: { kind: 'function', callee: fn.name } as TestSubject };
  const outline = holderOutline(holder.body, declaration, junction, fn, text);
  const subject: TestSubject = holder.kind === 'class' && !isStatic(fn)
    ? { kind: 'instance', className: holder.owner, method: fn.name, instance: instanceName(holder.owner), outline }
    : { kind: 'member', callee: `${holder.owner}.${fn.name}`, outline };
  return { container, subject };
}

/**
 * The class body or object literal that the function was directly a member of, when that
 * class or object is what the top-level `declaration` defines; undefined for a function
 * nested in another function (or in a class that is not top-level).
 */
function holderAt(start: Node, declaration: Node): { kind: 'class' | 'object'; owner: string; body: Node } | undefined {
  for (let node: Node | null = start; node && !node.equals(declaration); node = node.parent) {
    if (node.type === 'class_body' || node.type === 'object') {
      const owner = ownerName(node, declaration);
      return owner ? { kind: node.type === 'class_body' ? 'class' : 'object', owner, body: node } : undefined;
    }
    if (node.type === 'statement_block' || node.type === 'arguments' || node.type === 'array') return undefined;
  }
  return undefined;
}

/** `class Owner {…}`, `const Owner = class {…}`, `const owner = {…}`, `module.exports = {…}`. */
function ownerName(holder: Node, declaration: Node): string | undefined {
  const value = holder.type === 'class_body' ? holder.parent : holder;
  if (!value) return undefined;
  if (value.equals(declaration)) return value.childForFieldName('name')?.text;
  const parent = value.parent;
  if (parent?.type === 'variable_declarator' && parent.parent?.equals(declaration)) {
    const name = parent.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : undefined;
  }
  if (parent?.type === 'assignment_expression' && parent.parent?.equals(declaration)) return parent.childForFieldName('left')?.text;
  return undefined;
}

function isStatic(fn: FunctionAtCursor): boolean {
  const modifiers = fn.header.slice(0, Math.max(0, fn.header.indexOf(fn.name)));
  return /(?:^|\s)static\s/.test(` ${modifiers}`);
}

const RESERVED = new Set(['default', 'class', 'function', 'new', 'delete', 'in', 'for', 'if', 'do', 'switch', 'case', 'var', 'let', 'const', 'this', 'super', 'null', 'true', 'false', 'enum', 'import', 'export', 'return', 'void', 'with', 'yield', 'await', 'try', 'catch', 'throw', 'typeof', 'instanceof', 'while', 'break', 'continue', 'else', 'finally', 'debugger', 'extends']);

/** `Counter` → `counter`; a name that would be a keyword or the class itself → `instance`. */
function instanceName(className: string): string {
  const name = className.charAt(0).toLowerCase() + className.slice(1);
  return name === className || RESERVED.has(name) ? 'instance' : name;
}

/**
 * The class (or object) as the test prompt shows it: its header, fields and constructor as
 * written (they say how to build an instance), other members as signatures, and the method
 * under test with its doc comment in its place.
 */
function holderOutline(body: Node, declaration: Node, junction: number, fn: FunctionAtCursor, text: string): string {
  const opening = body.type === 'class_body' ? (body.parent ?? body) : declaration;
  const lines = [text.slice(opening.startIndex, body.startIndex + 1)];
  const target = `${fn.docComment ? `${fn.docComment.trim()}\n  ` : ''}${fn.header.trim()} … }${body.type === 'object' ? ',' : ''}`;
  let placed = false;
  for (const member of body.namedChildren) {
    if (!member || member.type === 'comment') continue;
    if (!placed && member.startIndex > junction) {
      lines.push(`  ${target}`);
      placed = true;
    }
    lines.push(`  ${memberOutline(member, body.type === 'object')}`);
  }
  if (!placed) lines.push(`  ${target}`);
  lines.push(body.type === 'object' ? '};' : '}');
  return lines.join('\n');
}

/** A member on one line: fields as written, methods as their signature; the constructor whole. */
function memberOutline(member: Node, inObject: boolean): string {
  if (member.childForFieldName('name')?.text === 'constructor') return member.text;
  const value = member.type === 'pair' ? member.childForFieldName('value') : member;
  const body = value && (value.type === 'method_definition' || value.type.includes('function')) ? value.childForFieldName('body') : null;
  const text = body?.type === 'statement_block' ? `${member.text.slice(0, body.startIndex - member.startIndex)}{ … }` : member.text;
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  if (inObject) return `${oneLine},`;
  return body || oneLine.endsWith(';') || oneLine.endsWith('}') ? oneLine : `${oneLine};`;
}

/**
 * A method being written at the end of a file whose class is not closed yet leaves the class
 * open: error recovery then ends the class before the method's place, and the method would
 * look top-level. Closing what is still open at the end keeps it in its class.
 */
function closeOpenBrackets(text: string, language: FunctionAtCursor['language']): Promise<string> {
  return withSyntaxTree(text, language, (root) => {
    const closers = root.hasError ? openBrackets(root) : [];
    return closers.length > 0 ? `${text}\n${closers.reverse().join('\n')}\n` : text;
  });
}

function isStrict(statements: Node[]): boolean {
  const first = statements.find((s) => s.type !== 'comment');
  if (first?.type === 'expression_statement' && /^["']use strict["']$/.test(first.namedChild(0)?.text ?? '')) return true;
  return statements.some((s) => s.type === 'import_statement' || s.type === 'export_statement');
}
