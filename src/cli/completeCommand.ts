import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CascadeError,
  cursorOffset,
  findFunctionAtCursor,
  findProjectRoot,
  languageFromId,
  NoFunctionError,
  readTiersFile,
  runCascade,
  SandboxPool,
  serverWarnings,
  TierModels,
} from '../engine';
import { formatTrace } from './formatTrace';
import { parseFlags } from './parseFlags';

export const COMPLETE_USAGE = 'cascade complete <file> --line N [--column C] --tiers <tiers.json> [--json] [--seed S]';

async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CascadeError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

/** `cascade complete`: completes the function at a position and prints the completion and trace. */
export async function completeCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { line: 'number', column: 'number', tiers: 'string', json: 'boolean', seed: 'number' });
  const file = positionals[0];
  if (!file || positionals.length > 1 || flags.line === undefined || !flags.tiers) throw new CascadeError(`usage: ${COMPLETE_USAGE}`);
  const language = languageFromId(path.extname(file));
  if (!language) throw new CascadeError(`Unsupported file type "${path.extname(file)}": use a .js, .jsx, .ts, .tsx or .py file.`);
  const document = await readSource(file);
  const cursor = cursorOffset(document, flags.line, flags.column);
  const tiers = await readTiersFile(flags.tiers);
  for (const warning of serverWarnings(tiers, flags.tiers)) err.write(`warning: ${warning}\n`);
  const fn = await findFunctionAtCursor(document, cursor, language);
  if (!fn) throw new NoFunctionError(`No function body at ${file}:${flags.line}: put the position inside the body of the function to complete.`);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  const models = new TierModels({ baseDir: path.dirname(path.resolve(flags.tiers)) });
  const sandbox = new SandboxPool();
  try {
    const absolute = path.resolve(file);
    const result = await runCascade({
      document,
      fn,
      project: { file: absolute, root: findProjectRoot(absolute) ?? path.dirname(absolute) },
      tiers,
      modelFor: (tier) => models.modelFor(tier),
      sandbox,
      signal: controller.signal,
      seed: flags.seed ?? 1,
      onProgress: (p) => p.phase !== 'done' && err.write(`tier ${p.tier + 1}/${p.tiers} (${p.model}): ${p.phase}\n`),
    });
    const { completion, acceptedTier, verdict, reason, trace } = result;
    out.write(flags.json ? `${JSON.stringify({ completion, acceptedTier, verdict, reason, trace })}\n` : `${formatTrace(result)}\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    await Promise.allSettled([models.dispose(), sandbox.dispose()]);
  }
}
