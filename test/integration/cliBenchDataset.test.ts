// `cascade bench --dataset <catalog id>` through the built CLI: the dataset is downloaded once
// into the models folder's sibling `datasets/` from a loopback mirror
// (CASCADE_DATASETS_MIRROR), checked against the catalog's SHA-256, and found there afterwards.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATASETS, findDataset } from '../../src/engine/datasets/datasetCatalog';
import { refusedPort, startModelServer, type ModelServer } from '../fixtures/modelServer';
import { runCliWithEnv } from '../helpers/runCli';
import { requireDatasets, sharedDataset } from '../helpers/sharedDatasets';

const root = path.resolve(__dirname, '..', '..');
const models = ['tiny-a.gguf', 'tiny-b.gguf'].map((name) => path.join(root, 'test', 'fixtures', 'generated', name));
const PACK = findDataset('humanevalpack-js')!;
const packPath = new URL(PACK.url).pathname;

describe('cascade bench --dataset <id> (download through a loopback mirror)', function () {
  this.timeout(120_000);
  let server: ModelServer;
  let dir: string;
  let tiers: string;
  let env: Record<string, string | undefined>;
  const bench = (extraEnv: Record<string, string | undefined> = {}) =>
    runCliWithEnv({ ...env, ...extraEnv }, 'bench', '--dataset', 'humanevalpack-js', '--tiers', tiers, '--out', path.join(dir, 'run.jsonl'), '--limit', '1', '--max-k', '1', '--max-t', '1');

  beforeEach(async () => {
    server = await startModelServer();
    dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-bench-dataset-'));
    tiers = path.join(dir, 'tiers.json');
    writeFileSync(tiers, JSON.stringify({ tiers: models.map((model) => ({ model, maxTokens: 8 })) }));
    // Datasets go next to the models folder: <dir>/datasets.
    env = { CASCADE_MODELS_DIR: path.join(dir, 'models'), CASCADE_DATASETS_DIR: undefined, CASCADE_DATASETS_MIRROR: server.origin };
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the catalog ids in its usage', async () => {
    const { code, stderr } = await runCliWithEnv(env, 'bench');
    assert.equal(code, 2);
    for (const { id } of DATASETS) assert.ok(stderr.includes(id), `${id} in ${stderr}`);
  });

  it('without network: one line saying where to put the file, exit 2', async () => {
    const mirror = `http://127.0.0.1:${await refusedPort()}`;
    const { code, stderr } = await bench({ CASCADE_DATASETS_MIRROR: mirror });
    assert.equal(code, 2, stderr);
    assert.match(stderr, /^humanevalpack-js: downloading http:\/\/127\.0\.0\.1:\d+\/bigcode-project\/octopack\/.*humanevalpack\.jsonl into /m);
    assert.ok(
      stderr.includes(`cascade: Cannot reach 127.0.0.1:${new URL(mirror).port} (ECONNREFUSED) — no network: put humanevalpack-js.jsonl (from ${mirror}${packPath}) in ${path.join(dir, 'datasets')}, or use the path of a local copy`),
      stderr,
    );
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it('a download that is not the catalog\'s file (right size, other bytes) is removed with the SHA-256 it had, exit 2', async () => {
    server.files.set(packPath, Buffer.alloc(PACK.sizeBytes, 0x20));
    const { code, stderr } = await bench();
    assert.equal(code, 2, stderr);
    assert.match(stderr, new RegExp(`cascade: The file downloaded from ${server.origin}${packPath} has SHA-256 [0-9a-f]{64}, expected ${PACK.sha256} — it was removed; try again`));
    assert.deepEqual(readdirSync(path.join(dir, 'datasets')), []);
    assert.equal(existsSync(path.join(dir, 'run.jsonl')), false, 'nothing was recorded');
  });

  it('downloads HumanEvalPack once into the datasets folder and benches it; the next run finds it there', async function () {
    requireDatasets(this, [PACK.fileName]);
    server.files.set(packPath, readFileSync(sharedDataset(PACK.fileName)));
    const first = await bench();
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /humanevalpack-js: downloading /);
    assert.match(first.stdout, /2 records written, 0 were already there/);
    assert.deepEqual(readdirSync(path.join(dir, 'datasets')), [PACK.fileName]);

    const second = await bench({ CASCADE_DATASETS_MIRROR: `http://127.0.0.1:${await refusedPort()}` });
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stderr, /downloading/);
    assert.match(second.stdout, /0 records written, 2 were already there/);
  });
});
