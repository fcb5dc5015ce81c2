import type { Node } from 'web-tree-sitter';
import { importedNames } from './freeReferences';

/** How an imported name is read off the module it comes from. */
export type ImportedAs =
  /** `import x from 'm'`: the default export (or the whole CommonJS module, as esModuleInterop does). */
  | { kind: 'default' }
  /** `import * as ns from 'm'`: the namespace. */
  | { kind: 'namespace' }
  /** `const m = require('m')`, `import m = require('m')`: the module itself. */
  | { kind: 'module' }
  /** `import { a } from 'm'`, `const { a } = require('m')`, `require('m').a`: one export. */
  | { kind: 'named'; name: string };

/** One name a top-level import or `require` binds. */
export interface ImportBinding {
  local: string;
  source: string;
  imported: ImportedAs;
}

/** A top-level declaration of the document: what a test program may need from it. */
export interface TopLevelDeclaration {
  kind: 'function' | 'class' | 'variable' | 'enum' | 'namespace' | 'import' | 'augmentation';
  /** Names it binds at the top level (for an augmentation: none). */
  names: string[];
  /** Its source as it runs in a script: `export` / `export default` removed. */
  text: string;
  /** Offsets in the parsed text. */
  start: number;
  end: number;
  /** Imports: the names bound and where they come from. */
  imports?: ImportBinding[];
  /** Augmentations (`X.prototype.y = …`, `Object.assign(X, …)`): the name they extend. */
  augments?: string;
}

const FUNCTION_TYPES = new Set(['function_declaration', 'generator_function_declaration']);
const CLASS_TYPES = new Set(['class_declaration', 'abstract_class_declaration']);
const VARIABLE_TYPES = new Set(['lexical_declaration', 'variable_declaration']);
const AUGMENTING_CALLS = new Set(['Object.assign', 'Object.defineProperty', 'Object.defineProperties', 'Object.setPrototypeOf']);

/**
 * The top-level declarations of a parsed program, in document order: functions, classes,
 * variables (`const`/`let`/`var`), TypeScript enums and namespaces, value imports (ES
 * `import`, TS `import x = require()`, and `const … = require('…')` declarations), and
 * assignments that extend a declared name (`Foo.prototype.bar = …`). Everything else at the
 * top level — calls such as `main()` or `app.listen(3000)`, `export { … }` lists, types — is
 * not a declaration and never runs in a test program.
 */
export function topLevelDeclarations(program: Node): TopLevelDeclaration[] {
  const declarations: TopLevelDeclaration[] = [];
  for (const statement of program.namedChildren) {
    const declaration = statement && declarationOf(statement);
    if (declaration) declarations.push(declaration);
  }
  return declarations;
}

/** The declaration a top-level statement makes, if any. */
export function declarationOf(statement: Node): TopLevelDeclaration | undefined {
  const node = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
  if (!node) return undefined;
  const base = { text: node.text, start: node.startIndex, end: node.endIndex };
  if (FUNCTION_TYPES.has(node.type) || CLASS_TYPES.has(node.type)) {
    const name = node.childForFieldName('name');
    return name ? { ...base, kind: FUNCTION_TYPES.has(node.type) ? 'function' : 'class', names: [name.text] } : undefined;
  }
  if (VARIABLE_TYPES.has(node.type)) return variableDeclaration(node, base);
  if (node.type === 'enum_declaration') return named(node, base, 'enum');
  if (node.type === 'internal_module' || node.type === 'module') return named(node, base, 'namespace');
  if (node.type === 'import_statement') return importDeclaration(node, base);
  if (node.type === 'expression_statement') return expressionDeclaration(node, base);
  return undefined;
}

type Base = Pick<TopLevelDeclaration, 'text' | 'start' | 'end'>;

function named(node: Node, base: Base, kind: 'enum' | 'namespace'): TopLevelDeclaration | undefined {
  const name = node.childForFieldName('name');
  return name?.type === 'identifier' ? { ...base, kind, names: [name.text] } : undefined;
}

function variableDeclaration(node: Node, base: Base): TopLevelDeclaration {
  const declarators = node.namedChildren.filter((c): c is Node => c?.type === 'variable_declarator');
  const imports = declarators.map(requireBindings);
  if (imports.length > 0 && imports.every((bindings) => bindings !== undefined)) {
    const flat = imports.flat() as ImportBinding[];
    return { ...base, kind: 'import', names: flat.map((b) => b.local), imports: flat };
  }
  return { ...base, kind: 'variable', names: declarators.flatMap((d) => patternNames(d.childForFieldName('name'))) };
}

