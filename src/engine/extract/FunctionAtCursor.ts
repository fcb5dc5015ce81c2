/** Languages the extractor parses. */
export type SourceLanguage = 'javascript' | 'typescript' | 'tsx' | 'python';

/** The function the cursor is in, as the engine needs it for prompts and verification. */
export interface FunctionAtCursor {
  language: SourceLanguage;
  /** The function's name (for arrow functions and function expressions: the variable's). */
  name: string;
  kind: 'function' | 'arrow' | 'method';
  /** Parameter list as written, with parentheses, e.g. `(a, b = 2)`. */
  params: string;
  /** The doc comment right above the function (JSDoc or line comments), if any. */
  docComment?: string;
  /**
   * Where the function starts in the document: the declaration statement for
   * `const f = () => …`, the `export` keyword for exported functions, the method's first
   * modifier (`static`, `async`, `private`, …) or name for methods, the property for
   * `key: function () {…}`, the first decorator for decorated Python functions.
   */
  start: number;
  /** Offset just after the opening `{` (or `:` in Python) of the body. */
  bodyStart: number;
  /** The cursor offset. */
  cursor: number;
  /** Offset where the function ends in the document when it is already complete; else undefined. */
  end?: number;
  /** Document text from `start` to `bodyStart`: signature with the opening brace. */
  header: string;
  /** Document text from `bodyStart` to the cursor. */
  bodySoFar: string;
  /** True when the body has no statement yet (only whitespace/comments before the cursor and nothing after). */
  bodyEmpty: boolean;
  /** Byte (UTF-8) ranges of the same spans, for tools that index by bytes. */
  bytes: { start: number; bodyStart: number; cursor: number; end?: number };
}
