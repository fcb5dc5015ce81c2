// The `cascade` command line: the engine without the editor, for scripts and benchmarks.
import { CascadeError } from '../engine/errors';
import { BENCH_USAGE, benchCommand } from './benchCommand';
import { CHECK_USAGE, checkCommand } from './checkCommand';
import { COMPLETE_USAGE, completeCommand } from './completeCommand';
import { TUNE_USAGE, tuneCommand } from './tuneCommand';
import { VERIFY_USAGE, verifyCommand } from './verifyCommand';

const USAGE = `usage:
  ${COMPLETE_USAGE}
  ${VERIFY_USAGE}
  ${CHECK_USAGE}
  ${BENCH_USAGE}
  ${TUNE_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'complete':
      return completeCommand(rest, process.stdout, process.stderr);
    case 'verify':
      return verifyCommand(rest, process.stdout);
    case 'check':
      return checkCommand(rest, process.stdout);
    case 'bench':
      return benchCommand(rest, process.stdout, process.stderr);
    case 'tune':
      return tuneCommand(rest, process.stdout);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new CascadeError(`unknown command "${command}": run "cascade help" for usage`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // User mistakes (CascadeError) are one line; anything else is a bug worth its stack.
    if (error instanceof CascadeError) {
      process.stderr.write(`cascade: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`cascade: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
