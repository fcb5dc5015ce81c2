import type { Node } from 'web-tree-sitter';
import { openBrackets } from '../extract/openBrackets';
import { withSyntaxTree } from '../extract/withSyntaxTree';
import { toStandaloneFunction } from './toStandaloneFunction';
import type { DocumentContext } from './DocumentContext';
import { freeReferences, type CodeNeeds, type FreeReference } from './freeReferences';
import { importModuleLimitation } from './importLimitation';
import { lazyImportBindings } from './lazyImportBindings';
import { sandboxLimitation } from './sandboxLimitation';
import type { ImportBinding, TopLevelDeclaration } from './topLevelDeclarations';

/** What a candidate's test program is, or why it cannot be tested. */
export type ProgramPlan =
  | {
      testable: true;
      /** The script every assert of the candidate is appended to (see withAssert). */
      program: string;
    }
  | { testable: false; reason: string };

/** A need found while slicing, and the declaration it came from (undefined: the function itself). */
interface Found<T> {
  value: T;
  via?: string;
}

/**
 * The test program of one candidate: the top-level declarations of the document that the
 * completed function needs, transitively (helpers, constants, classes, enums, namespaces,
 * the imports they use, bound lazily, and assignments that extend the function itself, such
 * as `fn.cache = {}`), the function itself — inside its class, rebuilt with the candidate in
 * place, for a method — in document order. Statements that are not declarations never run.
 * When the function, or anything it needs, uses what the sandbox cannot give (the DOM,
 * `fetch`, `process` state, the clock, timers, refused built-ins, imports that cannot be
 * found, JSX), the plan says why instead.
 *
 * `tests` (asserts, once they exist) and the class members the method does not reach may use
 * other declarations of the file (`new Option(…)` in a test, a sibling method that builds a
 * helper class): those are added too, but they never make the function unverifiable, and a
 * variable whose initialiser would fail to load in the sandbox is left out for them.
 */
export async function planProgram(ctx: DocumentContext, functionText: string, tests: readonly string[] = []): Promise<ProgramPlan> {
  if (ctx.unverifiable) return { testable: false, reason: ctx.unverifiable };
  const root = await rootCode(ctx, functionText);
  const slice = new Slice(ctx, root.provides);
  for (const part of root.parts) if (part.classify !== false) await slice.visit(part.needs, part.via, true);
  await slice.includeAugmentations(root.provides);
  for (const part of root.parts) if (part.classify === false) await slice.visit(part.needs, part.via, false);
  if (tests.length > 0) await slice.visit(await needsOfText(tests.join('\n'), ctx), 'the tests', false);
  const reason = limitation(ctx, slice, root);
  if (reason) return { testable: false, reason };
  return { testable: true, program: emit(ctx, slice, root.text) };
}

/** Appends one assert (a statement or a block) to a candidate's program, with Node's `assert` in scope. */
export function withAssert(program: string, assertion: string): string {
  // A block of its own: the asserts see Node's assert even when the document defines another `assert`.
  return `${program}\n;{\nconst assert = require('node:assert');\n${assertion}\n}\n`;
}

interface RootCode {
  /** The function's own top-level statement as the program runs it. */
  text: string;
  /** What it needs, by part: the function itself (`via` undefined) and the class members it reaches. */
  parts: NeedsOf[];
  /** Names the root statement binds itself. */
  provides: string[];
  /** For a nested function: the names it takes from the function around it. */
  enclosingLocals?: Set<string>;
}

async function rootCode(ctx: DocumentContext, functionText: string): Promise<RootCode> {
  const { container, fn } = ctx;
  if (!container) {
    const text = await withExportsAlias(functionText.replace(/^export\s+(?:default\s+)?/, ''), fn.name, ctx);
    return { text, parts: [{ needs: await needsOfText(text, ctx) }], provides: [fn.name] };
  }
  if (container.kind === 'nested') {
    const text = toStandaloneFunction(fn, functionText);
    const needs = await needsOfText(text, ctx);
    // Free in the function but not in the statement around it: declared by the enclosing function.
    const outer = await needsOfText(`${container.before}${functionText}${container.after}`, ctx);
    const outerFree = new Set(outer.references.map((r) => r.name));
    const enclosingLocals = new Set(needs.references.map((r) => r.name).filter((name) => !outerFree.has(name) && name !== fn.name));
    return { text, parts: [{ needs }], provides: [fn.name], enclosingLocals };
  }
  const text = await closeBrackets(`${container.before}${functionText}${container.after}`, ctx);
  const parts = container.kind === 'class'
    ? await reachableClassNeeds(text, container.before.length, ctx)
    : [{ needs: await needsOfText(text, ctx) }];
  return { text, parts, provides: container.names };
}

/** `exports.f = function () {}` binds no `f`: tests call `f`, so it gets one. */
async function withExportsAlias(text: string, name: string, ctx: DocumentContext): Promise<string> {
  const target = await withSyntaxTree(text, ctx.language, (program) => {
    const expression = program.namedChild(0)?.type === 'expression_statement' ? program.namedChild(0)?.namedChild(0) : null;
    const left = expression?.type === 'assignment_expression' ? expression.childForFieldName('left') : null;
    return left?.type === 'member_expression' ? left.text : undefined;
  });
  return target ? `${text}\nvar ${name} = ${target};` : text;
}

