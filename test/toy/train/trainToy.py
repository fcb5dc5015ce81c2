# trainToy.py: trains one toy model of llama.cpp's llama architecture from a seeded random
# initialisation with PyTorch (CPU), on documents already tokenised by node-llama-cpp, and
# writes its weights for modelsToy.ts to export as GGUF.
#
# The network is exactly what llama.cpp evaluates for `general.architecture = llama`:
# RMSNorm (eps 1e-5) before attention and before the SwiGLU feed-forward, rotary position
# embedding of llama.cpp's "normal" kind (adjacent pairs rotated, base 10000), multi-head causal
# attention scaled by 1/sqrt(head size), a final RMSNorm and an untied output layer. Weights are
# written in GGUF's layout (ggml's ne0 is the input dimension = PyTorch's row-major [out, in]).
#
# Why not llama.cpp's own trainer: its optimizer API never updates the token embedding, and
# from scratch on this corpus the attention never learnt to use the context (training accuracy
# stuck at ~37% of tokens, greedy output unrelated to the prompt; see models/toy/README.md).
#
# Documents file (--docs, --val): little-endian u32 count, then per document a u32 length and
# that many u32 token ids, each document starting and ending with the end-of-text token.
#
# Output (--out): u32 length of a JSON header, the header ({"tensors": [{"name", "dims"}]},
# dims in GGUF order), then every tensor's f32 data in that order.
import argparse
import json
import math
import os
import random
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_docs(path):
    data = np.fromfile(path, dtype='<u4')
    count, at, docs = int(data[0]), 1, []
    for _ in range(count):
        n = int(data[at])
        docs.append(data[at + 1 : at + 1 + n].astype(np.int64))
        at += 1 + n
    return docs


def pack(docs, order, ctx):
    """Windows of ctx + 1 tokens, each starting at a document; documents share their separator."""
    need, windows, w = ctx + 1, [], []
    for i in order:
        d = docs[i].tolist()
        if not w:
            w = d[:need]
        else:
            room, add = need - len(w), d[1:]
            w.extend(add[:room])
            if len(add) > room:
                windows.append(w)
                w = d[:need]
        if len(w) == need:
            windows.append(w)
            w = []
    if w:
        windows.append(w + [w[-1]] * (need - len(w)))
    return torch.tensor(windows, dtype=torch.long)


