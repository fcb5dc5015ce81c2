import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCandidates } from '../../src/engine/bench/checkCandidates';
import { readBenchProblems } from '../../src/engine/bench/readBenchProblems';
import { fitCandidate } from '../../src/engine/cascade/fitCandidate';
import { runCascade } from '../../src/engine/cascade/runCascade';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { findFunctionAtCursor } from '../../src/engine/extract/findFunctionAtCursor';
import { capLines } from '../../src/engine/model/promptWindow';
import { DEFAULT_SUFFIX_LINES } from '../../src/engine/model/ModelBackend';
import { SandboxPool } from '../../src/engine/sandbox/SandboxPool';
import { verifyCompletion } from '../../src/engine/verify/verifyCompletion';
import { isTestPrompt, ScriptedBackend } from '../helpers/ScriptedBackend';
import { benchProblems } from '../toy/corpus/benchProblems';
import { fimExample, testExample, type Layout } from '../toy/corpus/examples';
import { findLeaks, tripleOf } from '../toy/corpus/findLeaks';
import { corpusText } from '../toy/corpus/generateExamples';
import { TASK_KINDS } from '../toy/corpus/kinds/index';
import { renderVariant } from '../toy/corpus/renderVariant';
import { heldOutChoice, trainedChoice } from '../toy/corpus/split';
import { Rng, type Language, type Param, type TaskKind } from '../toy/corpus/TaskKind';
import { callReference } from '../toy/corpus/testCases';

const COMMITTED_BENCH = path.resolve(__dirname, '..', '..', 'models', 'toy', 'bench.jsonl');
const LANGUAGES: Language[] = ['javascript', 'typescript'];
const REQUIRED = [
  'sum', 'difference', 'product', 'larger', 'smaller', 'absolute', 'square', 'isEven', 'isOdd', 'factorial', 'fibonacci',
  'sumArray', 'largestElement', 'countOccurrences', 'reverseString', 'isPalindrome', 'countVowels', 'capitalize',
  'removeDuplicates', 'clamp',
];

