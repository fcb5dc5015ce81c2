import { indexDocument } from '../../../src/engine/context/indexDocument';
import { findFunctionAtCursor } from '../../../src/engine/extract/findFunctionAtCursor';
import { buildTestPrompt } from '../../../src/engine/testgen/buildTestPrompt';
import type { Variant } from './renderVariant';

/** Cascade's test prompt for a variant, and the instance name its asserts use (methods). */
export interface VariantTestPrompt {
  prompt: string;
  prefill: string;
  instance?: string;
}

const cache = new Map<string, Promise<VariantTestPrompt>>();

/**
 * The test prompt exactly as Cascade builds it for the variant being written in an editor
 * (the header typed, the brace auto-closed, the cursor in the body): the engine's own
 * findFunctionAtCursor, indexDocument and buildTestPrompt. Throws when the engine would not
 * test it the way the corpus writes its asserts (a plain call, or an instance block).
 */
export function testPromptOf(variant: Variant): Promise<VariantTestPrompt> {
  const document = `${variant.head}${variant.closing}${variant.tail}\n`;
  const key = `${variant.language}\0${document}`;
  let prompt = cache.get(key);
  if (!prompt) {
    prompt = build(variant, document);
    cache.set(key, prompt);
  }
  return prompt;
}

async function build(variant: Variant, document: string): Promise<VariantTestPrompt> {
  const fn = await findFunctionAtCursor(document, variant.head.length, variant.language);
  if (!fn || fn.name !== variant.name) throw new Error(`The engine finds no function ${variant.name} at the cursor of:\n${document}`);
  const { subject } = await indexDocument({ document, fn });
  const expected = variant.className ? 'instance' : 'function';
  if (subject.kind !== expected) throw new Error(`The engine tests ${variant.name} as a ${subject.kind}, not a ${expected}:\n${document}`);
  const { prompt, prefill } = buildTestPrompt(fn, subject);
  return { prompt, prefill, ...(subject.kind === 'instance' ? { instance: subject.instance } : {}) };
}
