import assert from 'node:assert/strict';
import { languageFromId } from '../../src/engine/extract/languageOf';

describe('languageFromId', () => {
  const table: [string, string | undefined][] = [
    ['javascript', 'javascript'],
    ['javascriptreact', 'javascript'],
    ['.jsx', 'javascript'],
    ['.mjs', 'javascript'],
    ['.cjs', 'javascript'],
    ['typescript', 'typescript'],
    ['.mts', 'typescript'],
    ['.TS', 'typescript'],
    ['typescriptreact', 'tsx'],
    ['.tsx', 'tsx'],
    ['python', 'python'],
    ['.py', 'python'],
    ['.rb', undefined],
    ['', undefined],
    ['toString', undefined],
  ];
  for (const [id, language] of table) {
    it(`maps ${JSON.stringify(id)} to ${language}`, () => assert.equal(languageFromId(id), language));
  }
});
