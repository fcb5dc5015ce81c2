// The context corpus: functions taken out of small projects, each with hand-checked asserts and
// a realistic bug, to check that verification works on functions in their real context.
//
// A corpus is a folder holding `cases.json` and the projects its cases point into (each with a
// package.json, so that the project root is found). This module reads the manifest and turns a
// case into what the editor would send while the user types the function: the file with the
// body still to be written (the editor has closed its brace: `{` newline `}`), the cursor just
// after the `{`, and the body as a model writes it, up to and including its closing `}`.
import fs from 'node:fs';
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { SourceLanguage } from '../../src/engine/extract/FunctionAtCursor';
import { functionShape, type FunctionShape } from '../../src/engine/extract/functionShape';
import { languageFromId } from '../../src/engine/extract/languageOf';
import { withSyntaxTree } from '../../src/engine/extract/withSyntaxTree';

/** What a function needs to run, the rows of the issue's table, in its order. */
export const CONTEXT_KINDS = ['self-contained', 'helpers', 'class', 'sibling', 'package', 'outside'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

/** One entry of `cases.json`. */
export interface CorpusCase {
  id: string;
  kind: ContextKind;
  /** The file holding the function, relative to the corpus folder. */
  file: string;
  /** The function's name; `Class.method` for a method (getters and static methods too). */
  function: string;
  /** Statements that hold for the correct body: `assert…(…);` or a block `{ … }`. */
  asserts: string[];
  /** A bug put into the body: the first occurrence of `find` becomes `replace`. */
  mutant: { find: string; replace: string };
  expect: 'verified' | 'unverifiable';
  /** For `unverifiable`: a part of the reason the engine must give (e.g. "fetch"). */
  reason?: string;
}

/** A case as a verification request: the function's body cut out of its file. */
export interface CorpusRequest {
  case: CorpusCase;
  /** Absolute path of the file. */
  file: string;
  language: SourceLanguage;
  /**
   * The file with the body emptied as the editor leaves it after typing `{`: the closing `}`
   * stays, on a line of its own at its own indentation.
   */
  document: string;
  /** Just after the body's `{`. */
  cursor: number;
  /** The body that was cut out, followed by its closing `}` (the editor's `}` is then dropped as a duplicate). */
  completion: string;
  /** `completion` with the mutant's bug in it. */
  mutantCompletion: string;
}

/** The project's own corpus. */
export const DEFAULT_CORPUS = path.resolve(__dirname, '..', 'fixtures', 'context');

/**
 * Reads and checks `cases.json` in `dir` (synchronously, so that a test file can declare one
 * test per case). Throws with the case's id when an entry is malformed or an id repeats.
 */
export function readCorpus(dir: string): CorpusCase[] {
  const manifest = path.join(dir, 'cases.json');
  if (!fs.existsSync(manifest)) throw new Error(`No corpus at ${dir}: ${manifest} does not exist.`);
  const entries: unknown = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${manifest} must hold an array of cases.`);
  const seen = new Set<string>();
  return entries.map((entry: unknown, index) => {
    const checked = checkCase(entry, `${manifest}[${index}]`);
    if (seen.has(checked.id)) throw new Error(`${manifest}: the id ${checked.id} is used twice.`);
    seen.add(checked.id);
    return checked;
  });
}

function checkCase(entry: unknown, where: string): CorpusCase {
  const value = entry as Partial<CorpusCase> | null;
  const problem = (what: string) => new Error(`${where}${typeof value?.id === 'string' ? ` (${value.id})` : ''}: ${what}`);
  if (typeof value !== 'object' || value === null) throw problem('not an object');
  for (const field of ['id', 'file', 'function'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '') throw problem(`"${field}" must be a non-empty string`);
  }
  if (!CONTEXT_KINDS.includes(value.kind as ContextKind)) throw problem(`"kind" must be one of ${CONTEXT_KINDS.join(', ')}`);
  if (!Array.isArray(value.asserts) || value.asserts.length === 0 || value.asserts.some((a) => typeof a !== 'string')) {
    throw problem('"asserts" must be a non-empty array of strings');
  }
  if (typeof value.mutant?.find !== 'string' || value.mutant.find === '' || typeof value.mutant.replace !== 'string') {
    throw problem('"mutant" must be { "find": non-empty string, "replace": string }');
  }
  if (value.expect !== 'verified' && value.expect !== 'unverifiable') throw problem('"expect" must be "verified" or "unverifiable"');
  if (value.reason !== undefined && typeof value.reason !== 'string') throw problem('"reason" must be a string');
  if ((value.kind === 'outside') !== (value.expect === 'unverifiable')) {
    throw problem('outside-world cases, and only they, are expected to be unverifiable');
  }
  return value as CorpusCase;
}

/**
 * Cuts the case's function body out of its file. Throws when the file's language is not
 * supported, the function is missing or ambiguous, or the mutant's `find` is not in the body.
 */
export async function prepareCorpusCase(dir: string, corpusCase: CorpusCase): Promise<CorpusRequest> {
  const file = path.resolve(dir, corpusCase.file);
  const language = languageFromId(path.extname(file));
  if (!language || language === 'python') throw new Error(`${corpusCase.id}: ${corpusCase.file} is not JavaScript or TypeScript.`);
  const text = fs.readFileSync(file, 'utf8');
  const found = await withSyntaxTree(text, language, (root) =>
    findNamed(root, corpusCase.function).map((shape) => ({ bodyStart: shape.bodyStart, bodyEnd: shape.bodyEnd })),
  );
  if (found.length !== 1) {
    throw new Error(`${corpusCase.id}: ${found.length === 0 ? 'no' : found.length} function ${corpusCase.function} with a { } body in ${corpusCase.file}.`);
  }
  const [{ bodyStart, bodyEnd }] = found;
  if (text[bodyEnd] !== '}') throw new Error(`${corpusCase.id}: the body of ${corpusCase.function} is not closed.`);
  const completion = text.slice(bodyStart, bodyEnd + 1);
  const { find, replace } = corpusCase.mutant;
  const at = completion.indexOf(find);
  if (at < 0) throw new Error(`${corpusCase.id}: the mutant's find text ${JSON.stringify(find)} is not in the body of ${corpusCase.function}.`);
  const closingLine = text.slice(text.lastIndexOf('\n', bodyEnd - 1) + 1, bodyEnd);
  const closingIndent = /^[ \t]*$/.test(closingLine) ? closingLine : '';
  return {
    case: corpusCase,
    file,
    language,
    document: `${text.slice(0, bodyStart)}\n${closingIndent}${text.slice(bodyEnd)}`,
    cursor: bodyStart,
    completion,
    // Spliced rather than String.replace, which would read `$&` and the like in `replace`.
    mutantCompletion: completion.slice(0, at) + replace + completion.slice(at + find.length),
  };
}

const CLASSES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);

/** Functions called `name` (`Class.method`: members of that class) anywhere in the tree. */
function findNamed(root: Node, name: string): FunctionShape[] {
  const dot = name.indexOf('.');
  const className = dot < 0 ? undefined : name.slice(0, dot);
  const memberName = dot < 0 ? name : name.slice(dot + 1);
  const found: FunctionShape[] = [];
  const visit = (node: Node): void => {
    const shape = functionShape(node);
    // A function expression is also known by its own name: `module.exports = function isGlob() {}`.
    const named = shape && (shape.name === memberName || shape.fn.childForFieldName('name')?.text === memberName);
    if (shape && named && classOf(shape.outer) === className) found.push(shape);
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return found;
}

/** The name of the class whose body holds `member` directly; undefined outside a class. */
function classOf(member: Node): string | undefined {
  const body = member.parent;
  const owner = body?.type === 'class_body' ? body.parent : undefined;
  return owner && CLASSES.has(owner.type) ? owner.childForFieldName('name')?.text : undefined;
}
