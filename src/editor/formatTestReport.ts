import type { CascadeResult, VerifyResult } from '../engine';

/**
 * The *Show tests* document: why the function could not be tested, or the asserts the
 * answering tier wrote with each one's outcome against the inserted completion, and the
 * program they ran in (what `cascade verify --show-program` prints).
 */
export function formatTestReport(name: string, result: CascadeResult, verified: VerifyResult | undefined): string {
  const lines = [`// Cascade: tests for ${name}`];
  if (result.verdict === 'unverifiable') {
    lines.push(
      `// Not tested (unverifiable): ${result.reason}. The sandbox cannot provide that, so no test could check it.`,
      '// The completion is the first tier\'s greedy answer; no tests were written for it.',
      '// Functions that only compute from their arguments, same-file helpers, their class and the',
      '// project\'s own modules can be tested.',
    );
    return `${lines.join('\n')}\n`;
  }
  if (!verified) {
    lines.push('// This tier generated no usable asserts.', ...result.asserts);
    return `${lines.join('\n')}\n`;
  }
  const passed = verified.asserts.filter((a) => a.status === 'pass').length;
  lines.push(`// ${verified.verdict}: ${passed}/${verified.asserts.length} asserts pass against the inserted completion.`, '');
  for (const outcome of verified.asserts) {
    lines.push(`// ${outcome.status}${outcome.message ? `: ${outcome.message}` : ''}`, outcome.assert, '');
  }
  if (verified.program !== undefined) {
    lines.push('// ---- each assert ran on its own, appended to this program ----', verified.program);
  }
  return `${lines.join('\n')}\n`;
}