/** A statement that a half-written document leaves open (e.g. a class missing its `}`) is closed. */
async function closeBrackets(text: string, ctx: DocumentContext): Promise<string> {
  const closers = await withSyntaxTree(text, ctx.language, (root) => (root.hasError ? openBrackets(root) : []));
  return closers.length > 0 ? `${text}\n${closers.reverse().join('\n')}` : text;
}

function needsOfText(text: string, ctx: DocumentContext): Promise<CodeNeeds> {
  return withSyntaxTree(text, ctx.language, (program) => freeReferences(program));
}

function needsOf(ctx: DocumentContext, declaration: TopLevelDeclaration): Promise<CodeNeeds> {
  let needs = ctx.needs.get(declaration);
  if (!needs) ctx.needs.set(declaration, (needs = needsOfText(declaration.text, ctx)));
  return needs;
}

/** Needs of one part of the root, and its name when it is not the function itself. */
interface NeedsOf {
  needs: CodeNeeds;
  via?: string;
  /** false: a part the function cannot reach (another method), whose needs do not decide whether it is testable. */
  classify?: false;
}

/**
 * What a method needs from outside its class: its own free names, and those of every member
 * it can reach — the constructor, fields and static blocks (an instance must be built), the
 * class's heritage and decorators, and, transitively, the members it uses through `this.x`
 * or `ClassName.x`. Other methods stay in the class but their needs are not pulled in, so an
 * unrelated method that writes files does not make this one untestable.
 */
async function reachableClassNeeds(text: string, methodStart: number, ctx: DocumentContext): Promise<NeedsOf[]> {
  return withSyntaxTree(text, ctx.language, (program) => {
    const classNode = findClass(program.namedChild(0));
    const body = classNode?.childForFieldName('body');
    if (!classNode || !body) return [{ needs: freeReferences(program) }];
    const className = classNode.childForFieldName('name')?.text ?? ctx.container?.names[0];
    const withoutSelf = (needs: CodeNeeds): CodeNeeds => ({ ...needs, references: needs.references.filter((r) => r.name !== className) });
    const members = body.namedChildren.filter((m): m is Node => !!m && m.type !== 'comment');
    const isTarget = (m: Node) => m.startIndex <= methodStart && methodStart < m.endIndex;
    const parts: NeedsOf[] = classNode.namedChildren
      .filter((part): part is Node => !!part && part.type !== 'class_body' && part.type !== 'identifier' && part.type !== 'type_identifier')
      .map((part) => ({ needs: withoutSelf(freeReferences(part)), via: className }));
    const queue = members.filter((m) => isTarget(m) || m.type !== 'method_definition' || memberName(m) === 'constructor');
    const reached = new Set<Node>();
    const via = (member: Node) => `${className}.${memberName(member) ?? 'member'}`;
    for (let member = queue.shift(); member; member = queue.shift()) {
      if (reached.has(member)) continue;
      reached.add(member);
      const needs = freeReferences(member);
      parts.push({ needs: withoutSelf(needs), via: isTarget(member) ? undefined : via(member) });
      const used = new Set([...needs.thisMembers, ...needs.references.filter((r) => r.name === className && r.property).map((r) => r.property!)]);
      queue.push(...members.filter((m) => used.has(memberName(m) ?? '')));
    }
    // Tests may call the other members too: what they need is in the program, but does not decide.
    for (const member of members.filter((m) => !reached.has(m))) parts.push({ needs: withoutSelf(freeReferences(member)), via: via(member), classify: false });
    return parts;
  });
}

function findClass(statement: Node | null): Node | undefined {
  if (!statement) return undefined;
  if (statement.type.includes('class')) return statement;
  const value = statement.namedChildren.find((c) => c?.type === 'variable_declarator')?.childForFieldName('value');
  return value?.type === 'class' ? value : undefined;
}

function memberName(member: Node): string | undefined {
  return (member.childForFieldName('name') ?? member.childForFieldName('property'))?.text;
}

/** The declarations a root needs, transitively, and the names nothing in the document declares. */
class Slice {
  readonly included = new Set<TopLevelDeclaration>();
  /** Imported names the function's slice uses, and who uses them. */
  readonly importsUsed = new Map<ImportBinding, string | undefined>();
  /** Imported names only the tests or unreachable members use: bound, never a reason. */
  readonly importsBound = new Set<ImportBinding>();
  readonly globals: Found<CodeNeeds['references'][number]>[] = [];
  readonly requires: Found<string>[] = [];
  jsx: Found<true> | undefined;
  private readonly byName = new Map<string, TopLevelDeclaration[]>();
  private readonly augmentations = new Map<string, TopLevelDeclaration[]>();

  constructor(
    private readonly ctx: DocumentContext,
    private readonly provides: string[],
  ) {
    for (const declaration of ctx.declarations) {
      for (const name of declaration.names) push(this.byName, name, declaration);
      if (declaration.augments) push(this.augmentations, declaration.augments, declaration);
    }
  }

