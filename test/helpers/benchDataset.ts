import { writeFileSync } from 'node:fs';

/**
 * Writes `count` small problems in HumanEvalPack's JavaScript format (`task_id` JavaScript/N,
 * a prompt ending inside an arrow function's body, a test function of `console.assert`s): a
 * stand-in for HumanEvalPack that tests make themselves.
 */
export function writeBenchDataset(file: string, count: number): void {
  const lines = Array.from({ length: count }, (_, i) => {
    const name = `addN${i}`;
    return JSON.stringify({
      task_id: `JavaScript/${i}`,
      prompt: `/* Returns x plus ${i}.\n  >>> ${name}(1)\n  ${i + 1}\n  */\nconst ${name} = (x) => {\n`,
      canonical_solution: `  return x + ${i};\n}\n\n`,
      test: `const test${name} = () => {\n  console.assert(${name}(1) === ${i + 1})\n  console.assert(${name}(-${i}) === 0)\n}\n\ntest${name}()\n`,
      entry_point: name,
    });
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
}
