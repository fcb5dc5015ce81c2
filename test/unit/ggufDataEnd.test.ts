import assert from 'node:assert/strict';
import { ggufDataEnd, tensorDataBytes } from '../../src/engine/models/ggufDataEnd';

describe('GGUF data end (truncation check)', () => {
  it('sizes tensors of fixed-layout types from their dimensions', () => {
    assert.equal(tensorDataBytes({ ggmlType: 0, dimensions: [64, 260] }), 64 * 260 * 4); // F32
    assert.equal(tensorDataBytes({ ggmlType: 8, dimensions: [1536, 256n] }), (1536 / 32) * 34 * 256); // Q8_0
    assert.equal(tensorDataBytes({ ggmlType: 12, dimensions: [4864, 896] }), (4864 / 256) * 144 * 896); // Q4_K
    assert.equal(tensorDataBytes({ ggmlType: 14, dimensions: [100, 2] }), undefined, 'a row that is not whole blocks');
    assert.equal(tensorDataBytes({ ggmlType: 16, dimensions: [256] }), undefined, 'IQ2_XXS: layout not known here');
  });

  it('is the furthest tensor end, or the header end without tensors', () => {
    const tensors = [
      { ggmlType: 0, dimensions: [8], fileOffset: 1024 },
      { ggmlType: 1, dimensions: [8, 2], fileOffset: 1056 },
      { ggmlType: 20, dimensions: [32], fileOffset: 1200 },
    ];
    assert.equal(ggufDataEnd(1024, tensors), 1200);
    assert.equal(ggufDataEnd(1024, tensors.slice(0, 2)), 1056 + 32);
    assert.equal(ggufDataEnd(640, []), 640);
  });
});
