import type { Node } from 'web-tree-sitter';

/** One use of a name that the analysed code does not declare itself. */
export interface FreeReference {
  name: string;
  /** `name.property` (read, called or assigned), when the name is the object of a member access. */
  property?: string;
  /** `new name(…)`: the number of arguments. */
  constructedWith?: number;
}

/** What a piece of code needs from outside itself. */
export interface CodeNeeds {
  /** Names used but not declared inside, each use once per distinct (name, property, constructedWith). */
  references: FreeReference[];
  /** Module specifiers of `require('…')` and `import('…')` calls with a literal argument. */
  requires: string[];
  /** Member names read through `this.x` / `this.#x` (for the members of a class that a method reaches). */
  thisMembers: string[];
  /** The code contains JSX, which the sandbox cannot run. */
  jsx: boolean;
}

/** A lexical scope: declared names, and whether `var` and function declarations stop here. */
interface Scope {
  names: Set<string>;
  parent: Scope | undefined;
  isFunction: boolean;
}

// Subtrees that only hold types: TypeScript removes them, so nothing in them is needed at run time.
const TYPE_ONLY = new Set([
  'type_annotation', 'type_arguments', 'type_parameters', 'implements_clause', 'interface_declaration',
  'type_alias_declaration', 'ambient_declaration', 'type_predicate_annotation', 'asserts_annotation',
  'abstract_method_signature', 'index_signature', 'method_signature', 'property_signature',
  'function_signature', 'type_query', 'nested_type_identifier', 'opting_type_annotation',
]);
// Names that are never references to a variable.
const NOT_VARIABLES = new Set(['property_identifier', 'type_identifier', 'statement_identifier', 'private_property_identifier']);
const FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'function_expression', 'generator_function', 'function']);
const CLASSES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);
const DECLARATION_KEYWORDS = new Set(['var', 'let', 'const']);

/**
 * The free references of `node`: names it uses that it does not declare, found by a scope
 * analysis that follows JavaScript's rules closely enough for slicing a file — `var` and
 * function declarations are hoisted to the enclosing function, `let`/`const`/`class` to the
 * block, parameters, catch clauses, `for` heads and named function/class expressions get
 * their own scopes, and a declaration anywhere in a scope covers every use in it (hoisting).
 * Uses inside type annotations and `typeof x` feature tests (`typeof window !== 'undefined'`)
 * are not needs. Names the node declares at its own top (e.g. a function's own name) are not
 * free.
 */
export function freeReferences(node: Node): CodeNeeds {
  const analysis = new Analysis();
  const root: Scope = { names: new Set(), parent: undefined, isFunction: true };
  analysis.visit(node, root);
  return analysis.result();
}

class Analysis {
  private readonly uses: { ref: FreeReference; scope: Scope }[] = [];
  private readonly requires = new Set<string>();
  private readonly thisMembers = new Set<string>();
  private jsx = false;

