import type { Node } from 'web-tree-sitter';

const CLOSER_OF: Record<string, string> = { '{': '}', '${': '}', '(': ')', '[': ']' };

/**
 * The brackets still open at the end of the parsed text, innermost last, as the closing
 * tokens that would balance them (`['}', ')']`). Works on tokens, not characters, so braces
 * inside strings, comments, regexes and template text do not count; error recovery leaves
 * tokens in place, so it also works on unfinished code. Zero-width MISSING tokens are
 * tree-sitter's guesses, not text, and are skipped.
 */
export function openBrackets(root: Node): string[] {
  const stack: string[] = [];
  // A cursor walk: whole documents have many thousands of tokens.
  const cursor = root.walk();
  try {
    for (;;) {
      if (!cursor.gotoFirstChild()) {
        if (!cursor.nodeIsMissing && cursor.startIndex < cursor.endIndex) track(stack, cursor.nodeType);
        while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return stack;
      }
    }
  } finally {
    cursor.delete();
  }
}

function track(stack: string[], token: string): void {
  const closer = CLOSER_OF[token];
  if (closer) stack.push(closer);
  else if (stack.at(-1) === token) stack.pop();
}
