import assert from 'node:assert/strict';
import type { SourceLanguage } from '../../src/engine/extract/FunctionAtCursor';
import { cutCompletedFunction } from '../../src/engine/extract/cutCompletedFunction';

interface Case {
  title: string;
  language: SourceLanguage;
  soFar: string;
  generated: string;
  /** Expected completion, or a pattern the failure reason must match. */
  completion: string | RegExp;
}

const cases: Case[] = [
  {
    title: 'a clean end',
    language: 'javascript',
    soFar: 'function add(a, b) {\n',
    generated: '  return a + b;\n}',
    completion: '  return a + b;\n}',
  },
  {
    title: 'code after the function is cut',
    language: 'javascript',
    soFar: 'function add(a, b) {\n',
    generated: '  return a + b;\n}\n\nconsole.log(add(1, 2));\n',
    completion: '  return a + b;\n}',
  },
  {
    title: 'a closing brace mid-line, then another function',
    language: 'javascript',
    soFar: 'function add(a, b) {\n  ',
    generated: 'return a + b; }\nfunction sub(a, b) { return a - b; }',
    completion: 'return a + b; }',
  },
  {
    title: 'a markdown fence and prose after the function are cut',
    language: 'javascript',
    soFar: 'function add(a, b) {\n',
    generated: '  return a + b;\n}\n```\n\nThis adds { two } numbers.',
    completion: '  return a + b;\n}',
  },
  {
    title: 'braces in strings, template literals, regexes, comments and inner blocks',
    language: 'javascript',
    soFar: 'function render(a) {\n',
    generated: '  const s = "}" + `${a}}${`{`}` + /}/.source; // }\n  if (a) { return s; }\n  return { s };\n}\nrender(1);',
    completion: '  const s = "}" + `${a}}${`{`}` + /}/.source; // }\n  if (a) { return s; }\n  return { s };\n}',
  },
  {
    title: 'a const arrow keeps the `;` the model wrote',
    language: 'javascript',
    soFar: 'const f = (a) => {\n',
    generated: '  return a;\n};\nconst g = 1;',
    completion: '  return a;\n};',
  },
  {
    title: 'an exported const function expression keeps its `;`',
    language: 'typescript',
    soFar: 'export const f = function (a: number) {\n',
    generated: '  return a;\n} ;\n',
    completion: '  return a;\n} ;',
  },
  {
    title: 'a function declaration does not take a following `;`',
    language: 'javascript',
    soFar: 'function f(a) {\n',
    generated: '  return a;\n};',
    completion: '  return a;\n}',
  },
  {
    title: 'TS method (parsed inside a class), the next member cut',
    language: 'typescript',
    soFar: 'private foo<T extends { id: number }>(x: T): T {\n',
    generated: '    return x;\n  }\n\n  bar() {}\n}',
    completion: '    return x;\n  }',
  },
  {
    title: 'object property function (parsed inside an object literal)',
    language: 'typescript',
    soFar: 'm: function (a: number) {\n',
    generated: '    return a;\n  },\n  n: 2',
    completion: '    return a;\n  }',
  },
  {
    title: 'class field arrow keeps its `;`',
    language: 'typescript',
    soFar: 'handle = (x: number): number => {\n',
    generated: '    return x;\n  };\n}',
    completion: '    return x;\n  };',
  },
  {
    title: 'TSX component',
    language: 'tsx',
    soFar: 'export const C = ({ a }: P) => {\n',
    generated: '  return <div className="x">{a}</div>;\n};\n\nexport default C;',
    completion: '  return <div className="x">{a}</div>;\n};',
  },
  {
    title: 'no closing brace',
    language: 'javascript',
    soFar: 'function add(a, b) {\n',
    generated: '  return a + b;\n',
    completion: /never closes/,
  },
  {
    title: 'a brace only inside a string does not close the body',
    language: 'javascript',
    soFar: 'function f() {\n',
    generated: '  return "}";\n',
    completion: /never closes/,
  },
  {
    title: 'a syntax error inside the function',
    language: 'javascript',
    soFar: 'function add(a, b) {\n',
    generated: '  return a + ;\n}\n',
    completion: /does not parse/,
  },
  {
    title: 'Python: the body ends at the first dedented line, blank lines dropped',
    language: 'python',
    soFar: 'def add(a, b):\n    ',
    generated: 'return a + b\n\n\nprint(add(1, 2))\n',
    completion: 'return a + b',
  },
  {
    title: 'Python: a markdown fence ends the body',
    language: 'python',
    soFar: 'def add(a, b):\n    ',
    generated: 'total = a + b\n    return total\n```\nExplanation',
    completion: 'total = a + b\n    return total',
  },
  {
    title: 'Python method: a dedented string line is not the end, the next method is',
    language: 'python',
    soFar: '@staticmethod\n    def m(x):\n        ',
    generated: 's = """\nabc\n"""\n        return s + x\n\n    def other(self):\n        pass\n',
    completion: 's = """\nabc\n"""\n        return s + x',
  },
  {
    title: 'Python: a body ending at the end of the text',
    language: 'python',
    soFar: 'def add(a, b):\n',
    generated: '    if a:\n        return a\n    return b\n',
    completion: '    if a:\n        return a\n    return b',
  },
  {
    title: 'Python: a syntax error',
    language: 'python',
    soFar: 'def add(a, b):\n    ',
    generated: 'return a +\n\nprint(1)',
    completion: /does not parse/,
  },
  {
    title: 'Python: no body at all',
    language: 'python',
    soFar: 'def add(a, b):\n    ',
    generated: '\n\n```',
    completion: /no indented body/,
  },
];

describe('cutCompletedFunction', () => {
  for (const { title, language, soFar, generated, completion } of cases) {
    it(title, async () => {
      const cut = await cutCompletedFunction(soFar, generated, language);
      if (completion instanceof RegExp) {
        assert.equal(cut.ok, false);
        if (!cut.ok) assert.match(cut.reason, completion);
        return;
      }
      assert.deepEqual(cut, { ok: true, completion, functionText: soFar + completion });
    });
  }
});
