import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { ConfigError } from '../../src/engine/errors';
import { loadCatalog, type ModelCatalog, presetUsesServer } from '../../src/engine/models/catalog';
import { describeHardware, formatGB } from '../../src/engine/models/formatHardware';
import { parseRemoteModel, remoteFileName } from '../../src/engine/models/modelUri';
import { catalogDownload, choosePreset, type HardwareFigures, presetModels, presetTiers } from '../../src/engine/models/presets';
import { shippedCatalog } from '../../src/engine/models/shippedCatalog';

const GiB = 1024 ** 3;
const CATALOG_FILE = path.resolve(__dirname, '..', '..', 'models', 'catalog.json');
const rawCatalog = () => JSON.parse(readFileSync(CATALOG_FILE, 'utf8')) as { models: Record<string, unknown>[]; presets: Record<string, unknown>[] } & Record<string, unknown>;
const cpuMachine = (ramGB: number): HardwareFigures => ({ gpu: false, ramBytes: ramGB * GiB, cpuCores: 8 });
const gpuMachine = (totalGB: number, freeGB = totalGB - 0.5): HardwareFigures => ({
  gpu: 'cuda',
  vramTotalBytes: totalGB * GiB,
  vramFreeBytes: freeGB * GiB,
  ramBytes: 32 * GiB,
  cpuCores: 16,
});

const rejects = (json: unknown, ...fragments: string[]) =>
  assert.throws(
    () => loadCatalog(json),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
      for (const f of fragments) assert.ok(error.message.includes(f), `"${error.message}" lacks "${f}"`);
      return true;
    },
  );

