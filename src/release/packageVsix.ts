// `npm run package [-- --target <target>] [--cuda] [--version <x.y.z>] [--out <file>]`: writes
// the .vsix for this platform (or the target named) with vsce, then checks that it holds every
// file the installed extension loads, naming what is missing. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listZip, manifestAssets, missingFromVsix, vsixRequirements } from './vsixContents';
import { binaryIgnoreLines, hostTarget, VSIX_TARGETS, type VsixTarget } from './vsixTargets';

const root = path.resolve(__dirname, '..', '..');

function main(): number {
  const { values } = parseArgs({
    options: {
      target: { type: 'string' },
      cuda: { type: 'boolean', default: false },
      version: { type: 'string' },
      out: { type: 'string', default: 'cascade.vsix' },
    },
  });
  const target = (values.target ?? hostTarget()) as VsixTarget;
  if (!VSIX_TARGETS.includes(target)) throw new Error(`--target ${target}: use one of ${VSIX_TARGETS.join(', ')}`);
  const out = path.resolve(root, values.out);
  const binariesDir = path.join(root, 'node_modules', '@node-llama-cpp');
  const installed = existsSync(binariesDir) ? readdirSync(binariesDir) : [];

  // .vscodeignore plus the prebuilt binaries of other CPUs (and CUDA unless --cuda).
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cascade-package-'));
  try {
    const ignoreFile = path.join(tmp, '.vscodeignore');
    const ignore = [readFileSync(path.join(root, '.vscodeignore'), 'utf8'), '# Added for this target by src/release/packageVsix.ts:', ...binaryIgnoreLines(installed, target, { cuda: values.cuda })];
    writeFileSync(ignoreFile, `${ignore.join('\n')}\n`);
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const versionArgs = values.version ? [values.version, '--no-update-package-json', '--no-git-tag-version'] : [];
    const run = spawnSync(process.execPath, [vsce, 'package', ...versionArgs, '--target', target, '--ignoreFile', ignoreFile, '--out', out], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) return run.status ?? 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return checkVsix(out, target, values.cuda);
}

/** Prints the .vsix's size and fails (1) naming every required file it lacks. */
function checkVsix(file: string, target: VsixTarget, cuda: boolean): number {
  const entries = listZip(readFileSync(file));
  const nodeLlamaCpp = JSON.parse(readFileSync(path.join(root, 'node_modules', 'node-llama-cpp', 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Parameters<typeof manifestAssets>[0];
  const requirements = vsixRequirements({
    target,
    cuda,
    manifestFiles: manifestAssets(manifest),
    distFiles: readdirSync(path.join(root, 'dist')),
    nodeLlamaCppDependencies: Object.keys(nodeLlamaCpp.dependencies ?? {}),
  });
  const missing = missingFromVsix(requirements, entries);
  const unpacked = entries.reduce((sum, entry) => sum + entry.size, 0);
  const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  console.log(`${path.relative(root, file)} (${target}): ${mb(statSync(file).size)}, ${entries.length} files, ${mb(unpacked)} unpacked; ${requirements.length - missing.length}/${requirements.length} required files present`);
  for (const { path: name, what } of missing) console.error(`MISSING from the .vsix: ${name} (${what})`);
  return missing.length ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`npm run package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
