// What a .vsix must hold for Cascade to work once installed, and a reader for its file list. Pure.
import { shippedBinaries, type VsixTarget } from './vsixTargets';

/** One file in a zip's central directory. */
export interface ZipEntry {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
}

/** A file the installed extension needs: its path inside the .vsix and what breaks without it. */
export interface VsixRequirement {
  path: string;
  what: string;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;

/**
 * The file list of a zip (a .vsix is one) from its central directory. Throws on a file that is
 * not a zip or is cut short. Zip64 archives (over 4 GB or 65,535 files) are not read.
 */
export function listZip(zip: Buffer): ZipEntry[] {
  // The end record is 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file (no end of central directory record)');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) {
      throw new Error(`broken zip: central directory entry ${n + 1} of ${count} is missing`);
    }
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const skip = zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), size });
    offset += 46 + nameLength + skip;
  }
  return entries;
}

/** What a manifest names that must ship: the icon and the walkthrough's media files. */
export function manifestAssets(manifest: { icon?: string; contributes?: { walkthroughs?: { steps: { media?: Record<string, unknown> }[] }[] } }): string[] {
  const media = (manifest.contributes?.walkthroughs ?? []).flatMap((walkthrough) =>
    walkthrough.steps.flatMap((step) => ['image', 'markdown', 'svg'].map((kind) => step.media?.[kind]).filter((file): file is string => typeof file === 'string')),
  );
  return [...new Set([...(manifest.icon ? [manifest.icon] : []), ...media])];
}

export interface RequirementInputs {
  target: VsixTarget;
  cuda?: boolean;
  /** Files the build wrote to dist/ (names, no folders); source maps are not needed. */
  distFiles: string[];
  /** node-llama-cpp's own runtime dependencies (package names). */
  nodeLlamaCppDependencies: string[];
  /** Files the manifest names (see manifestAssets). */
  manifestFiles: string[];
}

/** Everything the installed extension loads, as paths inside a .vsix (`extension/…`). */
export function vsixRequirements({ target, cuda = false, distFiles, nodeLlamaCppDependencies, manifestFiles }: RequirementInputs): VsixRequirement[] {
  const file = (path: string, what: string): VsixRequirement => ({ path: `extension/${path}`, what });
  const built = distFiles.filter((name) => !name.endsWith('.map'));
  return [
    file('package.json', 'the manifest'),
    file('readme.md', 'the Marketplace page'),
    file('changelog.md', 'the changelog tab'),
    file('LICENSE.txt', 'the licence'),
    ...manifestFiles.map((name) => file(name.replace(/^\.\//, ''), 'named in package.json (icon, walkthrough media)')),
    // Named even when the build left them out, so an empty dist/ fails too.
    ...[...new Set(['extension.js', 'cli.js', 'sandboxWorker.js', 'tree-sitter.wasm', 'tree-sitter-javascript.wasm', 'quickjs.wasm', ...built])].map((name) =>
      file(`dist/${name}`, name.endsWith('.wasm') ? 'a WebAssembly file the engine loads' : 'a bundle'),
    ),
    file('media/settings.js', 'the settings panel'),
    file('media/settings.css', 'the settings panel'),
    file('media/walkthrough/sample.js', "the walkthrough's sample file"),
    file('models/catalog.json', 'the model catalog'),
    ...['toy-s.gguf', 'toy-m.gguf', 'toy-l.gguf', 'tiers.json'].map((name) => file(`models/toy/${name}`, 'the bundled offline demo models')),
    file('node_modules/node-llama-cpp/package.json', 'node-llama-cpp'),
    file('node_modules/node-llama-cpp/dist/index.js', 'node-llama-cpp'),
    ...nodeLlamaCppDependencies.map((name) => file(`node_modules/${name}/package.json`, 'a dependency of node-llama-cpp')),
    ...shippedBinaries(target, { cuda }).map((name) =>
      file(`node_modules/@node-llama-cpp/${name}/bins/${name}/llama-addon.node`, `node-llama-cpp's native binary for ${target}`),
    ),
    file('node_modules/typescript/lib/typescript.js', 'TypeScript, which the sandbox uses to run TypeScript programs'),
  ];
}

/** The requirements a .vsix's entries do not meet (an empty file counts as missing). */
export function missingFromVsix(requirements: VsixRequirement[], entries: ZipEntry[]): VsixRequirement[] {
  const sizes = new Map(entries.map((entry) => [entry.name, entry.size]));
  return requirements.filter((requirement) => !sizes.get(requirement.path));
}
