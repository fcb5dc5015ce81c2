import assert from 'node:assert/strict';
import { validateTiers } from '../../src/engine/config/validateTiers';
import { ConfigError } from '../../src/engine/errors';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Asserts that validateTiers throws a ConfigError whose message holds every fragment (text or pattern). */
export function rejectsTiers(input: unknown, ...fragments: (string | RegExp)[]): void {
  assert.throws(
    () => validateTiers(input),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
      for (const f of fragments) assert.match(error.message, typeof f === 'string' ? new RegExp(escape(f)) : f);
      return true;
    },
  );
}