type Known = { v?: Param; ctor?: unknown[]; cases: [args: unknown[], expected: unknown][] };
/** Answers worked out by hand, per kind: the reference bodies do what their doc lines say. */
const KNOWN: Record<string, Known> = {
  sum: { cases: [[[2, 3], 5], [[-1, 1], 0]] },
  difference: { cases: [[[5, 3], 2], [[2, 7], -5]] },
  product: { cases: [[[4, 3], 12], [[0, 9], 0]] },
  square: { cases: [[[-3], 9], [[4], 16]] },
  cube: { cases: [[[2], 8], [[-2], -8]] },
  multiplyBy: { v: 3, cases: [[[4], 12]] },
  addConstant: { v: 5, cases: [[[4], 9]] },
  isEven: { cases: [[[4], true], [[7], false], [[-2], true]] },
  isOdd: { cases: [[[7], true], [[-3], true], [[0], false]] },
  larger: { cases: [[[3, 8], 8], [[9, 2], 9]] },
  smaller: { cases: [[[3, 8], 3], [[9, 2], 2]] },
  absolute: { cases: [[[-5], 5], [[4], 4]] },
  average: { cases: [[[2, 5], 3.5]] },
  isNegative: { cases: [[[-1], true], [[0], false]] },
  isDivisibleBy: { v: 3, cases: [[[9], true], [[10], false]] },
  clamp: { cases: [[[15, 0, 10], 10], [[-3, 0, 10], 0], [[5, 0, 10], 5]] },
  clampTo: { v: [0, 10], cases: [[[15], 10], [[-2], 0], [[4], 4]] },
  sign: { cases: [[[-4], -1], [[0], 0], [[9], 1]] },
  capitalize: { cases: [[['hello'], 'Hello'], [[''], '']] },
  repeatTimes: { v: 3, cases: [[['ab'], 'ababab']] },
  firstElement: { cases: [[[[4, 5]], 4]] },
  lastElement: { cases: [[[[4, 5]], 5]] },
  shout: { cases: [[['hi'], 'HI!']] },
  maxOfThree: { cases: [[[1, 9, 3], 9]] },
  fizzBuzz: { cases: [[[15], 'FizzBuzz'], [[9], 'Fizz'], [[10], 'Buzz'], [[7], '7']] },
  contains: { cases: [[[[1, 2], 2], true], [[[1, 2], 5], false]] },
  isLeapYear: { cases: [[[2000], true], [[1900], false], [[2024], true], [[2023], false]] },
  reverseString: { cases: [[['abc'], 'cba']] },
  isPalindrome: { cases: [[['level'], true], [['hello'], false]] },
  sumArray: { cases: [[[[1, 2, 3]], 6], [[[]], 0]] },
  largestElement: { cases: [[[[3, 9, 2]], 9], [[[-4, -2]], -2]] },
  smallestElement: { cases: [[[[3, 9, 2]], 2]] },
  countOccurrences: { cases: [[[[1, 2, 1, 1], 1], 3]] },
  countVowels: { cases: [[['banana'], 3], [['sky'], 0]] },
  removeDuplicates: { cases: [[[[1, 2, 1, 3, 2]], [1, 2, 3]]] },
  sumTo: { cases: [[[4], 10], [[0], 0]] },
  countPositives: { cases: [[[[-1, 2, 0, 5]], 2]] },
  productOfArray: { cases: [[[[2, 3, 4]], 24], [[[]], 1]] },
  scaleAll: { v: 2, cases: [[[[1, 2]], [2, 4]]] },
  filterEvens: { cases: [[[[1, 2, 3, 4]], [2, 4]]] },
  countChar: { v: 'a', cases: [[['banana'], 3]] },
  factorial: { cases: [[[5], 120], [[0], 1]] },
  fibonacci: { cases: [[[10], 55], [[1], 1], [[0], 0]] },
  sumDigits: { cases: [[[1234], 10], [[7], 7]] },
  gcd: { cases: [[[12, 18], 6], [[7, 0], 7]] },
  power: { cases: [[[2, 10], 1024], [[5, 0], 1]] },
  fullName: { cases: [[[{ first: 'Ada', last: 'Lovelace' }], 'Ada Lovelace']] },
  makePoint: { cases: [[[1, 2], { x: 1, y: 2 }]] },
  countKeys: { cases: [[[{ a: 1, b: 2 }], 2], [[{}], 0]] },
  olderName: { cases: [[[{ name: 'A', age: 30 }, { name: 'B', age: 40 }], 'B'], [[{ name: 'A', age: 30 }, { name: 'B', age: 30 }], 'A']] },
  totalPrice: { cases: [[[[{ price: 2, qty: 3 }, { price: 1, qty: 1 }]], 7]] },
  counter: { ctor: [5], cases: [[[], 6]] },
  rectangleArea: { ctor: [3, 4], cases: [[[], 12]] },
  greeter: { ctor: ['Ann'], cases: [[[], 'Hello, Ann!']] },
  accountDeposit: { ctor: [10], cases: [[[5], 15]] },
  stackPush: { ctor: [[1, 2]], cases: [[[3], 3]] },
};

/** One trained variant per (kind, language), each in a layout the kind allows, the layouts taken in turn. */
function cases(): { kind: TaskKind; language: Language; layout: Layout }[] {
  const all: { kind: TaskKind; language: Language; layout: Layout }[] = [];
  TASK_KINDS.forEach((kind, k) => {
    const layouts: Layout[] = kind.type === 'class' ? ['closed'] : ['end', 'closed', 'open'];
    LANGUAGES.forEach((language, l) => all.push({ kind, language, layout: layouts[(k + l) % layouts.length] }));
  });
  return all;
}

