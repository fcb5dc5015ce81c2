import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

/** What one run of the built CLI did. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`dist/cli.js`) from the project root; resolves with exit code and output instead of throwing on failure. */
export async function runCli(...args: string[]): Promise<CliRun> {
  return runCliWithEnv({}, ...args);
}

/** {@link runCli} with these environment variables added to (or, when undefined, removed from) the test's. */
export async function runCliWithEnv(env: Record<string, string | undefined>, ...args: string[]): Promise<CliRun> {
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { cwd: root, timeout: 120_000, env: merged });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
