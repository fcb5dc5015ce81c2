import { Parser, Language } from 'web-tree-sitter';
import path from 'node:path';
const dist = '/work/main/dist';
const cases: [string, string][] = [
  ['javascript', 'class A {\n  foo(x) {\n    return x'],
  ['javascript', 'class A {\n  foo(x) {\n    \n  bar() { return 1; }\n}\n'],
  ['javascript', 'const f = (a) => {\n  return a\n\nfunction g() {}\n'],
  ['javascript', 'const o = {\n  m(a) {\n    return a\n'],
  ['javascript', 'export default async function* gen(a) {\n  yield a\n'],
  ['typescript', 'export function id<T extends object>(x: T): T {\n  \n\nexport const y = 1;\n'],
  ['typescript', 'class A {\n  private foo<T>(x: T): T {\n    return x\n  }\n}\n'],
  ['python', 'def add(a, b):\n    '],
  ['python', 'def add(a, b):\n    """Adds."""\n    \n\ndef other():\n    return 1\n'],
  ['python', 'class A:\n    def m(self, x):\n        return x\n'],
  ['javascript', 'function add(a, b) {\n  if (a) {\n    return 1;\n  \n}\n\nfunction other() {\n  return 2;\n}\n'],
];
(async () => {
  await Parser.init({ locateFile: (n: string) => path.join(dist, n) });
  for (const [lang, src] of cases) {
    const L = await Language.load(path.join(dist, `tree-sitter-${lang}.wasm`));
    const p = new Parser(); p.setLanguage(L);
    console.log('-----', JSON.stringify(src));
    console.log(p.parse(src)!.rootNode.toString());
  }
})();
