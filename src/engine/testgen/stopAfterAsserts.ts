import type { GenerateOptions } from '../model/ModelBackend';
import { parseAsserts, type ParseAssertsOptions } from './parseAsserts';

/** A `stopAt` that ends a test sample after its `max`-th assert, and what it saw on the way. */
export interface AssertsStop {
  stopAt: NonNullable<GenerateOptions['stopAt']>;
  /** Per assert of the sample (parseAsserts' order): the tokens generated when it was complete. */
  assertTokens: number[];
}

/**
 * Watches a test sample: each time a line ends, the sample so far is parsed (parseAsserts with
 * `options`), and once it holds `options.max` asserts the generation stops after that line —
 * the asserts past t would be dropped anyway. Checks run one after another, only on
 * complete lines, so a sample costs one parse per line, not per token.
 */
export function stopAfterAsserts(options: ParseAssertsOptions): AssertsStop {
  const assertTokens: number[] = [];
  let checkedTo = 0;
  let queue = Promise.resolve<number | undefined>(undefined);
  const stopAt = (text: string, tokens: number): Promise<number | undefined> | undefined => {
    const end = text.lastIndexOf('\n') + 1;
    if (end <= checkedTo) return undefined;
    checkedTo = end;
    queue = queue.then(async (stopped) => {
      if (stopped !== undefined) return stopped;
      const asserts = await parseAsserts(text.slice(0, end), options);
      for (let i = assertTokens.length; i < asserts.length; i++) assertTokens.push(tokens);
      return asserts.length >= options.max ? end : undefined;
    });
    return queue;
  };
  return { stopAt, assertTokens };
}
