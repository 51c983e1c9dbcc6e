"""Writes torch_gru_fixture.json: PyTorch nn.GRU (the reference GRU) on fixed weights and inputs.

Run with Debian's python (torch 1.13):
    /usr/bin/python3 nlp-models/src/test/resources/gru/make_torch_gru_fixture.py

Double precision. Two cases: 'zero_bhn' has b_hn = 0 (the only biases ND4J's native gru kernel can
express: its single bias enters the candidate outside r*(...)), 'general' has every bias non-zero.
Each case holds the inputs, the weights in PyTorch's layout (gate rows [r | z | n]), the output
sequence, and the gradients of loss = sum(out * probe) for a fixed random probe.
"""
import json
import os

import torch

torch.manual_seed(20261121)
T, B, N_IN, H = 5, 3, 4, 3


def case(zero_bhn):
    gru = torch.nn.GRU(N_IN, H).double()
    with torch.no_grad():
        for p in gru.parameters():
            p.copy_(torch.randn_like(p) * 0.6)
        if zero_bhn:
            gru.bias_hh_l0[2 * H:].zero_()
    x = (torch.randn(T, B, N_IN, dtype=torch.float64)).requires_grad_()
    h0 = (torch.randn(1, B, H, dtype=torch.float64) * 0.7).requires_grad_()
    probe = torch.randn(T, B, H, dtype=torch.float64)
    out, _ = gru(x, h0)
    loss = (out * probe).sum()
    loss.backward()
    t = lambda a: a.detach().tolist()
    return {
        "x": t(x), "h0": t(h0[0]), "probe": t(probe),
        "weight_ih": t(gru.weight_ih_l0), "weight_hh": t(gru.weight_hh_l0),
        "bias_ih": t(gru.bias_ih_l0), "bias_hh": t(gru.bias_hh_l0),
        "out": t(out), "loss": loss.item(),
        "grad_x": t(x.grad), "grad_h0": t(h0.grad[0]),
        "grad_weight_ih": t(gru.weight_ih_l0.grad), "grad_weight_hh": t(gru.weight_hh_l0.grad),
        "grad_bias_ih": t(gru.bias_ih_l0.grad), "grad_bias_hh": t(gru.bias_hh_l0.grad),
    }


fixture = {"torch": torch.__version__, "T": T, "B": B, "nIn": N_IN, "H": H,
           "zero_bhn": case(True), "general": case(False)}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_gru_fixture.json")
with open(path + ".tmp", "w", encoding="utf-8") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
os.replace(path + ".tmp", path)
print("wrote", path)
