import assert from 'node:assert/strict';
import type { FimTokens } from '../../src/engine/config/TierConfig';
import { FIM_TEMPLATES, type FimTemplate, fimPrompt, fimTemplateFor } from '../../src/engine/server/fimTemplates';

const nameOf = (tokens: FimTokens | undefined): string | undefined => (tokens as FimTemplate | undefined)?.name;
const template = (name: string): FimTemplate => {
  const found = FIM_TEMPLATES.find((t) => t.name === name);
  assert.ok(found, `no template ${name}`);
  return found;
};

describe('FIM_TEMPLATES', () => {
  it('holds the four named families with the tokens their tokenizers define', () => {
    assert.deepEqual(FIM_TEMPLATES.map((t) => t.name), ['qwen', 'starcoder2', 'codellama', 'deepseek-coder']);
    assert.deepEqual([template('qwen').prefix, template('qwen').suffix, template('qwen').middle], ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>']);
    assert.deepEqual([template('starcoder2').prefix, template('starcoder2').suffix, template('starcoder2').middle], ['<fim_prefix>', '<fim_suffix>', '<fim_middle>']);
    assert.deepEqual([template('deepseek-coder').prefix, template('deepseek-coder').suffix, template('deepseek-coder').middle], ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>']);
    for (const t of FIM_TEMPLATES) assert.ok(t.stop && t.stop.length > 0, `${t.name} has stop tokens`);
  });
});

describe('fimTemplateFor', () => {
  it('returns the template an explicit name picks, whatever the model is called', () => {
    for (const t of FIM_TEMPLATES) assert.equal(fimTemplateFor(t.name, []), t);
    assert.equal(nameOf(fimTemplateFor('codellama', ['Qwen/Qwen2.5-Coder-7B'])), 'codellama');
  });

  it('returns undefined for a name that is not a template (validation rejects it first)', () => {
    assert.equal(fimTemplateFor('llama', ['Qwen/Qwen2.5-Coder-7B']), undefined);
    assert.equal(fimTemplateFor('Qwen', []), undefined);
  });

  it('returns explicit tokens as given, ahead of the model name', () => {
    const tokens: FimTokens = { prefix: '<P>', suffix: '<S>', middle: '<M>', stop: ['<E>'] };
    assert.equal(fimTemplateFor(tokens, ['bigcode/starcoder2-15b']), tokens);
  });

  it('recognises the model families by their server ids and file names', () => {
    const cases: [string, string][] = [
      ['Qwen/Qwen2.5-Coder-7B', 'qwen'],
      ['qwen2.5-coder:7b', 'qwen'],
      ['Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf', 'qwen'],
      ['bigcode/starcoder2-15b', 'starcoder2'],
      ['starcoder2:3b', 'starcoder2'],
      ['codellama/CodeLlama-13b-hf', 'codellama'],
      ['codellama:7b-code', 'codellama'],
      ['code-llama-7b.Q4_K_M.gguf', 'codellama'],
      ['deepseek-ai/deepseek-coder-6.7b-base', 'deepseek-coder'],
      ['deepseek-coder-v2:16b', 'deepseek-coder'],
    ];
    for (const [model, name] of cases) assert.equal(nameOf(fimTemplateFor(undefined, [model])), name, model);
  });

  it('is undefined for models it does not know, including non-coder siblings of known families', () => {
    for (const model of ['Qwen/Qwen2.5-7B-Instruct', 'meta-llama/Llama-3.1-8B', 'deepseek-ai/DeepSeek-V3', 'mistral:7b', 'gpt-4o', '']) {
      assert.equal(fimTemplateFor(undefined, [model]), undefined, model);
    }
    assert.equal(fimTemplateFor(undefined, []), undefined);
  });

  it('looks at every model name given, not only the first', () => {
    assert.equal(nameOf(fimTemplateFor(undefined, ['default', 'bigcode/starcoder2-15b'])), 'starcoder2');
  });
});

describe('fimPrompt', () => {
  it('lays out prefix, before, suffix, after, middle, with the template tokens verbatim', () => {
    assert.equal(fimPrompt(template('qwen'), 'def f(x):\n    ', '\n\nprint(f(1))'), '<|fim_prefix|>def f(x):\n    <|fim_suffix|>\n\nprint(f(1))<|fim_middle|>');
    // Code Llama's tokens carry their own spaces.
    assert.equal(fimPrompt(template('codellama'), 'a', 'b'), '<PRE> a <SUF>b <MID>');
  });

  it('works with custom tokens and empty sides', () => {
    assert.equal(fimPrompt({ prefix: '[P]', suffix: '[S]', middle: '[M]' }, '', ''), '[P][S][M]');
    assert.equal(fimPrompt({ prefix: '[P]', suffix: '[S]', middle: '[M]' }, 'x = ', ''), '[P]x = [S][M]');
  });
});
