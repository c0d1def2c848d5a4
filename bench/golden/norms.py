"""Golden tensors for the activations and normalisation layers, computed by PyTorch on the CPU in float32.

Run from anywhere: python3 bench/golden/norms.py  (writes src/test/resources/golden/{gelu,softmax,layernorm,batchnorm2d}.json).
Inputs are drawn from fixed seeds; gradients come from autograd with a random upstream gradient dy.
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from golden_io import save  # noqa: E402

torch.set_num_threads(1)


def gelu():
    g = torch.Generator().manual_seed(11)
    x = torch.cat([torch.linspace(-8, 8, 65), torch.randn(190, generator=g) * 2.5]).reshape(5, 51)
    x.requires_grad_(True)
    dy = torch.randn(x.shape, generator=g)
    y = torch.nn.functional.gelu(x)  # approximate='none': x * 0.5 * (1 + erf(x / sqrt 2)), evaluated in float32
    y.backward(dy)
    # a float64 reference (stored rounded to float32) with Phi(x) = erfc(-x / sqrt 2) / 2, free of float32 rounding
    # and of the cancellation in 1 + erf(x / sqrt 2) for very negative x (torch 1.13's float64 ndtr has it too)
    x64 = x.detach().double()
    cdf = 0.5 * torch.erfc(-x64 / math.sqrt(2))
    pdf = torch.exp(-0.5 * x64 * x64) / math.sqrt(2 * math.pi)
    save("gelu", {"x": x, "dy": dy, "y": y, "dx": x.grad,
                  "y_float64": x64 * cdf, "dx_float64": dy.double() * (cdf + x64 * pdf)})


def softmax():
    g = torch.Generator().manual_seed(12)
    x = torch.randn(5, 29, generator=g) * 3
    x[2] += 100.0  # large logits: only a max-shifted evaluation stays finite
    dy = torch.randn(5, 29, generator=g)
    dl = torch.randn(5, generator=g)
    out = {"x": x, "dy": dy, "dl": dl}
    for name, fn in (("softmax", lambda t: torch.softmax(t, -1)), ("log_softmax", lambda t: torch.log_softmax(t, -1))):
        xi = x.clone().requires_grad_(True)
        y = fn(xi)
        y.backward(dy)
        out[name + "_y"] = y
        out[name + "_dx"] = xi.grad
    xi = x.clone().requires_grad_(True)
    lse = torch.logsumexp(xi, -1)
    lse.backward(dl)
    out["logsumexp_y"] = lse
    out["logsumexp_dx"] = xi.grad
    save("softmax", out)


def layernorm():
    g = torch.Generator().manual_seed(13)
    ln = torch.nn.LayerNorm(24)  # eps 1e-5, biased variance
    with torch.no_grad():
        ln.weight.copy_(1 + 0.3 * torch.randn(24, generator=g))
        ln.bias.copy_(0.2 * torch.randn(24, generator=g))
    x = (torch.randn(2, 5, 24, generator=g) * 3 + 1.5).requires_grad_(True)
    dy = torch.randn(2, 5, 24, generator=g)
    y = ln(x)
    y.backward(dy)
    save("layernorm", {"x": x, "weight": ln.weight, "bias": ln.bias, "dy": dy, "y": y, "dx": x.grad,
                       "dweight": ln.weight.grad, "dbias": ln.bias.grad})


def batchnorm2d():
    g = torch.Generator().manual_seed(14)
    bn = torch.nn.BatchNorm2d(3)  # eps 1e-5, momentum 0.1, running stats start at 0 and 1
    with torch.no_grad():
        bn.weight.copy_(1 + 0.3 * torch.randn(3, generator=g))
        bn.bias.copy_(0.2 * torch.randn(3, generator=g))
    out = {"weight": bn.weight.detach().clone(), "bias": bn.bias.detach().clone()}
    offsets = torch.tensor([0.5, -2.0, 3.0]).reshape(1, 3, 1, 1)
    bn.train()
    for step in (1, 2):
        x = (torch.randn(4, 3, 5, 7, generator=g) * 2 + offsets).requires_grad_(True)
        dy = torch.randn(4, 3, 5, 7, generator=g)
        bn.zero_grad()
        y = bn(x)
        y.backward(dy)
        out.update({f"train{step}_x": x, f"train{step}_dy": dy, f"train{step}_y": y, f"train{step}_dx": x.grad,
                    f"train{step}_dweight": bn.weight.grad.clone(), f"train{step}_dbias": bn.bias.grad.clone(),
                    f"train{step}_running_mean": bn.running_mean.clone(), f"train{step}_running_var": bn.running_var.clone()})
    bn.eval()
    x = (torch.randn(2, 3, 4, 6, generator=g) * 2 + offsets).requires_grad_(True)
    dy = torch.randn(2, 3, 4, 6, generator=g)
    bn.zero_grad()
    y = bn(x)
    y.backward(dy)
    out.update({"eval_x": x, "eval_dy": dy, "eval_y": y, "eval_dx": x.grad,
                "eval_dweight": bn.weight.grad.clone(), "eval_dbias": bn.bias.grad.clone()})
    save("batchnorm2d", out)


if __name__ == "__main__":
    gelu()
    softmax()
    layernorm()
    batchnorm2d()