/** `x = require('m')`, `{ a, b: c } = require('m')`, `x = require('m').y`; else undefined. */
function requireBindings(declarator: Node): ImportBinding[] | undefined {
  const target = declarator.childForFieldName('name');
  let value = declarator.childForFieldName('value');
  let property: string | undefined;
  if (value?.type === 'member_expression') {
    property = value.childForFieldName('property')?.text;
    value = value.childForFieldName('object');
  }
  const source = value ? requiredSource(value) : undefined;
  if (!target || source === undefined) return undefined;
  if (target.type === 'identifier') {
    return [{ local: target.text, source, imported: property ? { kind: 'named', name: property } : { kind: 'module' } }];
  }
  if (target.type !== 'object_pattern' || property) return undefined;
  const bindings: ImportBinding[] = [];
  for (const part of target.namedChildren) {
    if (part?.type === 'shorthand_property_identifier_pattern') bindings.push({ local: part.text, source, imported: { kind: 'named', name: part.text } });
    else if (part?.type === 'pair_pattern' && part.childForFieldName('value')?.type === 'identifier' && part.childForFieldName('key')?.type === 'property_identifier') {
      bindings.push({ local: part.childForFieldName('value')!.text, source, imported: { kind: 'named', name: part.childForFieldName('key')!.text } });
    } else return undefined;
  }
  return bindings;
}

/** The literal specifier of a `require('…')` call. */
function requiredSource(node: Node): string | undefined {
  if (node.type !== 'call_expression' || node.childForFieldName('function')?.text !== 'require') return undefined;
  const args = node.childForFieldName('arguments');
  const first = args?.namedChild(0);
  return args?.namedChildCount === 1 && first?.type === 'string' ? first.text.slice(1, -1) : undefined;
}

function importDeclaration(node: Node, base: Base): TopLevelDeclaration | undefined {
  if (node.children.some((child) => child?.type === 'type')) return undefined;
  const requireClause = node.namedChildren.find((c) => c?.type === 'import_require_clause');
  const source = (requireClause ?? node).childForFieldName('source')?.text.slice(1, -1);
  if (source === undefined) return undefined;
  const imports: ImportBinding[] = requireClause
    ? importedNames(node).map((local) => ({ local, source, imported: { kind: 'module' } }))
    : esImportBindings(node, source);
  // `import './polyfill'` binds nothing: a side effect, which test programs do not run.
  return imports.length > 0 ? { ...base, kind: 'import', names: imports.map((b) => b.local), imports } : undefined;
}

function esImportBindings(node: Node, source: string): ImportBinding[] {
  const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
  const bindings: ImportBinding[] = [];
  for (const part of clause?.namedChildren ?? []) {
    if (part?.type === 'identifier') bindings.push({ local: part.text, source, imported: { kind: 'default' } });
    else if (part?.type === 'namespace_import') {
      const local = part.namedChildren.find((c) => c?.type === 'identifier');
      if (local) bindings.push({ local: local.text, source, imported: { kind: 'namespace' } });
    } else if (part?.type === 'named_imports') {
      for (const spec of part.namedChildren) {
        const name = spec?.childForFieldName('name');
        if (!spec || !name || spec.children.some((c) => c?.type === 'type')) continue;
        const local = spec.childForFieldName('alias') ?? name;
        const imported: ImportedAs = name.text === 'default' ? { kind: 'default' } : { kind: 'named', name: name.text.replace(/^["']|["']$/g, '') };
        bindings.push({ local: local.text, source, imported });
      }
    }
  }
  return bindings;
}

/** `Foo.prototype.bar = …`, `Foo.x += …`, `Object.assign(Foo.prototype, …)`; TS namespaces. */
function expressionDeclaration(node: Node, base: Base): TopLevelDeclaration | undefined {
  const expression = node.namedChild(0);
  if (expression?.type === 'internal_module') return named(expression, base, 'namespace');
  let target: Node | null | undefined;
  if (expression?.type === 'assignment_expression' || expression?.type === 'augmented_assignment_expression') {
    const left = expression.childForFieldName('left');
    target = left?.type === 'member_expression' || left?.type === 'subscript_expression' ? left : undefined;
  } else if (expression?.type === 'call_expression' && AUGMENTING_CALLS.has(expression.childForFieldName('function')?.text ?? '')) {
    target = expression.childForFieldName('arguments')?.namedChild(0);
  }
  const root = rootName(target);
  return root && root !== 'module' && root !== 'exports' ? { ...base, kind: 'augmentation', names: [], augments: root } : undefined;
}

/** The identifier a member chain starts from: `Foo` of `Foo.prototype.bar`. */
function rootName(node: Node | null | undefined): string | undefined {
  let n = node;
  while (n && (n.type === 'member_expression' || n.type === 'subscript_expression')) n = n.childForFieldName('object');
  return n?.type === 'identifier' ? n.text : undefined;
}

/** Names bound by a declarator's pattern. */
function patternNames(pattern: Node | null | undefined): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      return [pattern.text];
    case 'assignment_pattern':
    case 'object_assignment_pattern':
      return patternNames(pattern.childForFieldName('left'));
    case 'pair_pattern':
      return patternNames(pattern.childForFieldName('value'));
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      return pattern.namedChildren.flatMap((child) => patternNames(child));
    default:
      return [];
  }
}