describe('model catalog', () => {
  let catalog: ModelCatalog;
  before(() => {
    catalog = shippedCatalog();
  });

  it('ships a catalog that validates: every field, the five Qwen2.5-Coder sizes, FIM base models', () => {
    assert.deepEqual(loadCatalog(rawCatalog()), catalog);
    assert.deepEqual(
      catalog.models.map((m) => m.id),
      ['0.5b', '1.5b', '3b', '7b', '14b'].map((size) => `qwen2.5-coder-${size}-q8_0`),
    );
    for (const model of catalog.models) {
      assert.ok(model.fim, model.id);
      assert.ok(model.uri.startsWith('hf:ggml-org/'), model.uri);
      const remote = parseRemoteModel(model.uri);
      assert.ok(remote);
      assert.equal(remoteFileName(remote), model.fileName);
      assert.ok(model.minVramGB < model.minRamGB);
      if (model.sha256) assert.match(model.uri, /#[0-9a-f]{40}$/, 'a hashed entry is pinned to a commit');
    }
    assert.deepEqual(
      catalog.presets.map((p) => [p.id, p.label]),
      [
        ['cpu-only', 'CPU only'],
        ['gpu-8gb', 'GPU ≤ 8 GB'],
        ['gpu-16gb', 'GPU ≤ 16 GB'],
        ['gpu-large', 'GPU > 16 GB'],
        ['laptop-team-server', 'laptop + team server'],
      ],
    );
  });

  it('expands every preset into tiers that validateTiers accepts, smallest model first', () => {
    for (const preset of catalog.presets) {
      const tiers = presetTiers(catalog, preset.id, (entry) => `/models/${entry.fileName}`);
      assert.deepEqual(validateTiers(tiers), tiers);
      assert.equal(tiers.length, preset.tiers.length);
      const sizes = presetModels(catalog, preset.id).map((m) => m.sizeBytes);
      assert.deepEqual([...sizes].sort((a, b) => a - b), sizes, preset.id);
      if (!preset.gpu) assert.ok(tiers.every((t) => t.server !== undefined || t.gpuLayers === 0), preset.id);
    }
    const [first] = presetTiers(catalog, 'gpu-8gb', (entry) => entry.uri);
    assert.equal(first.model, catalog.models[0].uri);
    assert.equal(first.temperature, 0.8, 'defaults are filled in');
    assert.throws(() => presetTiers(catalog, 'gpu-1tb', () => 'x'), /Unknown preset "gpu-1tb" \(known: cpu-only, gpu-8gb/);
  });

  it('lists the models a preset needs and how to download them', () => {
    assert.deepEqual(
      presetModels(catalog, 'cpu-only').map((m) => m.id),
      ['qwen2.5-coder-0.5b-q8_0', 'qwen2.5-coder-1.5b-q8_0'],
    );
    const pinned = catalog.models[1];
    assert.deepEqual(catalogDownload(pinned, '/m'), { uri: pinned.uri, dirPath: '/m', fileName: pinned.fileName, expectedSize: pinned.sizeBytes, sha256: pinned.sha256 });
    const unpinned = catalog.models.find((m) => m.sha256 === undefined);
    assert.ok(unpinned, 'the 14B has no known hash');
    assert.deepEqual(catalogDownload(unpinned, '/m'), { uri: unpinned.uri, dirPath: '/m', fileName: unpinned.fileName });
  });

  describe('a preset with a server tier (laptop + team server)', () => {
    it('runs the 0.5B on the CPU and sends the rest to a server whose URL the description says to change', () => {
      const preset = catalog.presets.find((p) => p.id === 'laptop-team-server');
      assert.ok(preset);
      assert.equal(preset.gpu, false);
      assert.ok(presetUsesServer(preset));
      assert.match(preset.description, /change .*server URL/i);
      assert.deepEqual(preset.tiers, [
        { model: 'qwen2.5-coder-0.5b-q8_0', samples: 2, testsPerSample: 3, threshold: 1, maxTokens: 192, gpuLayers: 0 },
        { server: 'http://127.0.0.1:8080', model: 'qwen2.5-coder-7b', samples: 3, testsPerSample: 4, threshold: 1, maxTokens: 256 },
      ]);
      assert.equal(catalog.presets.filter(presetUsesServer).length, 1, 'the other presets are all local');
    });

    it('downloads only the local model and passes the server tier through as it is', () => {
      assert.deepEqual(presetModels(catalog, 'laptop-team-server').map((m) => m.id), ['qwen2.5-coder-0.5b-q8_0']);
      const tiers = presetTiers(catalog, 'laptop-team-server', (entry) => `/models/${entry.fileName}`);
      assert.deepEqual(tiers, [
        { model: '/models/qwen2.5-coder-0.5b-q8_0.gguf', samples: 2, testsPerSample: 3, temperature: 0.8, threshold: 1, maxTokens: 192, gpuLayers: 0 },
        // The server's name for its model is kept, not looked up in the catalog.
        { server: 'http://127.0.0.1:8080', model: 'qwen2.5-coder-7b', samples: 3, testsPerSample: 4, temperature: 0.8, threshold: 1, maxTokens: 256 },
      ]);
      assert.deepEqual(validateTiers(tiers), tiers);
    });

    it('is never recommended, whatever the machine', () => {
      const machines = [cpuMachine(1), cpuMachine(8), cpuMachine(64), gpuMachine(4), gpuMachine(8, 1), gpuMachine(24), { gpu: 'vulkan' as const, vramTotalBytes: 0, ramBytes: 16 * GiB, cpuCores: 4 }];
      for (const machine of machines) assert.notEqual(choosePreset(catalog, machine).presetId, 'laptop-team-server', JSON.stringify(machine));
      // Not even when it comes first, or is the only preset for the machine's VRAM.
      const serverFirst = loadCatalog({
        ...rawCatalog(),
        presets: [
          { id: 'team-cpu', label: 'team', description: '', gpu: false, tiers: [{ server: 'https://models.example.com' }] },
          { id: 'team-gpu', label: 'team GPU', description: '', gpu: true, maxVramGB: 8, tiers: [{ model: 'qwen2.5-coder-0.5b-q8_0' }, { server: 'https://models.example.com' }] },
          ...rawCatalog().presets,
        ],
      });
      assert.equal(choosePreset(serverFirst, cpuMachine(8)).presetId, 'cpu-only');
      assert.equal(choosePreset(serverFirst, gpuMachine(6)).presetId, 'gpu-8gb');
      const onlyLargeLocal = loadCatalog({
        ...rawCatalog(),
        presets: rawCatalog().presets.filter((p) => !p.gpu).concat([{ id: 'team-gpu', label: 'team GPU', description: '', gpu: true, tiers: [{ server: 'https://models.example.com' }] }]),
      });
      assert.equal(choosePreset(onlyLargeLocal, gpuMachine(24)).presetId, 'cpu-only', 'no local GPU preset: the CPU one');
    });
  });

  describe('choosePreset', () => {
    const choose = (hardware: HardwareFigures) => choosePreset(catalog, hardware);

    it('picks the CPU preset without a GPU', () => {
      const choice = choose(cpuMachine(8));
      assert.equal(choice.presetId, 'cpu-only');
      assert.match(choice.reason, /no GPU that llama\.cpp can use; 8\.0 GB RAM, 8 CPU cores$/);
    });

    it('picks by total VRAM: 6 → ≤ 8 GB, 8 → ≤ 8 GB, 12 → ≤ 16 GB, 16 → ≤ 16 GB, 24 → > 16 GB', () => {
      assert.equal(choose(gpuMachine(6)).presetId, 'gpu-8gb');
      assert.equal(choose(gpuMachine(8)).presetId, 'gpu-8gb');
      assert.equal(choose(gpuMachine(12)).presetId, 'gpu-16gb');
      assert.equal(choose(gpuMachine(16)).presetId, 'gpu-16gb');
      assert.equal(choose(gpuMachine(24)).presetId, 'gpu-large');
      assert.equal(choose(gpuMachine(80)).presetId, 'gpu-large');
      assert.equal(choose(gpuMachine(12)).reason, 'CUDA GPU with 12 GB VRAM (12 GB free): GPU ≤ 16 GB');
      const metal = choose({ ...gpuMachine(24), gpu: 'metal', vramFreeBytes: undefined });
      assert.deepEqual(metal, { presetId: 'gpu-large', reason: 'Metal GPU with 24 GB VRAM: GPU > 16 GB' });
    });

    it('steps down when too little VRAM is free, and says why', () => {
      const busy = choose(gpuMachine(24, 5));
      assert.equal(busy.presetId, 'gpu-8gb');
      assert.match(busy.reason, /a smaller set because only 5\.0 GB is free/);
      const full = choose(gpuMachine(8, 1));
      assert.equal(full.presetId, 'gpu-8gb');
      assert.match(full.reason, /its models want 3 GB, so some layers will run on the CPU/);
    });

    it('still answers, with a warning, for tiny RAM or a GPU without memory', () => {
      const tiny = choose(cpuMachine(1));
      assert.equal(tiny.presetId, 'cpu-only');
      assert.match(tiny.reason, /1\.0 GB RAM.*its models want 5 GB of RAM, so expect swapping/);
      const odd = choose({ gpu: 'vulkan', vramTotalBytes: 0, ramBytes: 16 * GiB, cpuCores: 4 });
      assert.equal(odd.presetId, 'cpu-only');
      assert.match(odd.reason, /the Vulkan GPU reports no memory/);
    });
  });

  it('loadCatalog accepts server tiers: a URL, and optionally the server\'s model name and server fields', () => {
    const json = rawCatalog();
    json.presets.push({
      id: 'team-only',
      label: 'team only',
      description: 'everything on the server',
      gpu: false,
      tiers: [
        { server: 'https://models.example.com/v1', samples: 2, testsPerSample: 2, timeoutMs: 5000, fim: 'qwen', apiKeyEnv: 'TEAM_KEY' },
        { server: 'http://10.0.0.5:8000', model: 'not-a-catalog-id/Qwen2.5-Coder-32B', samples: 0, testsPerSample: 0 },
      ],
    });
    const loaded = loadCatalog(json);
    assert.deepEqual(presetModels(loaded, 'team-only'), []);
    const tiers = presetTiers(loaded, 'team-only', () => assert.fail('nothing to download'));
    assert.equal(tiers[0].server, 'https://models.example.com/v1');
    assert.equal(tiers[0].model, undefined);
    assert.equal(tiers[1].model, 'not-a-catalog-id/Qwen2.5-Coder-32B');
  });

  describe('loadCatalog rejects', () => {
    it('a non-object, a wrong version, missing lists and unknown fields', () => {
      rejects([], 'catalog must be a JSON object');
      rejects({ version: 2, models: [], presets: 'x', extra: 1 }, 'catalog.version must be 1, got 2', 'catalog.models must be a non-empty list', 'catalog.presets must be a non-empty list', 'unknown field "extra"');
    });

    it('bad model fields, naming the entry, field and value', () => {
      const json = rawCatalog();
      Object.assign(json.models[1], { sha256: 'abc', sizeBytes: -1, fim: 'yes', uri: 'hf:Qwen/only-repo', license: '', colour: 'red' });
      rejects(
        json,
        'catalog.models[2].sha256 must be 64 lowercase hex digits, got "abc"',
        'catalog.models[2].sizeBytes must be a whole number of bytes above 0, got -1',
        'catalog.models[2].fim must be true or false',
        'catalog.models[2].uri must be hf:<user>/<repo>/<file>.gguf',
        'catalog.models[2].license must be a non-empty string',
        'catalog.models[2] has unknown field "colour"',
      );
    });

    it('duplicate ids and a fileName that is not the uri\'s file', () => {
      const json = rawCatalog();
      json.models[2].id = json.models[1].id;
      json.models[0].fileName = 'other.gguf';
      rejects(json, 'catalog.models[3].id "qwen2.5-coder-1.5b-q8_0" is used twice', 'catalog.models[1].fileName must be the uri\'s file name "qwen2.5-coder-0.5b-q8_0.gguf"');
    });

    it('presets naming unknown models, breaking tier rules, or no CPU preset', () => {
      const json = rawCatalog();
      const gpu8 = json.presets[1] as { tiers: Record<string, unknown>[] };
      gpu8.tiers[0].model = 'qwen-9000b';
      gpu8.tiers[0].samples = 0;
      rejects(json, 'catalog.presets[2].tiers[1].model "qwen-9000b" is not a catalog model id', 'catalog.presets[2].tiers[1].testsPerSample must be 0 when samples is 0');
      const noCpu = rawCatalog();
      noCpu.presets = noCpu.presets.filter((p) => p.gpu === true);
      rejects(noCpu, 'needs a preset with "gpu": false');
      const onlyServerCpu = rawCatalog();
      onlyServerCpu.presets = onlyServerCpu.presets.filter((p) => p.gpu === true || p.id === 'laptop-team-server');
      rejects(onlyServerCpu, 'needs a preset with "gpu": false and no server tier');
      const cpuWithVram = rawCatalog();
      cpuWithVram.presets[0].maxVramGB = 4;
      rejects(cpuWithVram, 'catalog.presets[1].maxVramGB is only allowed with "gpu": true');
    });
  });

  it('loadCatalog rejects bad server tiers by the tier rules, naming preset, tier and field', () => {
    const json = rawCatalog();
    const team = json.presets.find((p) => p.id === 'laptop-team-server') as { tiers: Record<string, unknown>[] };
    Object.assign(team.tiers[1], { server: 'ftp://models.example.com', gpuLayers: 0 });
    Object.assign(team.tiers[0], { timeoutMs: 1000 });
    rejects(
      json,
      'catalog.presets[5].tiers[2].server must be an http:// or https:// URL',
      'catalog.presets[5].tiers[2].gpuLayers applies to local models only',
      'catalog.presets[5].tiers[1].timeoutMs applies to server tiers only',
    );
    const noUrl = rawCatalog();
    (noUrl.presets[4] as { tiers: Record<string, unknown>[] }).tiers[1].server = 'not a url';
    rejects(noUrl, 'catalog.presets[5].tiers[2].server must be a URL like "http://127.0.0.1:8080"');
  });

  it('describes hardware in one line', () => {
    assert.equal(formatGB(7.6 * GiB), '7.6 GB');
    assert.equal(formatGB(24 * GiB), '24 GB');
    assert.equal(describeHardware({ ...cpuMachine(16), gpuNames: [] }), 'No GPU that llama.cpp can use · 16 GB RAM · 8 CPU cores');
    assert.equal(
      describeHardware({ ...gpuMachine(24, 20), gpuNames: ['NVIDIA RTX 4090'] }),
      'NVIDIA RTX 4090 (CUDA, 24 GB VRAM, 20 GB free) · 32 GB RAM · 16 CPU cores',
    );
  });
});
