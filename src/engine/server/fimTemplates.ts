// Fill-in-the-middle prompt formats of the common code models, as data. Pure.
import type { FimTokens } from '../config/TierConfig';

/** A named FIM template and the model names it is recognised by. */
export interface FimTemplate extends FimTokens {
  name: string;
  /** Matches the model names (server ids, file names) that use this template. */
  models: RegExp;
}

/**
 * The prefix-suffix-middle templates of the model families Cascade's catalog and presets name,
 * as their tokenizers define them (each model card's FIM example).
 */
export const FIM_TEMPLATES: readonly FimTemplate[] = [
  {
    name: 'qwen',
    models: /qwen.*coder|coder.*qwen/i,
    prefix: '<|fim_prefix|>',
    suffix: '<|fim_suffix|>',
    middle: '<|fim_middle|>',
    stop: ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|repo_name|>', '<|im_end|>'],
  },
  {
    name: 'starcoder2',
    models: /starcoder/i,
    prefix: '<fim_prefix>',
    suffix: '<fim_suffix>',
    middle: '<fim_middle>',
    stop: ['<|endoftext|>', '<file_sep>', '<fim_pad>'],
  },
  {
    name: 'codellama',
    models: /code-?llama/i,
    prefix: '<PRE> ',
    suffix: ' <SUF>',
    middle: ' <MID>',
    stop: ['<EOT>', '</s>'],
  },
  {
    name: 'deepseek-coder',
    models: /deepseek.*coder/i,
    prefix: '<｜fim▁begin｜>',
    suffix: '<｜fim▁hole｜>',
    middle: '<｜fim▁end｜>',
    stop: ['<｜end▁of▁sentence｜>', '<|EOT|>'],
  },
];

/** The template a tier names, or the one its model's name matches; undefined when neither. */
export function fimTemplateFor(fim: string | FimTokens | undefined, modelNames: readonly string[]): FimTokens | undefined {
  if (typeof fim === 'object') return fim;
  if (typeof fim === 'string') return FIM_TEMPLATES.find((t) => t.name === fim);
  return FIM_TEMPLATES.find((t) => modelNames.some((name) => t.models.test(name)));
}

/** The prompt for the middle between `before` and `after`. */
export function fimPrompt(template: FimTokens, before: string, after: string): string {
  return `${template.prefix}${before}${template.suffix}${after}${template.middle}`;
}
