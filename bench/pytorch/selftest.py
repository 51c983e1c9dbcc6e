#!/usr/bin/python3
"""Correctness checks of the PyTorch twins on tiny shapes (seconds, no data needed):
- padding invariance: a document's probabilities alone == in a batch with a longer document ==
  with extra padding, for every model (eval mode, float64);
- the matmul/softmax attention equals nn.MultiheadAttention given the same weights (zero biases);
- an empty document gives finite probabilities;
- the vocabulary order: count desc, ties by code point.
  /usr/bin/python3 bench/pytorch/selftest.py
"""
import argparse
import os
import sys
import tempfile
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import torch  # noqa: E402


def args_for(model, attention="mha", fastpath="off", bidirectional=False):
    a = argparse.Namespace(model=model, dim=16, hidden=12, heads=4, gru_layers=1, layers=2, ff=32, dropout=0.1,
                           attention=attention, fastpath=fastpath, buckets=97, max_len=64, bidirectional=bidirectional)
    return a


def main():
    torch.manual_seed(7)
    torch.set_default_dtype(torch.float64)
    failures = 0
    doc, longer = [5, 9, 2, 2, 7], [3, 4, 8, 1, 6, 6, 2, 9, 5, 3, 1]
    for model, attention, fastpath, bi in [("gru-attention", "mha", "off", False), ("gru-attention", "matmul", "off", False),
                                           ("gru-attention", "mha", "off", True),
                                           ("transformer", "mha", "off", False), ("transformer", "mha", "on", False),
                                           ("baseline", "mha", "off", False)]:
        m = common.build_model(args_for(model, attention, fastpath, bi), 10, 3).eval()
        with torch.no_grad():
            ids, mask = common.make_batch([doc], [0])
            alone = torch.softmax(m(ids, mask), -1)[0]
            ids, mask = common.make_batch([doc, longer], [0, 1])
            batched = torch.softmax(m(ids, mask), -1)[0]
            ids = torch.cat([ids, torch.zeros(2, 20, dtype=torch.long)], 1)
            mask = torch.cat([mask, torch.zeros(2, 20)], 1)
            padded = torch.softmax(m(ids, mask), -1)[0]
            ids, mask = common.make_batch([[], doc], [0, 1])
            empty = torch.softmax(m(ids, mask), -1)[0]
        d = max((alone - batched).abs().max().item(), (alone - padded).abs().max().item())
        ok = d < 1e-9 and torch.isfinite(empty).all().item()
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} padding invariance {model}{' bidirectional' if bi else ''} ({attention}, "
              f"fastpath {fastpath}): max diff {d:.2e}, "
              f"empty doc probs {[round(p, 4) for p in empty.tolist()]}")

    mha, mm = common.FusedAttention(16, 4), common.MatmulAttention(16, 4)
    with torch.no_grad():
        mha.mha.in_proj_bias.zero_()
        mha.mha.out_proj.bias.zero_()
        mm.qkv.weight.copy_(mha.mha.in_proj_weight)
        mm.out.weight.copy_(mha.mha.out_proj.weight)
        x = torch.randn(3, 7, 16)
        mask = torch.tensor([[1.0] * 7, [1.0] * 4 + [0.0] * 3, [1.0] * 2 + [0.0] * 5])
        kpm = common.key_padding_mask(mask)
        d = ((mha(x, kpm) - mm(x, kpm)) * mask.unsqueeze(-1)).abs().max().item()
    ok = d < 1e-9
    failures += not ok
    print(f"{'ok  ' if ok else 'FAIL'} matmul attention == nn.MultiheadAttention: max diff {d:.2e}")

    v = common.Vocabulary.build([["b", "a", "c", "a"], ["b", "é", "Z"]], 10)
    want = ["<pad>", "<unk>", "a", "b", "Z", "c", "é"]
    ok = v.tokens == want and v.encode(["a", "zz", "é"], 2) == [2, 1]
    failures += not ok
    print(f"{'ok  ' if ok else 'FAIL'} vocabulary order {v.tokens}")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "v.vec")
        with open(path, "w", encoding="utf-8") as f:
            f.write("3 2\na 0.5 -1\nzz 9 9\n<pad> 7 7\n")
        m = types.SimpleNamespace(emb=torch.nn.Embedding(4, 2, padding_idx=0))  # load_vectors reads only .emb
        m.emb.weight.data.zero_()
        covered = common.load_vectors(m, common.Vocabulary(["<pad>", "<unk>", "a", "b"]), path)
        ok = abs(covered - 1 / 3) < 1e-12 and m.emb.weight[2].tolist() == [0.5, -1.0] and m.emb.weight[0].tolist() == [0, 0]
        with open(path, "w", encoding="utf-8") as f:
            f.write("1 3\na 1 2 3\n")
        try:
            common.load_vectors(m, common.Vocabulary(["<pad>", "<unk>", "a"]), path)
            ok = False
        except SystemExit as e:
            ok = ok and "expected the header 'count 2'" in str(e)
    failures += not ok
    print(f"{'ok  ' if ok else 'FAIL'} pretrained vectors: coverage, copied row, PAD row kept at zero, wrong width refused")
    print("all ok" if failures == 0 else f"{failures} FAILED")
    return failures == 0


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
