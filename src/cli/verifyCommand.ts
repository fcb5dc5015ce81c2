import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CascadeError, cursorOffset, languageFromId, SandboxPool, verifyCompletion, type VerifyResult } from '../engine';
import { parseFlags } from './parseFlags';

export const VERIFY_USAGE =
  'cascade verify <file> --line N [--column C] --completion <file> --asserts <file.json> [--root DIR] [--json] [--show-program]';

const VERIFY_FLAGS = { line: 'number', column: 'number', completion: 'string', asserts: 'string', root: 'string', json: 'boolean', 'show-program': 'boolean' } as const;

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CascadeError(`Cannot read the ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

async function readAsserts(file: string): Promise<string[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readText(file, 'asserts file'));
  } catch (error) {
    if (error instanceof CascadeError) throw error;
    throw new CascadeError(`${file} is not JSON (${(error as Error).message}): --asserts takes a JSON array of assert statements.`);
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((a) => typeof a === 'string' && a.trim() !== '')) {
    throw new CascadeError(`${file} must hold a non-empty JSON array of assert statements, e.g. ["assert.strictEqual(add(1, 2), 3);"].`);
  }
  return value as string[];
}

/**
 * `cascade verify`: builds the test program of one completion exactly as the cascade does for a
 * candidate (the completion inserted at the position, the function in its context) and runs the
 * given asserts against it, one run each. Prints the verdict and each assert's outcome (or one
 * JSON object with --json). Exit 0 whenever it ran, whatever the verdict.
 */
export async function verifyCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { flags, positionals } = parseFlags(argv, VERIFY_FLAGS);
  const file = positionals[0];
  if (!file || positionals.length > 1 || flags.line === undefined || !flags.completion || !flags.asserts) {
    throw new CascadeError(`usage: ${VERIFY_USAGE}`);
  }
  const language = languageFromId(path.extname(file));
  if (!language) throw new CascadeError(`Unsupported file type "${path.extname(file)}": use a .js, .jsx, .ts, .tsx or .py file.`);
  const [document, completion, asserts] = await Promise.all([
    readText(file, 'file'),
    readText(flags.completion, 'completion file'),
    readAsserts(flags.asserts),
  ]);
  const cursor = cursorOffset(document, flags.line, flags.column);
  const root = flags.root === undefined ? undefined : path.resolve(flags.root);
  if (root !== undefined && !(await stat(root).catch(() => undefined))?.isDirectory()) {
    throw new CascadeError(`--root ${flags.root} is not a folder: give the project's root folder (the one with its package.json).`);
  }
  const sandbox = new SandboxPool();
  try {
    const result = await verifyCompletion({ document, language, cursor, completion, asserts, file, root, sandbox });
    const shown = flags['show-program'] ? result : { ...result, program: undefined };
    out.write(flags.json ? `${JSON.stringify(shown)}\n` : formatVerify(shown));
    return 0;
  } finally {
    await sandbox.dispose();
  }
}

function formatVerify(result: VerifyResult): string {
  const lines = [`verdict: ${result.verdict}${result.reason ? ` — ${result.reason}` : ''}`];
  for (const a of result.asserts) lines.push(`  ${a.status.padEnd(7)} ${a.assert.replace(/\s*\n\s*/g, ' ')}${a.message ? `\n          ${a.message}` : ''}`);
  if (result.program !== undefined) lines.push('--- program (each assert is appended to it) ---', result.program);
  return `${lines.join('\n')}\n`;
}
