import type { Node } from 'web-tree-sitter';
import { CascadeError } from '../errors';
import type { SourceLanguage } from './FunctionAtCursor';
import { getParser } from './loadParser';

/**
 * Parses `text` and hands the root node to `use`. Trees live in WebAssembly memory and must
 * be freed, so the tree is deleted as soon as `use` returns: `use` must copy out what it
 * needs (offsets, text) and never return nodes.
 */
export async function withSyntaxTree<T>(text: string, language: SourceLanguage, use: (root: Node) => T): Promise<T> {
  const parser = await getParser(language);
  const tree = parser.parse(text);
  if (!tree) throw new CascadeError(`tree-sitter could not parse the ${language} text.`);
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}
