import { once } from 'node:events';
import { CascadeError } from '../engine/errors';
import type { RunOutcome, RunStatus } from '../engine/sandbox/Sandbox';
import { SandboxPool } from '../engine/sandbox/SandboxPool';
import { parseFlags } from './parseFlags';
import { parseLanguage, readCheckRecords } from './readCheckRecords';

const CHECK_FLAGS = { jsonl: 'string', language: 'string', 'timeout-ms': 'number' } as const;

export const CHECK_USAGE = 'cascade check --jsonl <file> [--language js|ts] [--timeout-ms N]';

/**
 * `cascade check`: runs every program of a JSONL file in the sandbox, concurrently, and
 * prints one JSON line per record (`{"id","status","ms","message"?}`, in input order) and
 * then a summary line (`{"total","pass","fail","error","timeout"}`). Returns exit code 0
 * whatever the programs did; throws CascadeError when the input or the flags are bad.
 */
export async function checkCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { flags, positionals } = parseFlags(argv, CHECK_FLAGS);
  if (positionals.length > 0) throw new CascadeError(`unexpected argument "${positionals[0]}"; usage: ${CHECK_USAGE}`);
  if (flags.jsonl === undefined) throw new CascadeError(`missing --jsonl; usage: ${CHECK_USAGE}`);
  const language = parseLanguage(flags.language ?? 'js', '--language');
  const timeoutMs = flags['timeout-ms'];
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new CascadeError('--timeout-ms must be a positive number');
  const records = readCheckRecords(flags.jsonl, language);

  const pool = new SandboxPool({ defaults: timeoutMs === undefined ? {} : { timeoutMs } });
  try {
    // Every run is queued at once; the pool spreads them over its workers.
    const outcomes = records.map((record) =>
      pool.run({ code: record.code, language: record.language }).catch(
        (error: unknown): RunOutcome => ({ status: 'error', ms: 0, message: String((error as Error)?.message ?? error) }),
      ),
    );
    const totals: Record<RunStatus, number> = { pass: 0, fail: 0, error: 0, timeout: 0 };
    for (const [index, record] of records.entries()) {
      const outcome = await outcomes[index];
      totals[outcome.status]++;
      await writeLine(out, { id: record.id, ...outcome });
    }
    await writeLine(out, { total: records.length, ...totals });
  } finally {
    await pool.dispose();
  }
  return 0;
}

async function writeLine(out: NodeJS.WritableStream, value: object): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
}
