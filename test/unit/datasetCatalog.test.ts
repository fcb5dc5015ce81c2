import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBenchProblems } from '../../src/engine/bench/readBenchProblems';
import { DATASETS, findDataset } from '../../src/engine/datasets/datasetCatalog';
import { defaultDatasetsDir } from '../../src/engine/datasets/datasetsDir';
import { sha256File } from '../../src/engine/models/checkModelFile';
import { requireDatasets, sharedDataset } from '../helpers/sharedDatasets';

describe('dataset catalog', () => {
  it('has well-formed records: unique ids, https URLs whose suffix is the format, plain .jsonl file names, SHA-256s', () => {
    assert.equal(new Set(DATASETS.map((d) => d.id)).size, DATASETS.length);
    assert.equal(new Set(DATASETS.map((d) => d.fileName)).size, DATASETS.length);
    for (const d of DATASETS) {
      assert.match(d.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, d.id);
      const url = new URL(d.url);
      assert.equal(url.protocol, 'https:', d.id);
      assert.ok(url.pathname.endsWith(`.${d.format}`), `${d.id}: ${d.url} is ${d.format}`);
      assert.match(d.fileName, /^[\w.-]+\.jsonl$/, d.id);
      assert.match(d.sha256, /^[0-9a-f]{64}$/, d.id);
      assert.ok(Number.isSafeInteger(d.sizeBytes) && d.sizeBytes > 0 && d.problems > 0, d.id);
    }
    assert.equal(findDataset('humanevalpack-js')?.fileName, 'humanevalpack-js.jsonl');
    assert.equal(findDataset('nope'), undefined);
    assert.deepEqual(DATASETS.filter((d) => d.format === 'jsonl.gz').map((d) => d.id), ['humaneval-x-js']);
  });

  it('matches the shared copies: their SHA-256s (and those their README lists), sizes and problem counts', async function () {
    requireDatasets(this, DATASETS.map((d) => d.fileName));
    const readme = sharedDataset('README.md');
    const listed = existsSync(readme) ? new Map([...readFileSync(readme, 'utf8').matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm)].map((m) => [m[2], m[1]])) : undefined;
    for (const d of DATASETS) {
      const file = sharedDataset(d.fileName);
      if (listed) assert.equal(d.sha256, listed.get(d.fileName), `${d.id}: the README's SHA-256`);
      assert.equal(await sha256File(file), d.sha256, `${d.id}: the file's SHA-256`);
      assert.equal(statSync(file).size, d.sizeBytes, `${d.id}: size`);
      const problems = readBenchProblems(file);
      assert.equal(problems.length, d.problems, `${d.id}: problems`);
      assert.ok(problems.every((p) => p.language === d.language), `${d.id}: language`);
    }
  });

  it('lives next to the models folder unless CASCADE_DATASETS_DIR says otherwise', () => {
    assert.equal(defaultDatasetsDir({}), path.join(os.homedir(), '.cascade', 'datasets'));
    assert.equal(defaultDatasetsDir({ CASCADE_MODELS_DIR: '/data/cascade/models' }), path.resolve('/data/cascade/datasets'));
    assert.equal(defaultDatasetsDir({ CASCADE_MODELS_DIR: '/data/m', CASCADE_DATASETS_DIR: ' /srv/bench ' }), path.resolve('/srv/bench'));
    assert.equal(defaultDatasetsDir({ CASCADE_DATASETS_DIR: '  ' }), path.join(os.homedir(), '.cascade', 'datasets'));
  });
});
