"""Golden files for Resize, AvgPool3x3, MinMax and L2Norm, computed with PyTorch (CPU, float32).

Run from the repository root:  python3 bench/golden/resize.py
Writes src/test/resources/golden/{resize_*,avgpool*,l2norm}.json. Each case stores the input x, a fixed weight w,
the output y and dx = d sum(w * y) / dx. Inputs and weights are multiples of 1/256 and 1/16 so that the JSON stays
small (each file < 200 KB); the head case uses unrounded inputs so that its min and max have no ties.
"""
import torch
import torch.nn.functional as F

from golden_io import save

g = torch.Generator().manual_seed(20260512)


def grid(*shape, steps):
    """Uniform values in [-1, 1] on a grid of 1/steps (exact in float32, short in JSON)."""
    return torch.randint(-steps, steps + 1, shape, generator=g).to(torch.float32) / steps


def case(prefix, fn, x):
    x = x.clone().requires_grad_(True)
    y = fn(x)
    w = grid(*y.shape, steps=16)
    (y * w).sum().backward()
    return {prefix + "x": x, prefix + "w": w, prefix + "y": y, prefix + "dx": x.grad}


def resize(mode, size):
    if mode == "bilinear":
        return lambda x: F.interpolate(x, size=size, mode="bilinear", align_corners=False)
    return lambda x: F.interpolate(x, size=size, mode="nearest")


# bilinear: the neural tower (1x8x32 -> 16x64), the image-tower tap (8x33) and the stage-1 grid (17x67)
save("resize_bilinear_8x32", case("", resize("bilinear", (16, 64)), grid(2, 1, 8, 32, steps=256)))
save("resize_bilinear_8x33", case("", resize("bilinear", (16, 64)), grid(2, 2, 8, 33, steps=256)))
save("resize_bilinear_17x67", case("", resize("bilinear", (16, 64)), grid(2, 1, 17, 67, steps=256)))

# nearest: attention tokens at H//ds x W//ds (explicit size, as the reference calls it) and back to H x W
down = {}
down.update(case("s1_", resize("nearest", (17 // 8, 67 // 8)), grid(2, 3, 17, 67, steps=256)))
down.update(case("s2_", resize("nearest", (8 // 4, 33 // 4)), grid(2, 3, 8, 33, steps=256)))
save("resize_nearest_down", down)
up = {}
up.update(case("s1_", resize("nearest", (17, 67)), grid(2, 2, 2, 8, steps=256)))
up.update(case("s2_", resize("nearest", (8, 33)), grid(2, 3, 2, 8, steps=256)))
save("resize_nearest_up", up)

# odd ratios, both directions, both modes (sizes of 1 included)
odd = {}
odd.update(case("bil_up_", resize("bilinear", (7, 11)), grid(2, 3, 5, 3, steps=256)))
odd.update(case("bil_down_", resize("bilinear", (3, 4)), grid(2, 2, 7, 13, steps=256)))
odd.update(case("bil_one_", resize("bilinear", (1, 5)), grid(2, 1, 4, 1, steps=256)))
odd.update(case("near_up_", resize("nearest", (11, 7)), grid(2, 3, 3, 5, steps=256)))
odd.update(case("near_down_", resize("nearest", (5, 3)), grid(2, 2, 13, 7, steps=256)))
odd.update(case("near_one_", resize("nearest", (3, 1)), grid(2, 1, 1, 6, steps=256)))
save("resize_odd", odd)


# the end of both towers: bilinear to 16x64, then per-sample min-max (eps 1e-8)
def head(x):
    y = F.interpolate(x, size=(16, 64), mode="bilinear", align_corners=False)
    flat = y.reshape(y.shape[0], -1)
    mn = flat.min(dim=1, keepdim=True)[0]
    mx = flat.max(dim=1, keepdim=True)[0]
    return ((flat - mn) / (mx - mn + 1e-8)).reshape(y.shape)


hx = torch.rand(2, 1, 8, 32, generator=g) * 2 - 1
hy = F.interpolate(hx, size=(16, 64), mode="bilinear", align_corners=False).reshape(2, -1)
for row in hy:
    assert (row == row.min()).sum() == 1 and (row == row.max()).sum() == 1, "tie in min or max"
save("resize_head_minmax", case("", head, hx))

# 3x3 mean window: valid, zero padding (count_include_pad) and reflection padding
pools = {
    "none_": lambda x: F.avg_pool2d(x, 3, 1),
    "zero_": lambda x: F.avg_pool2d(x, 3, 1, padding=1, count_include_pad=True),
    "reflect_": lambda x: F.avg_pool2d(F.pad(x, (1, 1, 1, 1), mode="reflect"), 3, 1),
}
ap = {}
for name, fn in pools.items():
    ap.update(case(name, fn, grid(2, 3, 6, 13, steps=256)))
    ap.update(case(name + "small_", fn, grid(1, 2, 3, 4, steps=256)))
ap.update(case("reflect_tiny_", pools["reflect_"], grid(1, 1, 2, 2, steps=256)))
save("avgpool", ap)
# the SSIM maps: 16x64, zero padding
save("avgpool_ssim", case("", pools["zero_"], grid(2, 1, 16, 64, steps=256)))

# F.normalize over each flattened row, one row below eps (clamped branch)
lx = grid(4, 257, steps=256)
lx[3] *= 1e-14
save("l2norm", case("", lambda x: F.normalize(x, dim=1), lx))
