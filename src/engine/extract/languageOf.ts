import type { SourceLanguage } from './FunctionAtCursor';

// JSX has no grammar of its own here: tree-sitter-javascript parses JSX.
const LANGUAGES: Record<string, SourceLanguage> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  typescript: 'typescript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  typescriptreact: 'tsx',
  '.tsx': 'tsx',
  python: 'python',
  '.py': 'python',
};

/**
 * Maps a VS Code language id (`typescriptreact`) or a file extension with its dot (`.tsx`,
 * case-insensitive) to the grammar the extractor uses; undefined when unsupported.
 */
export function languageFromId(idOrExtension: string): SourceLanguage | undefined {
  const key = idOrExtension.toLowerCase();
  return Object.hasOwn(LANGUAGES, key) ? LANGUAGES[key] : undefined;
}
