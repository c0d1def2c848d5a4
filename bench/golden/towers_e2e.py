"""Golden file for both towers end to end against the release rebuilt in PyTorch (release_model.py).

Weights and inputs are not stored: both sides draw them from the counter-based generator below, so the file holds
only the recipe and the answers (src/test/resources/golden/towers_e2e.json, read by TowersEndToEndGoldenTest).

Generator (documented, implemented again in src/test/java/org/dina/interop/CounterUniform.java): element i of draw
number s (0-based, in the order of `draws` in the file) under seed S is
    x = S * 0x9E3779B97F4A7C15 + (s + 1) * 0xD1B54A32D192ED03 + (i + 1) * 0x9E3779B97F4A7C15   (mod 2^64)
    z = splitmix64 finaliser of x;  u = (z >> 40) / 2^24  (24 bits, exact in float32 and float64)
    value = float32(low + (high - low) * u), computed in float64
Tensors are filled row-major. Draws name release state-dict keys ("image.<key>", "neural.<key>") or inputs
("input.images" [B, 1, 68, 270], "input.responses" [B, N]).

For each variant (frozen | joint) x (reference | clean) the file holds: image and neural maps [B, 16, 64], the
InfoNCE loss (tau 0.01) and, per parameter with a gradient, its L2 norm, its largest |entry| and the gradient at a
fixed sample of entries (indices in the file). Frozen: the release's detached tap, backbone BatchNorms on the drawn
running statistics (eval), only my_conv and the neural tower get gradients. Joint: everything trains, BatchNorm on
batch statistics. The computation runs in float64 on the float32 draws, so the file holds the exact answer.

Run: /usr/bin/python3 bench/golden/towers_e2e.py
"""
import json
import os

import numpy as np
import torch

from release_model import AttentionWithNoDeconvPos, DSNetSingleStage, info_nce

SEED = 20260511
B, N, D, HEADS = 4, 12, 16, 1
H, W = 68, 270
SAMPLES = 12
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden", "towers_e2e.json")

M64 = (1 << 64) - 1


def mix64(z):
    z = ((z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & np.uint64(M64)
    z = ((z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & np.uint64(M64)
    return z ^ (z >> np.uint64(31))


def counter_uniform(seed, s, shape, low, high):
    n = int(np.prod(shape)) if len(shape) else 1
    with np.errstate(over="ignore"):
        i = np.arange(1, n + 1, dtype=np.uint64)
        base = np.uint64((seed * 0x9E3779B97F4A7C15 + (s + 1) * 0xD1B54A32D192ED03) & M64)
        x = base + i * np.uint64(0x9E3779B97F4A7C15)
        u = (mix64(x) >> np.uint64(40)).astype(np.float64) * 2.0 ** -24
    return (low + (high - low) * u).astype(np.float32).reshape(shape)


def ranges(key, shape):
    """The draw range for a state-dict entry: PyTorch-default-like bounds, non-trivial norms and statistics."""
    leaf = key.rsplit(".", 1)[-1]
    if leaf == "running_mean":
        return -0.5, 0.5
    if leaf == "running_var":
        return 0.5, 2.0
    if len(shape) == 1 and any(t in key for t in ("norm",)):
        return (0.5, 1.5) if leaf == "weight" else (-0.2, 0.2)
    if key.startswith("neural.embedding."):
        return -1.0, 1.0
    fan_in = int(np.prod(shape[1:])) if leaf == "weight" else None
    if fan_in is None:  # a bias: the bound of its weight
        return None
    b = fan_in ** -0.5
    return -b, b


def draws_for(image, neural):
    out = []
    for prefix, module in (("image.", image), ("neural.", neural)):
        sd = module.state_dict()
        weight_bound = {}
        for k, v in sd.items():
            if k.endswith("num_batches_tracked"):
                continue
            key = prefix + k
            r = ranges(key, list(v.shape))
            if r is None:
                r = weight_bound[key[: -len("bias")] + "weight"]
            weight_bound[key] = r
            out.append((key, list(v.shape), r[0], r[1]))
    out.append(("input.images", [B, 1, H, W], 0.0, 1.0))
    out.append(("input.responses", [B, N], 0.0, 1.0))
    return out


def load(module, prefix, values):
    sd = module.state_dict()
    for k in sd:
        if prefix + k in values:
            sd[k] = torch.from_numpy(values[prefix + k]).double()
    module.load_state_dict(sd)


def sample_indices(numel, s):
    """Fixed entries to compare: the first and last, and SAMPLES - 2 spread by the generator."""
    if numel <= SAMPLES:
        return list(range(numel))
    u = counter_uniform(SEED + 1, s, [SAMPLES - 2], 0.0, 1.0).astype(np.float64)
    return sorted({0, numel - 1, *[int(x * numel) for x in u]})


def variant(values, mode, crossattn):
    torch.manual_seed(0)
    image = DSNetSingleStage(clean=crossattn == "clean", frozen=mode == "frozen").double()
    neural = AttentionWithNoDeconvPos(N, D, HEADS).double()
    load(image, "image.", values)
    load(neural, "neural.", values)
    image.train()
    neural.train()
    if mode == "frozen":
        image.backbone_eval()
    images = torch.from_numpy(values["input.images"]).double()
    responses = torch.from_numpy(values["input.responses"]).double()
    im = image(images)
    nm = neural(responses)
    loss = info_nce(im, nm)
    loss.backward()
    grads = {}
    for prefix, module in (("image.", image), ("neural.", neural)):
        for s, (k, p) in enumerate(module.named_parameters()):
            if p.grad is None:
                continue
            g = p.grad.detach().reshape(-1)
            idx = sample_indices(g.numel(), s + (1000 if prefix == "neural." else 0))
            grads[prefix + k] = {
                "norm": float(g.norm()),
                "maxabs": float(g.abs().max()),
                "index": idx,
                "value": [float(g[i]) for i in idx],
            }
    return {
        "image_maps": [float(x) for x in im.detach().reshape(-1)],
        "neural_maps": [float(x) for x in nm.detach().reshape(-1)],
        "loss": float(loss),
        "grads": grads,
    }


def main():
    torch.manual_seed(0)
    draws = draws_for(DSNetSingleStage(), AttentionWithNoDeconvPos(N, D, HEADS))
    values = {k: counter_uniform(SEED, s, shape, lo, hi) for s, (k, shape, lo, hi) in enumerate(draws)}
    doc = {
        "seed": SEED,
        "batch": B, "neurons": N, "dim": D, "heads": HEADS, "height": H, "width": W,
        "draws": [{"name": k, "shape": shape, "low": lo, "high": hi} for k, shape, lo, hi in draws],
        "variants": {},
    }
    for mode in ("frozen", "joint"):
        for crossattn in ("reference", "clean"):
            doc["variants"][mode + "." + crossattn] = variant(values, mode, crossattn)
            v = doc["variants"][mode + "." + crossattn]
            print(mode, crossattn, "loss", v["loss"], "grads", len(v["grads"]))
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