class RMSNorm(torch.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * self.weight


def rope_tables(ctx, head, base=10000.0):
    inv = base ** (-torch.arange(0, head, 2, dtype=torch.float32) / head)
    angles = torch.arange(ctx, dtype=torch.float32)[:, None] * inv[None, :]
    return torch.cos(angles), torch.sin(angles)


def rope(x, cos, sin):
    # x: [B, H, T, head]; llama.cpp's normal rope rotates (x[2i], x[2i+1]).
    t = x.shape[2]
    x0, x1 = x[..., 0::2], x[..., 1::2]
    c, s = cos[:t], sin[:t]
    return torch.stack((x0 * c - x1 * s, x0 * s + x1 * c), dim=-1).flatten(-2)


class Block(torch.nn.Module):
    def __init__(self, d, heads, ff):
        super().__init__()
        self.heads = heads
        self.attn_norm, self.ffn_norm = RMSNorm(d), RMSNorm(d)
        self.q, self.k, self.v, self.o = (torch.nn.Linear(d, d, bias=False) for _ in range(4))
        self.gate, self.up = torch.nn.Linear(d, ff, bias=False), torch.nn.Linear(d, ff, bias=False)
        self.down = torch.nn.Linear(ff, d, bias=False)

    def forward(self, x, cos, sin, mask):
        b, t, d = x.shape
        h = self.attn_norm(x)
        split = lambda y: y.view(b, t, self.heads, d // self.heads).transpose(1, 2)
        q, k, v = rope(split(self.q(h)), cos, sin), rope(split(self.k(h)), cos, sin), split(self.v(h))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(d // self.heads) + mask[:t, :t]
        y = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.o(y)
        h = self.ffn_norm(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


class Llama(torch.nn.Module):
    def __init__(self, vocab, d, blocks, heads, ff, ctx):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, d)
        self.blocks = torch.nn.ModuleList(Block(d, heads, ff) for _ in range(blocks))
        self.norm = RMSNorm(d)
        self.output = torch.nn.Linear(d, vocab, bias=False)
        cos, sin = rope_tables(ctx, d // heads)
        self.register_buffer('cos', cos, persistent=False)
        self.register_buffer('sin', sin, persistent=False)
        self.register_buffer('mask', torch.full((ctx, ctx), float('-inf')).triu(1), persistent=False)
        std, proj = 0.02, 0.02 / math.sqrt(2 * blocks)
        for name, p in self.named_parameters():
            if p.dim() == 2:
                torch.nn.init.normal_(p, std=proj if name.endswith(('o.weight', 'down.weight')) else std)

    def forward(self, ids):
        x = self.embed(ids)
        for block in self.blocks:
            x = block(x, self.cos, self.sin, self.mask)
        return self.output(self.norm(x))

    def gguf_tensors(self):
        """(name, dims in GGUF order, tensor) for every weight, as llama.cpp names them."""
        dims = lambda p: list(reversed(p.shape))
        out = [('token_embd.weight', self.embed.weight)]
        for i, b in enumerate(self.blocks):
            p = f'blk.{i}.'
            out += [
                (p + 'attn_norm.weight', b.attn_norm.weight), (p + 'attn_q.weight', b.q.weight),
                (p + 'attn_k.weight', b.k.weight), (p + 'attn_v.weight', b.v.weight),
                (p + 'attn_output.weight', b.o.weight), (p + 'ffn_norm.weight', b.ffn_norm.weight),
                (p + 'ffn_gate.weight', b.gate.weight), (p + 'ffn_up.weight', b.up.weight),
                (p + 'ffn_down.weight', b.down.weight),
            ]
        out += [('output_norm.weight', self.norm.weight), ('output.weight', self.output.weight)]
        return [(n, dims(t), t) for n, t in out]


def save(model, path):
    tensors = model.gguf_tensors()
    header = json.dumps({'tensors': [{'name': n, 'dims': d} for n, d, _ in tensors]}).encode()
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(struct.pack('<I', len(header)))
        f.write(header)
        for _, _, t in tensors:
            f.write(t.detach().contiguous().numpy().astype('<f4').tobytes())
    os.replace(tmp, path)


def evaluate(model, windows):
    model.eval()
    with torch.no_grad():
        logits = model(windows[:, :-1])
        labels = windows[:, 1:]
        loss = F.cross_entropy(logits.flatten(0, 1), labels.flatten()).item()
        acc = (logits.argmax(-1) == labels).float().mean().item()
    model.train()
    return loss, acc


def main():
    ap = argparse.ArgumentParser()
    for name in ('docs', 'val', 'out', 'log'):
        ap.add_argument('--' + name, required=True)
    for name, default in (('vocab', 0), ('embd', 64), ('blocks', 2), ('heads', 4), ('ff', 192), ('ctx', 256), ('batch', 16),
                          ('steps', 1000), ('warmup', 100), ('seed', 1), ('threads', 2), ('eval_every', 100), ('eval_windows', 32)):
        ap.add_argument('--' + name.replace('_', '-'), dest=name, type=int, default=default)
    for name, default in (('lr', 3e-3), ('lr_min', 3e-5), ('wd', 0.01)):
        ap.add_argument('--' + name.replace('_', '-'), dest=name, type=float, default=default)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)

    docs, val_docs = read_docs(a.docs), read_docs(a.val)
    val = pack(val_docs, range(len(val_docs)), a.ctx)[: a.eval_windows]
    model = Llama(a.vocab, a.embd, a.blocks, a.heads, a.ff, a.ctx)
    decay = [p for p in model.parameters() if p.dim() == 2]
    rest = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': a.wd}, {'params': rest, 'weight_decay': 0}], lr=a.lr, betas=(0.9, 0.95))
    params = sum(p.numel() for p in model.parameters())
    print(f'trainToy: {params} parameters, {len(docs)} documents, {a.steps} steps of {a.batch}x{a.ctx} tokens', file=sys.stderr, flush=True)

    def lr_at(step):
        if step < a.warmup:
            return a.lr * (step + 1) / a.warmup
        progress = min(1.0, (step - a.warmup) / max(1, a.steps - a.warmup))
        return a.lr_min + 0.5 * (a.lr - a.lr_min) * (1 + math.cos(math.pi * progress))

    log = open(a.log, 'w')
    log.write('step\tepoch\ttokens\tseconds\tlr\ttrain_loss\ttrain_acc\tval_loss\tval_acc\n')
    windows, at, epoch = None, 0, 0
    started, running, running_acc, seen = time.time(), 0.0, 0.0, 0
    for step in range(a.steps):
        if windows is None or at + a.batch > len(windows):
            order = list(range(len(docs)))
            rng.shuffle(order)
            windows, at, epoch = pack(docs, order, a.ctx), 0, epoch + 1
        batch = windows[at : at + a.batch]
        at += a.batch
        for group in opt.param_groups:
            group['lr'] = lr_at(step)
        logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.flatten(0, 1), batch[:, 1:].flatten())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        running += loss.item()
        running_acc += (logits.argmax(-1) == batch[:, 1:]).float().mean().item()
        seen += 1
        if (step + 1) % a.eval_every == 0 or step + 1 == a.steps:
            val_loss, val_acc = evaluate(model, val)
            secs = time.time() - started
            tokens = (step + 1) * a.batch * a.ctx
            log.write(f'{step + 1}\t{epoch}\t{tokens}\t{secs:.1f}\t{lr_at(step):.3g}\t{running / seen:.4f}\t{running_acc / seen:.4f}\t{val_loss:.4f}\t{val_acc:.4f}\n')
            log.flush()
            print(f'step {step + 1}/{a.steps} epoch {epoch} lr {lr_at(step):.3g} train {running / seen:.4f} ({100 * running_acc / seen:.1f}%) '
                  f'val {val_loss:.4f} ({100 * val_acc:.1f}%) {tokens / secs:.0f} tok/s', file=sys.stderr, flush=True)
            running, running_acc, seen = 0.0, 0.0, 0
            save(model, a.out + '.part')
    save(model, a.out)
    log.close()


if __name__ == '__main__':
    main()
