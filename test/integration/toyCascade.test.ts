// The trained toy models of models/toy/ (not canned: what they write is what they learnt) run
// as the committed toy cascade on the demo's two functions, through the built CLI exactly as
// `npm run demo` runs them. The answers are checked by running them, not by their own asserts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/runCli';

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO = path.join(ROOT, 'test', 'fixtures', 'demo');
const TIERS = path.join(ROOT, 'models', 'toy', 'tiers.json');

interface Completed {
  completion: string;
  acceptedTier: number | null;
  trace: Array<{ model: string; accepted: boolean; asserts: string[] }>;
}

async function complete(file: string): Promise<Completed> {
  const run = await runCli('complete', path.join(DEMO, file), '--line', '3', '--tiers', TIERS, '--json');
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as Completed;
}

/** The demo file with the completion in its body, then `check`, run by Node; returns its output. */
function runCompleted(file: string, completion: string, check: string): string {
  const source = readFileSync(path.join(DEMO, file), 'utf8').replace('{\n  \n}', `{\n  ${completion}\n}`);
  return execFileSync(process.execPath, ['--input-type=commonjs', '-e', `${source}\nconst assert = require('node:assert');\n${check}\nconsole.log('ok');`], { encoding: 'utf8' }).trim();
}

describe('toy cascade (trained models/toy/*.gguf, the demo through the built CLI)', function () {
  this.timeout(120_000);

  it('cube.js: the smallest model\'s answer is accepted at tier 1 by its own asserts, and it cubes', async () => {
    const result = await complete('cube.js');
    assert.equal(result.acceptedTier, 0, JSON.stringify(result.trace.map((t) => [t.model, t.accepted])));
    assert.match(result.trace[0].model, /toy-s\.gguf$/);
    assert.ok(result.trace[0].asserts.length > 0, 'tier 1 wrote asserts');
    assert.equal(runCompleted('cube.js', result.completion, 'assert.strictEqual(cubed(3), 27); assert.strictEqual(cubed(-2), -8);'), 'ok');
  });

  it('palindrome.js: tier 1 is rejected, a larger tier answers and is accepted, and the answer is right', async () => {
    const result = await complete('palindrome.js');
    assert.equal(result.trace[0].accepted, false);
    assert.ok(result.acceptedTier !== null && result.acceptedTier > 0, `accepted at ${result.acceptedTier}`);
    const check = "assert.strictEqual(checkPalindrome('level'), true); assert.strictEqual(checkPalindrome('abc'), false); assert.strictEqual(checkPalindrome(''), true);";
    assert.equal(runCompleted('palindrome.js', result.completion, check), 'ok');
  });
});
