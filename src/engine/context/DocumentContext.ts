import type { FunctionAtCursor, SourceLanguage } from '../extract/FunctionAtCursor';
import type { CodeNeeds } from './freeReferences';
import type { TopLevelDeclaration } from './topLevelDeclarations';

/** Where the document lives on disk, for its imports. */
export interface ProjectLocation {
  /** Absolute path of the document; undefined for an unsaved (untitled) document. */
  file?: string;
  /** The project root imports are confined to: the nearest folder with a package.json, else the file's folder. */
  root?: string;
}

/** How the model's asserts call the function under test. */
export type TestSubject =
  /** A top-level (or standalone) function: `add(…)`. */
  | { kind: 'function'; callee: string }
  /** A static method or an object's method: `Counter.create(…)`, `api.get(…)`; `outline` shows its class or object. */
  | { kind: 'member'; callee: string; outline: string }
  /** An instance method: asserts build an instance first. `outline` is the class as the test prompt shows it. */
  | { kind: 'instance'; className: string; method: string; instance: string; outline: string };

/**
 * The top-level statement the function sits in when it is not itself top-level: its class,
 * the object literal it is a method of, or (nested) the function around it.
 */
export interface Container {
  kind: 'class' | 'object' | 'nested';
  /** The names the statement binds (the class, the variable), for messages and slicing. */
  names: string[];
  /** The statement's script text before and after the function (the function is inserted between). */
  before: string;
  after: string;
  /** Where the statement starts in the indexed text, to keep document order. */
  start: number;
}

/**
 * What the verifier knows about a document before any candidate exists: everything at the
 * top level besides the function being completed, the statement that contains it, and how
 * tests can call it. Built once per request (indexDocument) and shared by all candidates.
 */
export interface DocumentContext {
  language: SourceLanguage;
  fn: FunctionAtCursor;
  /** Top-level declarations other than the function's own statement, in document order. */
  declarations: TopLevelDeclaration[];
  /** Where the function was taken out of the document (its position among the declarations). */
  junction: number;
  container?: Container;
  subject: TestSubject;
  /** The document is an ES module or says 'use strict': its program runs in strict mode. */
  strict: boolean;
  project: ProjectLocation;
  /** Set when no body of this function can be tested (e.g. Python, which has no sandbox yet). */
  unverifiable?: string;
  /** Needs of each declaration, filled on first use. */
  needs: Map<TopLevelDeclaration, Promise<CodeNeeds>>;
}
