// Tests that cannot run here say so on stderr and in their titles, instead of going silently pending.

/**
 * In a `before` or `it`: warns on stderr with `hint` (what is missing and what to run), marks the
 * skipped tests' titles with `mark`, and skips them — every test of the suite from a hook, else this one.
 */
export function skipLoudly(context: Mocha.Context, mark: string, hint: string): never {
  const runnable = context.test;
  const inHook = (runnable as { type?: string } | undefined)?.type === 'hook';
  const suite = runnable?.parent;
  const skipped = inHook ? (suite?.tests ?? []) : runnable ? [runnable] : [];
  for (const test of skipped) test.title += ` [skipped: ${mark}]`;
  console.warn(`\n  ⚠ SKIPPED ${skipped.length} test(s) of "${suite?.fullTitle() ?? '?'}": ${hint}\n`);
  return context.skip();
}
