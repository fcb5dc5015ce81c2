/** Asserts pooled across samples. */
export interface PooledAsserts {
  /** Every distinct assert, in order of first appearance. */
  asserts: string[];
  /** For each sample, the indexes into `asserts` of its own asserts (each once, in its order). */
  idsBySample: number[][];
}

/**
 * Pools the asserts of several test-generation samples: identical asserts (compared after
 * parseAsserts' normalisation) become one, the first occurrence fixing the order, and each
 * sample keeps the ids of the asserts it proposed so votes can be traced back to it.
 */
export function poolAsserts(lists: string[][]): PooledAsserts {
  const idOf = new Map<string, number>();
  const asserts: string[] = [];
  const idsBySample = lists.map((list) => {
    const ids = new Set<number>();
    for (const assertion of list) {
      let id = idOf.get(assertion);
      if (id === undefined) {
        id = asserts.push(assertion) - 1;
        idOf.set(assertion, id);
      }
      ids.add(id);
    }
    return [...ids];
  });
  return { asserts, idsBySample };
}
