import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/runCli';


const cascade = runCli;

describe('cascade verify (the built CLI, real sandbox)', function () {
  this.timeout(60_000);
  let dir: string;
  const file = (name: string, text: string) => {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    return target;
  };
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-verify-'));
    file('package.json', '{"name": "demo"}');
    file('src/sep.ts', "export const SEP: string = '-';\n");
    file('src/slug.ts', [
      "import { SEP } from './sep.js';",
      "import { readFileSync } from 'node:fs';",
      'const SPACES = /\\s+/g;',
      '/** Lower-case words joined by SEP. */',
      'export function slug(s: string): string {',
      '  ',
      '}',
      'export function load(p: string): string {',
      "  return readFileSync(p, 'utf8');",
      '}',
      'main();',
      '',
    ].join('\n'));
    file('good.txt', '  return s.trim().toLowerCase().replace(SPACES, SEP);\n}\n');
    file('mutant.txt', '  return s.trim().replace(SPACES, SEP);\n}\n');
    file('fetching.txt', '  return fetch(s) as unknown as string;\n}\n');
    file('asserts.json', JSON.stringify(["assert.strictEqual(slug(' Hello World '), 'hello-world');", "assert.strictEqual(slug('a'), 'a');"]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const verify = (completion: string, ...extra: string[]) =>
    cascade('verify', path.join(dir, 'src/slug.ts'), '--line', '6', '--completion', path.join(dir, completion), '--asserts', path.join(dir, 'asserts.json'), ...extra);

  it('verifies a correct body that needs a sibling module, a constant and a regex (JSON)', async () => {
    const { code, stdout, stderr } = await verify('good.txt', '--json');
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout);
    assert.equal(result.verdict, 'verified');
    assert.deepEqual(result.asserts.map((a: { status: string }) => a.status), ['pass', 'pass']);
    assert.equal(result.program, undefined, 'the program only with --show-program');
  });

  it('rejects a mutant, naming the failing assert and its message', async () => {
    const { code, stdout } = await verify('mutant.txt', '--json', '--show-program');
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.equal(result.verdict, 'rejected');
    assert.equal(result.asserts[0].status, 'fail');
    assert.match(result.asserts[0].message, /Hello-World/);
    assert.equal(result.asserts[1].status, 'pass');
    assert.match(result.program, /const SPACES/);
    assert.ok(!result.program.includes('main()'), 'top-level calls do not run');
    assert.ok(!result.program.includes('node:fs'), 'the unused fs import is left out');
  });

  it('says a body that uses fetch is unverifiable, in readable text', async () => {
    const { code, stdout } = await verify('fetching.txt');
    assert.equal(code, 0);
    assert.match(stdout, /^verdict: unverifiable — uses fetch\n/);
  });

  it('exits 2 with a clear message for mistakes', async () => {
    file('bad.json', '{"not": "an array"}');
    const cases: [string[], RegExp][] = [
      [['verify', path.join(dir, 'src/slug.ts'), '--line', '6'], /usage: cascade verify/],
      [['verify', path.join(dir, 'src/slug.ts'), '--line', '6', '--completion', path.join(dir, 'good.txt'), '--asserts', path.join(dir, 'bad.json')], /non-empty JSON array of assert statements/],
      [['verify', path.join(dir, 'src/slug.ts'), '--line', '99', '--completion', path.join(dir, 'good.txt'), '--asserts', path.join(dir, 'asserts.json')], /Line 99 is outside the file/],
      [['verify', path.join(dir, 'src/slug.ts'), '--line', '1', '--completion', path.join(dir, 'good.txt'), '--asserts', path.join(dir, 'asserts.json')], /not inside a function body/],
      [['verify', path.join(dir, 'src/slug.ts'), '--line', '6', '--completion', path.join(dir, 'missing.txt'), '--asserts', path.join(dir, 'asserts.json')], /Cannot read the completion file/],
      [['verify', path.join(dir, 'src/slug.ts'), '--line', '6', '--completion', path.join(dir, 'good.txt'), '--asserts', path.join(dir, 'asserts.json'), '--root', path.join(dir, 'nope')], /is not a folder/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cascade(...args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message);
    }
  });
});
