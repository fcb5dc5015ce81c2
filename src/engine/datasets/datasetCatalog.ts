// The public benchmarks `cascade bench --dataset <id>` and "Cascade: tune tiers" can fetch:
// where each file is published, what it is saved as, and its size and SHA-256 (of the JSON
// Lines file as saved, i.e. after gunzipping a `.jsonl.gz` original). Pure data.

/** One downloadable benchmark. */
export interface DatasetRecord {
  /** What `--dataset` takes, e.g. "humanevalpack-js". */
  id: string;
  /** Shown to users. */
  name: string;
  /** Problems in the file. */
  problems: number;
  language: 'javascript' | 'typescript';
  /** The public URL of the original file (a pinned revision where the README had one). */
  url: string;
  /** What `url` serves: JSON Lines, or JSON Lines compressed with gzip (gunzipped after the download). */
  format: 'jsonl' | 'jsonl.gz';
  /** Name of the saved JSON Lines file in the datasets folder. */
  fileName: string;
  /** Exact size of the saved JSON Lines file in bytes. */
  sizeBytes: number;
  /** SHA-256 of the saved JSON Lines file (lowercase hex). */
  sha256: string;
  /** SPDX identifier, or a note on the terms. */
  license: string;
}

const MULTIPL_E = 'https://raw.githubusercontent.com/nuprl/MultiPL-E/cf9db336/prompts';
const MULTIPL_E_LICENSE = 'BSD-3-Clause with a no-ML-training clause (evaluation only)';

/** The datasets Cascade knows, HumanEvalPack first. */
export const DATASETS: readonly DatasetRecord[] = [
  {
    id: 'humanevalpack-js',
    name: 'HumanEvalPack JavaScript',
    problems: 164,
    language: 'javascript',
    url: 'https://raw.githubusercontent.com/bigcode-project/octopack/main/evaluation/create/humaneval-x/data/js/data/humanevalpack.jsonl',
    format: 'jsonl',
    fileName: 'humanevalpack-js.jsonl',
    sizeBytes: 479_665,
    sha256: '04c86c1fac5f33818d9187cba278ed1dfc66cc259372dd8342126aa580fb7569',
    license: 'MIT',
  },
  {
    id: 'humaneval-x-js',
    name: 'HumanEval-X JavaScript',
    problems: 164,
    language: 'javascript',
    url: 'https://raw.githubusercontent.com/THUDM/CodeGeeX/main/codegeex/benchmark/humaneval-x/js/data/humaneval_js.jsonl.gz',
    format: 'jsonl.gz',
    fileName: 'humaneval-x-js.jsonl',
    sizeBytes: 272_604,
    sha256: 'da529500a73fcbc86bc8f6c7855c0f2c0fc7af1c4dc530e26a54bbfd17f97cef',
    license: 'Apache-2.0',
  },
  {
    id: 'multipl-e-humaneval-js',
    name: 'MultiPL-E HumanEval JavaScript (reworded)',
    problems: 161,
    language: 'javascript',
    url: `${MULTIPL_E}/humaneval-js-reworded.jsonl`,
    format: 'jsonl',
    fileName: 'multipl-e_humaneval-js-reworded.jsonl',
    sizeBytes: 206_768,
    sha256: '47536b7f7a0221586cdecc16c900ff8e7ba7dd60cc4bab3bddbbc4e866e0cef8',
    license: MULTIPL_E_LICENSE,
  },
  {
    id: 'multipl-e-humaneval-ts',
    name: 'MultiPL-E HumanEval TypeScript (reworded)',
    problems: 159,
    language: 'typescript',
    url: `${MULTIPL_E}/humaneval-ts-reworded.jsonl`,
    format: 'jsonl',
    fileName: 'multipl-e_humaneval-ts-reworded.jsonl',
    sizeBytes: 210_582,
    sha256: 'dac2c1577ad99503d0c2e1d91ffcc386711ade271462934b604f08b01f7ad0fa',
    license: MULTIPL_E_LICENSE,
  },
  {
    id: 'multipl-e-mbpp-js',
    name: 'MultiPL-E MBPP JavaScript (reworded)',
    problems: 399,
    language: 'javascript',
    url: `${MULTIPL_E}/mbpp-js-reworded.jsonl`,
    format: 'jsonl',
    fileName: 'multipl-e_mbpp-js-reworded.jsonl',
    sizeBytes: 309_197,
    sha256: '9bb4dd80a3091fb7b79a76f046c36504b64b3e148c17f63e53a02789238b80b2',
    license: MULTIPL_E_LICENSE,
  },
  {
    id: 'multipl-e-mbpp-ts',
    name: 'MultiPL-E MBPP TypeScript (reworded)',
    problems: 391,
    language: 'typescript',
    url: `${MULTIPL_E}/mbpp-ts-reworded.jsonl`,
    format: 'jsonl',
    fileName: 'multipl-e_mbpp-ts-reworded.jsonl',
    sizeBytes: 316_949,
    sha256: 'd45ebbcc05d361e86fec4d3a965f9ecdf6f77f684cc05454f82e66a1730ea256',
    license: MULTIPL_E_LICENSE,
  },
];

/** The catalog record with this id, or undefined. */
export function findDataset(id: string, catalog: readonly DatasetRecord[] = DATASETS): DatasetRecord | undefined {
  return catalog.find((d) => d.id === id);
}
