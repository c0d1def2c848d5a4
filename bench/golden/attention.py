"""Golden values for attention: torch.nn.MultiheadAttention, an image-tower style fused-qkv self-attention with a
custom scale, and cross attention softmax(q k^T * scale) v. Everything is computed in float64 from float32 inputs,
so the file holds the exact answer rounded once.

Run from the repository root:  python3 bench/golden/attention.py  ->  src/test/resources/golden/attention.json
"""
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from golden_io import save  # noqa: E402


def rand(*shape, amp=1.0):
    """U(-amp, amp) rounded to float32 (so the saved inputs are exactly the ones used), then held in float64."""
    return ((torch.rand(*shape, dtype=torch.float32) * 2 - 1) * amp).to(torch.float32).to(torch.float64)


def multihead(out):
    """torch.nn.MultiheadAttention(8, 2 heads), self-attention on [2, 5, 8], with weights and all gradients."""
    b, l, d, h = 2, 5, 8, 2
    mha = torch.nn.MultiheadAttention(d, h, batch_first=True, dtype=torch.float64)
    with torch.no_grad():  # float32-representable parameters, non-zero biases so that their gradients are tested
        mha.in_proj_weight.copy_(rand(3 * d, d, amp=0.6))
        mha.in_proj_bias.copy_(rand(3 * d, amp=0.2))
        mha.out_proj.weight.copy_(rand(d, d, amp=0.4))
        mha.out_proj.bias.copy_(rand(d, amp=0.2))
    x = rand(b, l, d).requires_grad_(True)
    w = rand(b, l, d)
    y, probs = mha(x, x, x, need_weights=True, average_attn_weights=False)
    (y * w).sum().backward()
    out.update({
        "mha.x": x, "mha.w": w, "mha.in_proj_weight": mha.in_proj_weight, "mha.in_proj_bias": mha.in_proj_bias,
        "mha.out_proj_weight": mha.out_proj.weight, "mha.out_proj_bias": mha.out_proj.bias,
        "mha.y": y, "mha.probs": probs, "mha.dx": x.grad,
        "mha.d_in_proj_weight": mha.in_proj_weight.grad, "mha.d_in_proj_bias": mha.in_proj_bias.grad,
        "mha.d_out_proj_weight": mha.out_proj.weight.grad, "mha.d_out_proj_bias": mha.out_proj.bias.grad,
    })


def fused(out):
    """DS-Net style: qkv = Linear(C, 3C)(x), 2 heads, scale 0.25 (not 1/sqrt(head width)), no output projection."""
    b, n, c, h, scale = 2, 6, 8, 2, 0.25
    weight = rand(3 * c, c, amp=0.5).requires_grad_(True)
    bias = rand(3 * c, amp=0.2).requires_grad_(True)
    x = rand(b, n, c).requires_grad_(True)
    w = rand(b, n, c)
    qkv = F.linear(x, weight, bias).reshape(b, n, 3, h, c // h).permute(2, 0, 3, 1, 4)
    q, k, v = qkv[0], qkv[1], qkv[2]
    attn = (q @ k.transpose(-2, -1) * scale).softmax(dim=-1)
    y = (attn @ v).transpose(1, 2).reshape(b, n, c)
    (y * w).sum().backward()
    out.update({"fused.scale": scale, "fused.x": x, "fused.w": w, "fused.weight": weight, "fused.bias": bias,
                "fused.y": y, "fused.dx": x.grad, "fused.dweight": weight.grad, "fused.dbias": bias.grad})


def cross(out):
    """One head over C/2 = 6 channels scaled by (6 / 2)^-0.5, as DINA's image tower computes it for 2 heads."""
    b, lq, lk, c = 2, 4, 7, 6
    scale = (c / 2) ** -0.5
    q = rand(b, lq, c, amp=1.5).requires_grad_(True)
    k = rand(b, lk, c, amp=1.5).requires_grad_(True)
    v = rand(b, lk, c).requires_grad_(True)
    w = rand(b, lq, c)
    y = F.softmax(q @ k.transpose(-2, -1) * scale, dim=-1) @ v
    (y * w).sum().backward()
    out.update({"cross.scale": scale, "cross.q": q, "cross.k": k, "cross.v": v, "cross.w": w, "cross.y": y,
                "cross.dq": q.grad, "cross.dk": k.grad, "cross.dv": v.grad})


if __name__ == "__main__":
    torch.manual_seed(20260521)
    tensors = {}
    multihead(tensors)
    fused(tensors)
    cross(tensors)
    save("attention", tensors)
