// Verification in context, per kind of context a function needs: runs verifyCompletion on every
// case of a corpus (its correct body and its mutant) and prints the issue's table — how many
// correct bodies are verified, how many mutants rejected, how many functions were classified
// unverifiable — with the cases that did not come out as expected, and the run time.
//
//   npm run bench:context                                  # the project's own corpus
//   npm run bench:context -- --corpus /path/to/corpus      # any folder with the same layout
import fs from 'node:fs';
import path from 'node:path';
import { setAssetDir } from '../../src/engine/assets';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { CONTEXT_KINDS, DEFAULT_CORPUS, prepareCorpusCase, readCorpus, type ContextKind, type CorpusCase } from '../helpers/contextCorpus';
import { runCorpusCase } from '../helpers/runCorpusCase';

const LABELS: Record<ContextKind, string> = {
  'self-contained': 'nothing (self-contained)',
  helpers: 'same-file helpers / top-level constants or regexes',
  class: 'its class (`this`, other methods, constructor)',
  sibling: 'sibling modules (relative `require`/`import`)',
  package: 'npm packages or Node built-ins',
  outside: 'the outside world (DOM, fetch, fs, timers)',
};

/** The targets the issue sets for code the project has not seen. */
const TARGET_VERIFIED = 0.85;
const TARGET_REJECTED = 0.9;

interface Row {
  cases: number;
  verified: number;
  rejected: number;
  unverifiable: number;
}

function parseCorpusFlag(argv: string[]): string {
  let corpus = DEFAULT_CORPUS;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus' && argv[i + 1] !== undefined) corpus = path.resolve(argv[++i]);
    else fail(`unknown argument ${JSON.stringify(argv[i])}. Usage: npm run bench:context [-- --corpus DIR]`);
  }
  if (!fs.existsSync(path.join(corpus, 'cases.json'))) {
    fail(`NO CORPUS AT ${corpus}: ${fs.existsSync(corpus) ? 'it has no cases.json' : 'the folder does not exist'}. Nothing was measured.`);
  }
  return corpus;
}

function fail(message: string): never {
  console.error(`\ncontextBench: ${message}\n`);
  process.exit(2);
}

const ratio = (count: number, of: number): string => (of === 0 ? '—' : `${count}/${of} (${Math.round((100 * count) / of)}%)`);

function printTable(rows: Map<ContextKind, Row>): void {
  console.log('| what the function needs | functions | correct body verified | mutant rejected | classified unverifiable |');
  console.log('|---|---|---|---|---|');
  const testable: Row = { cases: 0, verified: 0, rejected: 0, unverifiable: 0 };
  for (const kind of CONTEXT_KINDS) {
    const row = rows.get(kind) ?? { cases: 0, verified: 0, rejected: 0, unverifiable: 0 };
    if (kind === 'outside') {
      console.log(`| ${LABELS[kind]} | ${row.cases} | — | — | ${ratio(row.unverifiable, row.cases)} |`);
      continue;
    }
    console.log(`| ${LABELS[kind]} | ${row.cases} | ${ratio(row.verified, row.cases)} | ${ratio(row.rejected, row.cases)} | ${row.unverifiable} |`);
    for (const key of ['cases', 'verified', 'rejected', 'unverifiable'] as const) testable[key] += row[key];
  }
  console.log(`| **testable kinds** | ${testable.cases} | ${ratio(testable.verified, testable.cases)} | ${ratio(testable.rejected, testable.cases)} | ${testable.unverifiable} |`);
  const verifiedOk = testable.cases > 0 && testable.verified / testable.cases >= TARGET_VERIFIED;
  const rejectedOk = testable.cases > 0 && testable.rejected / testable.cases >= TARGET_REJECTED;
  const outside = rows.get('outside');
  console.log(
    `\ntargets: verified ≥ ${TARGET_VERIFIED * 100}% ${verifiedOk ? 'met' : 'NOT met'}, ` +
      `mutants rejected ≥ ${TARGET_REJECTED * 100}% ${rejectedOk ? 'met' : 'NOT met'}, ` +
      `outside world unverifiable ${outside ? `${outside.unverifiable}/${outside.cases}` : '—'}`,
  );
}

async function main(): Promise<void> {
  const corpus = parseCorpusFlag(process.argv.slice(2));
  setAssetDir(path.resolve(__dirname, '..', '..', 'dist'));
  const cases: CorpusCase[] = readCorpus(corpus);
  const pool = new SandboxPool({ size: 2 });
  const rows = new Map<ContextKind, Row>();
  const failures: string[] = [];
  let done = 0;
  const started = performance.now();
  try {
    for (const corpusCase of cases) {
      const row = rows.get(corpusCase.kind) ?? { cases: 0, verified: 0, rejected: 0, unverifiable: 0 };
      rows.set(corpusCase.kind, row);
      row.cases++;
      let request;
      try {
        request = await prepareCorpusCase(corpus, corpusCase);
      } catch (error) {
        failures.push(`${corpusCase.id} (${corpusCase.kind}): the case cannot be prepared: ${error instanceof Error ? error.message : String(error)}`);
        done++;
        continue;
      }
      const outcome = await runCorpusCase(request, pool);
      if (outcome.correct?.verdict === 'verified') row.verified++;
      if (outcome.correct?.verdict === 'unverifiable') row.unverifiable++;
      // A mutant that fails where its correct body fails too shows nothing: it counts only
      // when the correct body was verified.
      if (corpusCase.kind !== 'outside' && outcome.correctOk && outcome.mutantOk) row.rejected++;
      if (outcome.problems.length > 0) failures.push(`${corpusCase.id} (${corpusCase.kind}, ${corpusCase.file} ${corpusCase.function}):\n  ${outcome.problems.join('\n').replace(/\n/g, '\n  ')}`);
      process.stderr.write(`\r${++done}/${cases.length} cases`);
    }
  } finally {
    await pool.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');
  console.log(`\ncorpus: ${corpus} (${cases.length} functions)\n`);
  printTable(rows);
  console.log(`\nrun time: ${seconds.toFixed(1)} s (${((1000 * seconds) / Math.max(1, cases.length)).toFixed(0)} ms per function, correct body and mutant)`);
  if (failures.length > 0) console.log(`\n${failures.length} case(s) not as expected:\n\n${failures.join('\n\n')}`);
}

void main();
