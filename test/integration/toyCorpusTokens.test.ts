// The toy corpus must train a model on exactly the tokens node-llama-cpp evaluates for
// Cascade's requests, followed by the answer and end-of-text — otherwise the model learns
// token boundaries it never sees when it is used. A FIM example's text, tokenized with its
// special tokens parsed (node-llama-cpp's `model.tokenize(text, true)`, less the one BOS at the
// start), is the infill request's tokens plus the middle's. A test example is trained segment by
// segment (prompt, then completion: the trainer tokenizes them apart, as the prompt is at
// inference), and those tokens must spell the example. Checked with the tiny byte-level fixture
// and with every trained toy model in models/toy/ (their BPE tokenizer).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { LlamaModel, Token } from 'node-llama-cpp';
import { getLlamaRuntime } from '../../src/engine/model/llamaRuntime';
import { exampleText, type Example } from '../toy/corpus/examples';
import { corpusText } from '../toy/corpus/generateExamples';
import { writeTinyGguf } from '../fixtures/makeTinyGguf.mjs';

const TINY = path.resolve(__dirname, '..', 'fixtures', 'generated', 'tiny-a.gguf');
const TOY = path.resolve(__dirname, '..', '..', 'models', 'toy');
const toyModels = fs.existsSync(TOY) ? fs.readdirSync(TOY).filter((f) => f.endsWith('.gguf')).sort().map((f) => path.join(TOY, f)) : [];

describe('toy corpus tokens = what node-llama-cpp evaluates for Cascade (tiny fixture and models/toy/*.gguf)', function () {
  this.timeout(60_000);
  const examples: Example[] = [];
  const models: LlamaModel[] = [];

  before(async () => {
    writeTinyGguf(TINY, { seed: 1 });
    await corpusText({ seed: 1, split: 'train' }, 40_000, (example) => examples.push(example));
  });
  after(() => Promise.all(models.map((m) => m.dispose())));

  async function load(file: string): Promise<LlamaModel> {
    const { llama } = await getLlamaRuntime({ gpu: false });
    const model = await llama.loadModel({ modelPath: file });
    models.push(model);
    return model;
  }
  const tok = (model: LlamaModel, text: string): Token[] => model.tokenize(text, false, 'trimLeadingSpace');

  for (const file of [TINY, ...toyModels]) {
    it(`${path.basename(file)}: FIM examples tokenize as the infill requests they stand for`, async () => {
      const model = await load(file);
      const { prefix, suffix, middle } = model.tokens.infill;
      assert.ok(prefix !== null && suffix !== null && middle !== null, 'the model has the three FIM tokens');
      const eos = model.tokens.eos!;
      // Every example follows an end-of-text in the stream: it stands for the BOS node-llama-cpp prepends.
      if (model.tokens.shouldPrependBosToken) assert.equal(model.tokens.bos, eos, 'BOS is <|endoftext|>');
      const fims = examples.filter((e) => e.format === 'fim');
      assert.ok(fims.length > 10);
      for (const example of fims) {
        const expected: Token[] = [prefix!, ...tok(model, example.prefix), suffix!, ...tok(model, example.suffix), middle!, ...tok(model, example.middle), eos];
        assert.deepEqual(model.tokenize(exampleText(example), true), expected, `FIM example ${example.variant.name}`);
      }
    });
  }

  // The tiny fixture's pre-tokenizer ('default') makes llama.cpp clean spaces when it
  // detokenizes (` .` → `.`, ` ' ` → `'`): fine for a random model, wrong for one that writes code.
  for (const file of toyModels) {
    it(`${path.basename(file)}: every example's segments detokenize exactly as written (no space clean-up)`, async () => {
      const model = await load(file);
      const eos = model.tokens.eos!;
      for (const example of examples) {
        const segments = example.format === 'fim' ? [example.prefix, example.suffix, example.middle] : [example.prompt, example.continuation];
        for (const segment of segments) assert.equal(model.detokenize(tok(model, segment)), segment, `${example.format} example of ${example.variant.name}`);
        if (example.format === 'test') assert.equal(model.detokenize([...tok(model, example.prompt), ...tok(model, example.continuation), eos], true), exampleText(example));
      }
    });
  }
});