describe('toy corpus (test/toy/corpus)', function () {
  this.timeout(120000);
  let sandbox: SandboxPool;
  before(() => {
    sandbox = new SandboxPool({ size: 2 });
  });
  after(() => sandbox.dispose());

  it('has at least 40 kinds over levels 1–4, the issue\'s kinds among them, and held-out names no kind trains on', () => {
    assert.ok(TASK_KINDS.length >= 40, `${TASK_KINDS.length} kinds`);
    assert.deepEqual([...new Set(TASK_KINDS.map((k) => k.level))].sort(), [1, 2, 3, 4]);
    const ids = TASK_KINDS.map((k) => k.id);
    assert.equal(new Set(ids).size, ids.length, 'kind ids are unique');
    for (const id of REQUIRED) assert.ok(ids.includes(id), `kind ${id}`);
    assert.ok(TASK_KINDS.some((k) => k.type === 'class'), 'classes with a method');
    const method = (n: string | readonly [string, string]) => (typeof n === 'string' ? n : n.join('.'));
    const trained = new Set(TASK_KINDS.flatMap((k) => k.names.slice(0, -1).map(method)));
    for (const kind of TASK_KINDS) {
      assert.ok(kind.phrasings.length >= 3 && kind.names.length >= 3, `${kind.id}: several phrasings and names`);
      assert.ok(!trained.has(method(kind.names.at(-1)!)), `${kind.id}: its held-out name is trained by no kind`);
    }
  });

  it('every kind\'s reference body gives the answers worked out by hand, whatever its names', () => {
    assert.deepEqual(Object.keys(KNOWN).sort(), TASK_KINDS.map((k) => k.id).sort());
    const rng = new Rng(10);
    for (const kind of TASK_KINDS) {
      const known = KNOWN[kind.id];
      for (const language of LANGUAGES) {
        const variant = renderVariant({ ...trainedChoice(kind, language, rng), value: known.v });
        for (const [args, expected] of known.cases) {
          assert.deepStrictEqual(callReference(variant, structuredClone({ ctor: known.ctor, args })), expected, `${kind.id} ${variant.name}(${JSON.stringify(args)})`);
        }
      }
    }
  });

  it('every kind\'s reference body passes its own asserts in the sandbox, fitted into its FIM document', async () => {
    const rng = new Rng(11);
    const failures: string[] = [];
    for (const { kind, language, layout } of cases()) {
      const variant = renderVariant(trainedChoice(kind, language, rng));
      const fim = fimExample(variant, rng, layout);
      const { asserts } = await testExample(variant, rng, 5);
      assert.ok(asserts.length >= 3, `${kind.id}: at least 3 distinct asserts`);
      const result = await verifyCompletion({ document: fim.document, language, cursor: fim.prefix.length, completion: fim.middle, asserts, sandbox });
      if (result.verdict !== 'verified') failures.push(`${kind.id} (${language}, ${layout}): ${result.verdict} ${result.reason ?? ''}\n${fim.document}`);
    }
    assert.deepEqual(failures, []);
  });

  it('a scripted model answering with the corpus\'s middle and test continuation is accepted at tier 1 by runCascade', async () => {
    const rng = new Rng(12);
    const failures: string[] = [];
    for (const { kind, language, layout } of cases()) {
      const variant = renderVariant(trainedChoice(kind, language, rng));
      const fim = fimExample(variant, rng, layout);
      const test = await testExample(variant, rng, 4);
      const seen: string[] = [];
      const model = new ScriptedBackend('toy', (options) => {
        if (isTestPrompt(options)) {
          if (options.prefix !== test.prompt) seen.push(`test prompt differs:\n${options.prefix}\n---\n${test.prompt}`);
          return test.continuation;
        }
        // The backend caps the suffix as the corpus does (promptWindow), and sends the prefix whole when it fits.
        if (options.prefix !== fim.prefix || capLines(options.suffix ?? '', DEFAULT_SUFFIX_LINES) !== fim.suffix) seen.push('FIM prompt differs');
        return fim.middle;
      });
      const fn = await findFunctionAtCursor(fim.document, fim.prefix.length, language);
      assert.ok(fn, `${kind.id}: a function at the cursor`);
      const result = await runCascade({
        document: fim.document,
        fn,
        tiers: validateTiers([{ model: 'toy.gguf', samples: 2, testsPerSample: 4 }]),
        modelFor: () => model,
        sandbox,
      });
      const expected = layout === 'closed' ? fim.middle.slice(0, fim.middle.lastIndexOf('}')).trimEnd() : fim.middle;
      if (result.acceptedTier !== 0 || result.completion !== expected || seen.length > 0) {
        failures.push(`${kind.id} (${language}, ${layout}): tier ${result.acceptedTier}, ${JSON.stringify(result.completion)} ${seen.join('; ')}`);
      }
      assert.equal(result.passed.total, test.asserts.length, `${kind.id}: every written assert was parsed`);
    }
    assert.deepEqual(failures, []);
  });

  it('never trains on a held-out name, phrasing or parameterisation', async () => {
    const training = new Set<string>();
    const { text } = await corpusText({ seed: 3, split: 'train' }, 400_000, (example) => {
      const variants = example.format === 'fim' ? [example.variant, ...example.context] : [example.variant];
      for (const v of variants) {
        assert.deepEqual(v.heldOut, [], `${v.name}: a training variant has no held-out part`);
        training.add(tripleOf(v.choice));
      }
    });
    assert.deepEqual(findLeaks(text), []);
    const bench = benchProblems(1);
    const rng = new Rng(5);
    for (const kind of TASK_KINDS) {
      for (const mode of ['name', 'phrasing', 'all'] as const) assert.ok(!training.has(tripleOf(heldOutChoice(kind, 'javascript', rng, mode))), `${kind.id} ${mode}`);
    }
    for (const problem of bench) {
      assert.ok(problem.heldOut.length > 0, `${problem.name} holds out something`);
      const ownFunction = problem.prompt.slice(problem.prompt.lastIndexOf('/**'));
      assert.ok(!text.includes(ownFunction), `${problem.name}: its doc line and header are not in the training text`);
    }
    const { text: valid } = await corpusText({ seed: 3, split: 'valid' }, 50_000, (example) => assert.ok(example.variant.heldOut.length > 0));
    assert.ok(valid.length > 0);
  });

  it('is deterministic: the same seed gives the same bytes, another seed others', async () => {
    const a = await corpusText({ seed: 7, split: 'train' }, 60_000);
    const b = await corpusText({ seed: 7, split: 'train' }, 60_000);
    const c = await corpusText({ seed: 8, split: 'train' }, 60_000);
    assert.equal(a.text, b.text);
    assert.equal(a.jsonl, b.jsonl);
    assert.notEqual(a.text, c.text);
    // The JSON Lines hold the same examples as the text, segment by segment.
    const rebuilt = a.jsonl.trimEnd().split('\n').map((line) => JSON.parse(line)).map((r) =>
      r.kind === 'fim' ? `<|fim_prefix|>${r.prefix}<|fim_suffix|>${r.suffix}<|fim_middle|>${r.middle}<|endoftext|>` : `${r.prompt}${r.completion}<|endoftext|>`);
    assert.equal(rebuilt.join(''), a.text);
    assert.equal(rebuilt.length, a.stats.examples);
    assert.deepEqual(benchProblems(7), benchProblems(7));
    assert.ok(/^(?:<\|fim_prefix\|>|\/\*\*|class )/.test(a.text));
    assert.ok(a.text.endsWith('<|endoftext|>'));
    // Only the four special tokens are written as <|…|>.
    assert.deepEqual([...new Set(a.text.match(/<\|[^|]*\|>/g))].sort(), ['<|endoftext|>', '<|fim_middle|>', '<|fim_prefix|>', '<|fim_suffix|>']);
  });

  it('the committed models/toy/bench.jsonl is the seed-1 bench, and cascade bench\'s reader loads it', () => {
    const lines = fs.readFileSync(COMMITTED_BENCH, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines, benchProblems(1), 'regenerate it: node --import tsx test/toy/corpus/writeCorpus.ts --bench models/toy/bench.jsonl');
    const problems = readBenchProblems(COMMITTED_BENCH);
    assert.ok(problems.length >= 150 && problems.length <= 300, `${problems.length} problems`);
    assert.deepEqual(new Set(lines.map((l) => l.kind)), new Set(TASK_KINDS.map((k) => k.id)));
    assert.deepEqual(new Set(problems.map((p) => p.language)), new Set(['javascript', 'typescript']));
  });

  it('every bench problem ends in a function body, its reference solution passes the official tests, and an empty body does not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toy-bench-'));
    const file = path.join(dir, 'bench.jsonl');
    const lines = benchProblems(1);
    fs.writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n'));
    const problems = readBenchProblems(file);
    fs.rmSync(dir, { recursive: true, force: true });
    const failures: string[] = [];
    for (const [i, problem] of problems.entries()) {
      const solution = lines[i].canonical_solution;
      const fn = await findFunctionAtCursor(problem.prompt, problem.prompt.length, problem.language);
      assert.ok(fn && fn.name === problem.entryPoint, `${problem.id}: the prompt ends in ${problem.entryPoint}'s body`);
      const fitted = await fitCandidate(problem.prompt, fn, solution);
      assert.ok(fitted.usable && fitted.completion === solution, `${problem.id}: the solution is one complete function`);
      const closing = solution.slice(solution.lastIndexOf('\n'));
      const candidates = [solution, `return undefined;${closing}`].map((completion) => ({ completion, functionText: '', usable: true, tokens: 0 }));
      const [right, empty] = await checkCandidates(problem, candidates, sandbox);
      if (!right || empty) failures.push(`${problem.id}: solution ${right ? 'passes' : 'fails'}, empty body ${empty ? 'passes' : 'fails'}`);
    }
    assert.deepEqual(failures, []);
  });
});
