import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { listZip, manifestAssets, missingFromVsix, vsixRequirements, type ZipEntry } from '../../src/release/vsixContents';
import { binaryIgnoreLines, hostTarget, shippedBinaries } from '../../src/release/vsixTargets';

/** A zip of `files` (deflated, as vsce writes them), with an archive comment to skip. */
function zipOf(files: Record<string, string>, comment = ''): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const extra = Buffer.from('xx'); // an extra field, which the reader must step over
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes, extra);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...locals, directory, end, Buffer.from(comment)]);
}

describe('vsix contents', () => {
  it('lists a zip\'s files with their uncompressed sizes, past extra fields and an archive comment', () => {
    const zip = zipOf({ 'extension/package.json': '{"name":"x"}', 'extension/dist/extension.js': 'a'.repeat(5000) }, 'made by a test');
    assert.deepEqual(listZip(zip), [
      { name: 'extension/package.json', size: 12 },
      { name: 'extension/dist/extension.js', size: 5000 },
    ]);
  });

  it('refuses a file that is not a zip, and one whose directory is cut short', () => {
    assert.throws(() => listZip(Buffer.from('not a zip at all, just some text that is long enough')), /not a zip/);
    const zip = zipOf({ 'a.txt': 'a', 'b.txt': 'b' });
    const end = zip.length - 22;
    zip.writeUInt16LE(3, end + 10); // claims a third entry
    assert.throws(() => listZip(zip), /entry 3 of 3 is missing/);
  });

  it('requires the bundles, every built file but source maps, the platform\'s native binaries, the toy models and node-llama-cpp\'s dependencies', () => {
    const paths = vsixRequirements({
      target: 'linux-x64',
      distFiles: ['extension.js', 'extension.js.map', 'tree-sitter-python.wasm'],
      nodeLlamaCppDependencies: ['lifecycle-utils'],
      manifestFiles: ['media/icon.png'],
    }).map((r) => r.path);
    for (const expected of [
      'extension/dist/extension.js',
      'extension/dist/sandboxWorker.js',
      'extension/dist/tree-sitter-python.wasm',
      'extension/dist/quickjs.wasm',
      'extension/models/toy/toy-s.gguf',
      'extension/models/catalog.json',
      'extension/media/icon.png',
      'extension/node_modules/lifecycle-utils/package.json',
      'extension/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/llama-addon.node',
      'extension/node_modules/@node-llama-cpp/linux-x64-vulkan/bins/linux-x64-vulkan/llama-addon.node',
      'extension/node_modules/typescript/lib/typescript.js',
    ]) {
      assert.ok(paths.includes(expected), `${expected} should be required`);
    }
    assert.ok(!paths.some((p) => p.endsWith('.map')), 'source maps are not required');
    assert.ok(!paths.some((p) => p.includes('cuda')), 'CUDA only when asked for');
    assert.equal(new Set(paths).size, paths.length, 'each file once');
  });

  it('names what a .vsix lacks, counting an empty file as missing', () => {
    const requirements = vsixRequirements({ target: 'darwin-arm64', distFiles: [], nodeLlamaCppDependencies: [], manifestFiles: [] });
    const entries: ZipEntry[] = requirements.map((r) => ({ name: r.path, size: 10 }));
    assert.deepEqual(missingFromVsix(requirements, entries), []);
    const worker = 'extension/dist/sandboxWorker.js';
    const addon = 'extension/node_modules/@node-llama-cpp/mac-arm64-metal/bins/mac-arm64-metal/llama-addon.node';
    const broken = entries.filter((e) => e.name !== addon).map((e) => (e.name === worker ? { ...e, size: 0 } : e));
    assert.deepEqual(
      missingFromVsix(requirements, broken).map((r) => r.path),
      [worker, addon],
    );
  });

  it("takes the icon and every walkthrough step's media from the manifest, each once", () => {
    const manifest = {
      icon: 'media/icon.png',
      contributes: {
        walkthroughs: [{ steps: [{ media: { image: 'media/a.png', altText: 'a' } }, { media: { markdown: 'media/b.md' } }, { media: { image: 'media/a.png' } }, {}] }],
      },
    };
    assert.deepEqual(manifestAssets(manifest), ['media/icon.png', 'media/a.png', 'media/b.md']);
    assert.deepEqual(manifestAssets({}), []);
  });
});

describe('vsix targets', () => {
  it('maps the host to a VS Code target and refuses one without prebuilt binaries', () => {
    assert.equal(hostTarget('linux', 'x64'), 'linux-x64');
    assert.equal(hostTarget('linux', 'arm'), 'linux-armhf');
    assert.equal(hostTarget('darwin', 'arm64'), 'darwin-arm64');
    assert.equal(hostTarget('win32', 'x64'), 'win32-x64');
    assert.throws(() => hostTarget('freebsd', 'x64'), /no prebuilt binaries for freebsd-x64/);
  });

  it('leaves out the installed binaries of other CPUs, and CUDA unless asked for', () => {
    const installed = ['linux-arm64', 'linux-armv7l', 'linux-x64', 'linux-x64-cuda', 'linux-x64-cuda-ext', 'linux-x64-vulkan'];
    assert.deepEqual(binaryIgnoreLines(installed, 'linux-x64'), [
      'node_modules/@node-llama-cpp/linux-arm64/**',
      'node_modules/@node-llama-cpp/linux-armv7l/**',
      'node_modules/@node-llama-cpp/linux-x64-cuda/**',
      'node_modules/@node-llama-cpp/linux-x64-cuda-ext/**',
    ]);
    assert.deepEqual(binaryIgnoreLines(installed, 'linux-x64', { cuda: true }), ['node_modules/@node-llama-cpp/linux-arm64/**', 'node_modules/@node-llama-cpp/linux-armv7l/**']);
    assert.deepEqual(shippedBinaries('linux-armhf'), ['linux-armv7l']);
  });
});
