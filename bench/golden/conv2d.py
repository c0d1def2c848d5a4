"""Golden files for Conv2d: torch.nn.functional.conv2d forward and autograd gradients.

Each file holds x, weight, bias, the forward output y, an upstream gradient gy, and the gradients of
L = sum(y * gy) with respect to x, weight and bias (gx, gw, gb). The spec is stored as scalars.
Run from the repository root:  python3 bench/golden/conv2d.py
"""
import torch
import torch.nn.functional as F

from golden_io import save


def case(name, n, cin, cout, h, w, k, stride, padding, groups, seed):
    g = torch.Generator().manual_seed(seed)
    x = (torch.rand(n, cin, h, w, generator=g) * 2 - 1).requires_grad_()
    bound = 1.0 / (cin // groups * k * k) ** 0.5
    weight = ((torch.rand(cout, cin // groups, k, k, generator=g) * 2 - 1) * bound).requires_grad_()
    bias = ((torch.rand(cout, generator=g) * 2 - 1) * bound).requires_grad_()
    y = F.conv2d(x, weight, bias, stride=stride, padding=padding, groups=groups)
    gy = torch.rand(y.shape, generator=g) * 2 - 1
    (y * gy).sum().backward()
    save(name, {
        "cin": cin, "cout": cout, "kernel": k, "stride": stride, "padding": padding, "groups": groups,
        "x": x, "weight": weight, "bias": bias, "y": y, "gy": gy,
        "gx": x.grad, "gw": weight.grad, "gb": bias.grad,
    })


if __name__ == "__main__":
    torch.set_num_threads(1)
    # the image tower's patch embedding in miniature: 1 -> 8 channels, kernel 4, stride 4
    case("conv2d_strided", 1, 1, 8, 16, 28, 4, 4, 0, 1, seed=1)
    # grouped, strided and padded
    case("conv2d_grouped", 2, 4, 6, 7, 9, 3, 2, 1, 2, seed=2)
    # depthwise 3x3 with padding 1, the MixBlock's positional and local convolutions
    case("conv2d_depthwise", 2, 5, 5, 6, 19, 3, 1, 1, 5, seed=3)
    # pointwise 1x1 (the MixBlock's projections and MLP)
    case("conv2d_pointwise", 2, 6, 4, 5, 7, 1, 1, 0, 1, seed=4)