  result(): CodeNeeds {
    const seen = new Set<string>();
    const references: FreeReference[] = [];
    for (const { ref, scope } of this.uses) {
      if (declared(scope, ref.name)) continue;
      const key = `${ref.name}\0${ref.property ?? ''}\0${ref.constructedWith ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      references.push(ref);
    }
    return { references, requires: [...this.requires], thisMembers: [...this.thisMembers], jsx: this.jsx };
  }

  visit(node: Node | null | undefined, scope: Scope): void {
    if (!node || TYPE_ONLY.has(node.type)) return;
    const handler = HANDLERS[node.type];
    if (handler) return handler(this, node, scope);
    if (node.type === 'identifier' || node.type === 'shorthand_property_identifier') return this.use(node, scope);
    if (NOT_VARIABLES.has(node.type)) return;
    if (node.type.startsWith('jsx_')) this.jsx = true;
    this.children(node, scope);
  }

  children(node: Node, scope: Scope, skip?: (child: Node) => boolean): void {
    for (const child of node.namedChildren) if (child && !skip?.(child)) this.visit(child, scope);
  }

  use(node: Node, scope: Scope): void {
    const ref: FreeReference = { name: node.text };
    const parent = node.parent;
    if (parent?.type === 'member_expression' && parent.childForFieldName('object')?.equals(node)) {
      ref.property = parent.childForFieldName('property')?.text;
    } else if (parent?.type === 'new_expression' && parent.childForFieldName('constructor')?.equals(node)) {
      ref.constructedWith = parent.childForFieldName('arguments')?.namedChildCount ?? 0;
    }
    this.uses.push({ ref, scope });
  }

  /** Declares the names a binding pattern introduces; defaults and computed keys are uses. */
  bind(pattern: Node | null | undefined, declareIn: Scope, useScope: Scope): void {
    if (!pattern) return;
    switch (pattern.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        declareIn.names.add(pattern.text);
        return;
      case 'assignment_pattern':
      case 'object_assignment_pattern':
        this.bind(pattern.childForFieldName('left'), declareIn, useScope);
        this.visit(pattern.childForFieldName('right'), useScope);
        return;
      case 'pair_pattern':
        if (pattern.childForFieldName('key')?.type === 'computed_property_name') this.visit(pattern.childForFieldName('key'), useScope);
        this.bind(pattern.childForFieldName('value'), declareIn, useScope);
        return;
      case 'object_pattern':
      case 'array_pattern':
      case 'rest_pattern':
        for (const child of pattern.namedChildren) this.bind(child, declareIn, useScope);
        return;
      case 'required_parameter':
      case 'optional_parameter':
        this.bind(pattern.childForFieldName('pattern'), declareIn, useScope);
        this.visit(pattern.childForFieldName('value'), useScope);
        return;
      default:
        // `this` parameters, member expressions in `for (a.b of c)`, and the like.
        if (!TYPE_ONLY.has(pattern.type)) this.visit(pattern, useScope);
    }
  }

  /** A function: its own scope holds its name (expressions), parameters and body. */
  fn(node: Node, scope: Scope, ownName: boolean): void {
    const inner: Scope = { names: new Set(), parent: scope, isFunction: true };
    const name = node.childForFieldName('name');
    if (name && ownName) inner.names.add(name.text);
    for (const decorator of node.namedChildren.filter((c) => c?.type === 'decorator')) this.visit(decorator, scope);
    const params = node.childForFieldName('parameters') ?? node.childForFieldName('parameter');
    if (params?.type === 'formal_parameters') for (const p of params.namedChildren) this.bind(p, inner, inner);
    else this.bind(params, inner, inner);
    const body = node.childForFieldName('body');
    if (body?.type === 'statement_block') this.children(body, inner);
    else this.visit(body, inner);
  }

  recordRequire(call: Node): void {
    const callee = call.childForFieldName('function');
    const isRequire = callee?.type === 'identifier' && callee.text === 'require';
    if (!isRequire && callee?.type !== 'import') return;
    const first = call.childForFieldName('arguments')?.namedChild(0);
    if (first?.type === 'string') this.requires.add(first.text.slice(1, -1));
  }

  recordThis(member: Node): void {
    if (member.childForFieldName('object')?.type !== 'this') return;
    const property = member.childForFieldName('property');
    if (property) this.thisMembers.add(property.text);
  }

  noteJsx(): void {
    this.jsx = true;
  }
}

type Handler = (analysis: Analysis, node: Node, scope: Scope) => void;

function declared(scope: Scope | undefined, name: string): boolean {
  for (let s = scope; s; s = s.parent) if (s.names.has(name)) return true;
  return false;
}

function functionScope(scope: Scope): Scope {
  let s = scope;
  while (!s.isFunction && s.parent) s = s.parent;
  return s;
}

const block = (scope: Scope): Scope => ({ names: new Set(), parent: scope, isFunction: false });

function declarationKeyword(node: Node): string | undefined {
  return node.children.find((child) => child && DECLARATION_KEYWORDS.has(child.type))?.type;
}

const HANDLERS: Record<string, Handler> = {
  program: (a, node, scope) => a.children(node, scope),
  statement_block: (a, node, scope) => a.children(node, block(scope)),
  class_static_block: (a, node, scope) => a.children(node, { names: new Set(), parent: scope, isFunction: true }),
  switch_body: (a, node, scope) => a.children(node, block(scope)),
  ...Object.fromEntries([...FUNCTIONS].map((type): [string, Handler] => [type, (a, node, scope) => {
    const isDeclaration = type.endsWith('_declaration');
    const name = node.childForFieldName('name');
    if (isDeclaration && name) functionScope(scope).names.add(name.text);
    a.fn(node, scope, !isDeclaration);
  }])),
  arrow_function: (a, node, scope) => a.fn(node, scope, false),
  method_definition: (a, node, scope) => {
    const name = node.childForFieldName('name');
    if (name?.type === 'computed_property_name') a.visit(name, scope);
    a.fn(node, scope, false);
  },
  ...Object.fromEntries([...CLASSES].map((type): [string, Handler] => [type, (a, node, scope) => {
    // A declaration binds its name in the enclosing scope, an expression only inside itself.
    const name = node.childForFieldName('name');
    const inner = block(scope);
    if (name) (type === 'class' ? inner : scope).names.add(name.text);
    a.children(node, inner, (child) => !!name && child.equals(name));
  }])),
  public_field_definition: (a, node, scope) => {
    const name = node.childForFieldName('name') ?? node.childForFieldName('property');
    if (name?.type === 'computed_property_name') a.visit(name, scope);
    for (const decorator of node.namedChildren.filter((c) => c?.type === 'decorator')) a.visit(decorator, scope);
    // Field initialisers run like a method body: their own function scope.
    a.visit(node.childForFieldName('value'), { names: new Set(), parent: scope, isFunction: true });
  },
  variable_declarator: (a, node, scope) => {
    const statement = node.parent;
    const target = statement?.type === 'variable_declaration' ? functionScope(scope) : scope;
    a.bind(node.childForFieldName('name'), target, scope);
    a.visit(node.childForFieldName('value'), scope);
  },
  for_statement: (a, node, scope) => a.children(node, block(scope)),
  for_in_statement: (a, node, scope) => {
    const inner = block(scope);
    const keyword = declarationKeyword(node);
    const left = node.childForFieldName('left');
    if (keyword) a.bind(left, keyword === 'var' ? functionScope(scope) : inner, inner);
    else a.visit(left, inner);
    a.visit(node.childForFieldName('right'), inner);
    a.visit(node.childForFieldName('body'), inner);
  },
  catch_clause: (a, node, scope) => {
    const inner = block(scope);
    a.bind(node.childForFieldName('parameter'), inner, inner);
    a.visit(node.childForFieldName('body'), inner);
  },
  import_statement: (_a, node, scope) => {
    if (node.children.some((child) => child?.type === 'type')) return;
    for (const name of importedNames(node)) scope.names.add(name);
  },
  export_specifier: (a, node, scope) => {
    const name = node.childForFieldName('name');
    if (name) a.use(name, scope);
  },
  enum_declaration: (a, node, scope) => {
    const name = node.childForFieldName('name');
    if (name) scope.names.add(name.text);
    a.visit(node.childForFieldName('body'), scope);
  },
  internal_module: (a, node, scope) => {
    const name = node.childForFieldName('name');
    if (name?.type === 'identifier') scope.names.add(name.text);
    a.visit(node.childForFieldName('body'), scope);
  },
  // `x as T`, `x satisfies T`, `<T>x`: only the expression is code.
  as_expression: (a, node, scope) => a.visit(node.namedChild(0), scope),
  satisfies_expression: (a, node, scope) => a.visit(node.namedChild(0), scope),
  type_assertion: (a, node, scope) => a.children(node, scope, (child) => child.type === 'type_arguments'),
  unary_expression: (a, node, scope) => {
    // `typeof window !== 'undefined'` tests for an environment; it does not need one.
    const operator = node.childForFieldName('operator')?.type;
    if (operator === 'typeof' && isNameOrMember(node.childForFieldName('argument'))) return;
    a.children(node, scope);
  },
  call_expression: (a, node, scope) => {
    a.recordRequire(node);
    a.children(node, scope);
  },
  member_expression: (a, node, scope) => {
    a.recordThis(node);
    a.visit(node.childForFieldName('object'), scope);
  },
  subscript_expression: (a, node, scope) => a.children(node, scope),
  labeled_statement: (a, node, scope) => a.visit(node.childForFieldName('body'), scope),
  jsx_opening_element: (a, node, scope) => jsxElement(a, node, scope),
  jsx_self_closing_element: (a, node, scope) => jsxElement(a, node, scope),
  jsx_closing_element: (a) => a.noteJsx(),
};

/** A component reference `<Widget …>` is a use of `Widget`; `<div>` names no variable. */
function jsxElement(a: Analysis, node: Node, scope: Scope): void {
  a.noteJsx();
  const name = node.childForFieldName('name');
  let root = name;
  while (root?.type === 'member_expression') root = root.childForFieldName('object');
  if (root?.type === 'identifier' && /^[A-Z]/.test(root.text)) a.use(root, scope);
  a.children(node, scope, (child) => !!name && child.equals(name));
}

function isNameOrMember(node: Node | null): boolean {
  let n = node;
  while (n?.type === 'member_expression') n = n.childForFieldName('object');
  return n?.type === 'identifier';
}

/** The local names an `import` statement binds (value imports only). */
export function importedNames(statement: Node): string[] {
  const names: string[] = [];
  const clause = statement.namedChildren.find((c) => c?.type === 'import_clause' || c?.type === 'import_require_clause');
  if (!clause) return names;
  for (const part of clause.namedChildren) {
    if (!part) continue;
    if (part.type === 'identifier') names.push(part.text);
    else if (part.type === 'namespace_import') names.push(...part.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text));
    else if (part.type === 'named_imports') {
      for (const spec of part.namedChildren) {
        if (!spec || spec.children.some((c) => c?.type === 'type')) continue;
        const local = spec.childForFieldName('alias') ?? spec.childForFieldName('name');
        if (local) names.push(local.text);
      }
    }
  }
  return names;
}