  /**
   * Adds what `needs` asks for. With `classify`, every global and module it uses is recorded
   * for limitation(); without, only declarations are added (and only those that can load).
   */
  async visit(needs: CodeNeeds, via: string | undefined, classify: boolean): Promise<void> {
    if (classify && needs.jsx) this.jsx ??= { value: true, via };
    if (classify) for (const spec of needs.requires) this.requires.push({ value: spec, via });
    for (const ref of needs.references) {
      if (this.provides.includes(ref.name)) continue;
      const declarations = this.byName.get(ref.name);
      if (!declarations && classify) this.globals.push({ value: ref, via });
      for (const declaration of declarations ?? []) await this.include(declaration, ref.name, via, classify);
    }
  }

  /** Assignments that extend the root itself (`toRegexRange.cache = {}`). */
  async includeAugmentations(names: readonly string[]): Promise<void> {
    for (const name of names) {
      for (const augmentation of this.augmentations.get(name) ?? []) await this.include(augmentation, name, name, true);
    }
  }

  private async include(declaration: TopLevelDeclaration, name: string, via: string | undefined, classify: boolean): Promise<void> {
    if (declaration.kind === 'import') {
      for (const binding of declaration.imports ?? []) {
        if (binding.local !== name) continue;
        if (classify && !this.importsUsed.has(binding)) this.importsUsed.set(binding, via);
        else if (!classify) this.importsBound.add(binding);
      }
      return;
    }
    if (this.included.has(declaration)) return;
    // A variable runs when the program loads: one that cannot load must not break the tests.
    if (!classify && declaration.kind === 'variable' && !(await this.canLoad(declaration))) return;
    this.included.add(declaration);
    const declaredBy = declaration.names[0] ?? declaration.augments;
    await this.visit(await needsOf(this.ctx, declaration), classify ? declaredBy : via, classify);
    for (const declared of declaration.names) {
      for (const augmentation of this.augmentations.get(declared) ?? []) await this.include(augmentation, declared, declared, classify);
    }
  }

  /** Whether a declaration's own initialiser uses nothing the sandbox refuses. */
  private async canLoad(declaration: TopLevelDeclaration): Promise<boolean> {
    const needs = await needsOf(this.ctx, declaration);
    const imported = (ref: FreeReference) =>
      this.byName.get(ref.name)?.flatMap((d) => d.imports ?? []).find((b) => b.local === ref.name);
    return needs.references.every((ref) => {
      if (sandboxLimitation(ref)) return false;
      const binding = imported(ref);
      return !binding || importModuleLimitation(binding.source, this.ctx.project) === undefined;
    }) && needs.requires.every((spec) => importModuleLimitation(spec, this.ctx.project) === undefined);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The first reason the slice cannot run in the sandbox; the function's own uses come first. */
function limitation(ctx: DocumentContext, slice: Slice, root: RootCode): string | undefined {
  const reasons: Found<string>[] = [];
  if (slice.jsx) reasons.push({ value: 'uses JSX', via: slice.jsx.via });
  for (const { value, via } of slice.globals) {
    const reason = sandboxLimitation(value) ?? enclosingLocal(value.name, ctx, root);
    if (reason) reasons.push({ value: reason, via });
  }
  const modules = [...[...slice.importsUsed].map(([binding, via]) => ({ value: binding.source, via })), ...slice.requires];
  for (const { value, via } of modules) {
    const reason = importModuleLimitation(value, ctx.project);
    if (reason) reasons.push({ value: reason, via });
  }
  const own = (r: Found<string>) => r.via === undefined || r.via === ctx.fn.name;
  const first = reasons.find(own) ?? reasons[0];
  return first && (own(first) ? first.value : `${first.value} (in ${first.via})`);
}

/**
 * A name of the function around a nested one: tests cannot reach it. (Any other name defined
 * nowhere is left to fail when it runs: a model that calls a helper that does not exist wrote
 * a wrong answer, not an untestable function.)
 */
function enclosingLocal(name: string, ctx: DocumentContext, root: RootCode): string | undefined {
  const around = ctx.container?.kind === 'nested' ? ctx.container.names[0] : undefined;
  return around && root.enclosingLocals?.has(name) ? `uses ${name} from the function around it (${around})` : undefined;
}

function emit(ctx: DocumentContext, slice: Slice, rootText: string): string {
  const rootAt = ctx.container?.start ?? ctx.junction;
  const parts: string[] = [];
  if (ctx.strict) parts.push("'use strict';");
  const bindings = lazyImportBindings([...new Set([...slice.importsUsed.keys(), ...slice.importsBound])]);
  if (bindings) parts.push(bindings);
  let rootPlaced = false;
  for (const declaration of ctx.declarations) {
    if (!slice.included.has(declaration)) continue;
    if (!rootPlaced && declaration.start > rootAt) {
      parts.push(rootText);
      rootPlaced = true;
    }
    parts.push(declaration.text);
  }
  if (!rootPlaced) parts.push(rootText);
  return parts.join('\n');
}
