// `import … = require(…)`, not `import … from`: esbuild then resolves the package's "require"
// export (tree-sitter.cjs). The ESM build it would pick otherwise reads `import.meta.url`,
// which is empty in our CommonJS bundles, and fails to initialise.
import TreeSitter = require('web-tree-sitter');
import { assetPath } from '../assets';
import type { SourceLanguage } from './FunctionAtCursor';

// The runtime is initialised once per process; each grammar is loaded on first use. Promises
// are cached (not results) so that concurrent first calls share one load.
const { Language, Parser } = TreeSitter;
let runtime: Promise<void> | undefined;
const parsers = new Map<SourceLanguage, Promise<TreeSitter.Parser>>();

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: (file: string) => assetPath(file) }).catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

async function createParser(language: SourceLanguage): Promise<TreeSitter.Parser> {
  await initRuntime();
  const grammar = await Language.load(assetPath(`tree-sitter-${language}.wasm`));
  const parser = new Parser();
  parser.setLanguage(grammar);
  return parser;
}

/**
 * The tree-sitter parser for a language, loading the runtime and the grammar from the asset
 * directory (`tree-sitter.wasm`, `tree-sitter-<language>.wasm`) on first use. Parsing is
 * synchronous, so one shared parser per language is safe within a thread.
 */
export function getParser(language: SourceLanguage): Promise<TreeSitter.Parser> {
  let parser = parsers.get(language);
  if (!parser) {
    parser = createParser(language);
    // A failed load (e.g. missing wasm) is retried on the next call instead of cached.
    parser.catch(() => parsers.delete(language));
    parsers.set(language, parser);
  }
  return parser;
}
