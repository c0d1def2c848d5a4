#!/usr/bin/python3
"""DINA training step in PyTorch: the careful port that `dina bench train` is compared with.

The same model and step as org.dina.perf.TrainStepBenchmark times on the JVM, written the way a careful PyTorch
user would (the README's "Benchmarks": a careful PyTorch port):
  * frozen image tower with cached backbone features: the image side is the 1x1 conv head on [B, 128, 8, 33]
    features, bilinear resize to 16x64, per-sample min-max, L2 normalisation;
  * neural tower: per-neuron Linear(1->d) and Linear(d->1) as broadcast tensor ops (no Python loop over neurons),
    nn.MultiheadAttention(d, heads, batch_first=True) over the N neuron tokens, the linear MLP N->2048->512->256,
    reshape to 8x32, bilinear resize to 16x64, per-sample min-max, L2 normalisation;
  * symmetric InfoNCE with fixed tau = 0.01;
  * AdamW(lr 3e-4, weight decay 5e-5) on the image head, RMSprop(lr 5e-5, alpha 0.9) on the neural tower.
One timed step = zero the gradients, forward, backward, both optimiser steps. Inputs are random, of the right
shapes (features standard normal, responses uniform in [0, 1]); the median over the timed steps is reported.

Run with the system Python, which has torch:  /usr/bin/python3 bench/pytorch/dina_port.py --config default
On a machine shared with other processes, set OMP_WAIT_POLICY=PASSIVE (bench/vs-pytorch.sh does): spinning OpenMP
threads lose most of their time when the cores are oversubscribed.
"""
import argparse
import json
import resource
import statistics
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    sys.exit("dina_port.py: PyTorch is not installed for " + sys.executable
             + " (install it, e.g. pip install torch, or run with /usr/bin/python3)")

# name -> (neurons, d, heads, MLP widths, warm-up steps, timed steps): the shapes of `dina bench train --case ...`
# when this was written; bench/vs-pytorch.sh passes the JVM run's own shapes (--neurons, --dim, --heads, --mlp),
# so the two sides cannot drift apart when a config changes
CONFIGS = {
    "default": (500, 16, 1, (256,), 3, 10),
    "paper-1k": (1000, 512, 1, (2048, 512, 256), 1, 3),
    "paper-10k": (10000, 512, 1, (2048, 512, 256), 1, 1),  # needs tens of GB: B x N x N attention maps
}
MAP_H, MAP_W = 16, 64
FEATURES = (128, 8, 33)
TAU = 0.01
MINMAX_EPS = 1e-8


def map_head(x, norm="minmax"):
    """[B, C, h, w] -> L2-normalised flattened C x 16 x 64 maps after bilinear resize and per-map scaling
    (min-max as released, z-score as `model.mapNormalisation: zscore`, or none)."""
    x = F.interpolate(x, size=(MAP_H, MAP_W), mode="bilinear", align_corners=False)
    if norm == "minmax":
        lo = x.amin(dim=(2, 3), keepdim=True)
        hi = x.amax(dim=(2, 3), keepdim=True)
        x = (x - lo) / (hi - lo + MINMAX_EPS)
    elif norm == "zscore":
        x = F.layer_norm(x, (MAP_H, MAP_W), eps=1e-5)
    return F.normalize(x.flatten(1), dim=1)


class ImageHead(nn.Module):
    """The trainable part of the frozen image tower: a 1x1 conv from the cached 128-channel features to C maps
    (with `hidden` > 0, a hidden 1x1 conv and GELU first, as `model.imageHeadHidden`)."""

    def __init__(self, maps=1, norm="minmax", hidden=0):
        super().__init__()
        layers = [nn.Conv2d(FEATURES[0], hidden, kernel_size=1), nn.GELU()] if hidden else []
        layers.append(nn.Conv2d(hidden or FEATURES[0], maps, kernel_size=1))
        self.conv = nn.Sequential(*layers)
        self.norm = norm

    def forward(self, features):
        return map_head(self.conv(features), self.norm)


class NeuralTower(nn.Module):
    """Per-neuron tokens, self-attention over neurons, per-neuron readout (plus the response itself with
    `residual`, as `model.neuralResidual`), linear MLP, map head."""

    def __init__(self, neurons, d, heads, mlp=(2048, 512, 256), norm="minmax", residual=False):
        super().__init__()
        # neuron i's Linear(1->d) is row i of embed_w / embed_b; its Linear(d->1) is row i of readout_w / readout_b
        self.embed_w = nn.Parameter(torch.empty(neurons, d).uniform_(-1, 1))
        self.embed_b = nn.Parameter(torch.empty(neurons, d).uniform_(-1, 1))
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
        bound = d ** -0.5
        self.readout_w = nn.Parameter(torch.empty(neurons, d).uniform_(-bound, bound))
        self.readout_b = nn.Parameter(torch.empty(neurons).uniform_(-bound, bound))
        layers, width = [], neurons
        for out in mlp:
            layers.append(nn.Linear(width, out))
            width = out
        self.mlp = nn.Sequential(*layers)  # no nonlinearities, as released
        self.norm, self.residual = norm, residual

    def forward(self, r):
        tokens = r.unsqueeze(-1) * self.embed_w + self.embed_b            # [B, N, d]
        z, _ = self.attn(tokens, tokens, tokens, need_weights=False)      # [B, N, d]
        y = (z * self.readout_w).sum(-1) + self.readout_b                 # [B, N]
        if self.residual:
            y = y + r
        return map_head(self.mlp(y).view(r.shape[0], -1, 8, 32), self.norm)


def info_nce(za, zb):
    logits = za @ zb.t() / TAU
    labels = torch.arange(za.shape[0])
    return 0.5 * (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels))


def training_step(image, neural, image_inputs, responses, opt_image, opt_neural):
    """One optimiser step of both towers on one batch; returns a function that runs it and gives the loss."""
    def step():
        opt_image.zero_grad()
        opt_neural.zero_grad()
        loss = info_nce(image(image_inputs), neural(responses))
        loss.backward()
        opt_image.step()
        opt_neural.step()
        return loss.item()
    return step


def time_and_report(step, warmup, steps, out, title, as_json):
    """Runs warm-up then timed steps, adds the timings and peak RSS to `out`, prints it as JSON or as text."""
    for _ in range(warmup):
        step()
    times = []
    loss = float("nan")
    for k in range(steps):
        t0 = time.perf_counter()
        loss = step()
        times.append(time.perf_counter() - t0)
        if not as_json:
            print(f"  step {k + 1}/{steps}: {times[-1]:.4f} s", file=sys.stderr, flush=True)
    sec = statistics.median(times)
    batch = out["batch"]
    out.update({
        "seconds_per_step": round(sec, 5), "samples_per_second": round(batch / sec, 2),
        "fastest_seconds_per_step": round(min(times), 5), "warmup_steps": warmup, "steps": steps,
        "threads": torch.get_num_threads(),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), "loss": round(loss, 4),
    })
    if as_json:
        print(json.dumps(out))
    else:
        print(f"pytorch {torch.__version__} {title}: {out['neurons']:,} neurons, d {out['dim']}, MLP {out['neural_mlp']}, "
              f"batch {batch}, {out['threads']} threads")
        print(f"  {sec:.4f} s/step (median of {steps} after {warmup} warm-up; fastest {min(times):.4f}) "
              f"= {batch / sec:.1f} samples/s; peak RSS {out['peak_rss_mb']:.0f} MB")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--config", default="default", choices=sorted(CONFIGS))
    p.add_argument("--neurons", type=int, help="override the config's neuron count")
    p.add_argument("--dim", type=int, help="override the config's token width d")
    p.add_argument("--heads", type=int, help="override the config's attention heads")
    p.add_argument("--mlp", help="override the config's MLP widths, comma-separated, ending in 256 (e.g. 2048,512,256)")
    p.add_argument("--map-channels", type=int, default=1, help="16x64 maps per tower (model.mapChannels)")
    p.add_argument("--map-normalisation", default="minmax", choices=("minmax", "zscore", "none"))
    p.add_argument("--neural-residual", action="store_true", help="add each response to its attention output")
    p.add_argument("--image-head-hidden", type=int, default=0, help="hidden 1x1 conv width in the image head")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--warmup", type=int, help="untimed steps first")
    p.add_argument("--steps", type=int, help="timed steps")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    a = p.parse_args()
    neurons, d, heads, mlp, warmup, steps = CONFIGS[a.config]
    neurons = a.neurons or neurons
    d = a.dim or d
    heads = a.heads or heads
    mlp = tuple(int(w) for w in a.mlp.split(",")) if a.mlp else mlp
    if mlp[-1] != 256 * a.map_channels or d % heads:
        sys.exit("dina_port.py: --mlp must end in 256 x --map-channels and --dim must be a multiple of --heads")
    warmup = warmup if a.warmup is None else a.warmup
    steps = steps if a.steps is None else a.steps
    if steps < 1 or warmup < 0 or a.batch < 2:
        sys.exit("dina_port.py: needs --steps >= 1, --warmup >= 0, --batch >= 2")
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)

    head = ImageHead(a.map_channels, a.map_normalisation, a.image_head_hidden)
    neural = NeuralTower(neurons, d, heads, mlp, a.map_normalisation, a.neural_residual)
    opt_image = torch.optim.AdamW(head.parameters(), lr=3e-4, weight_decay=5e-5)
    opt_neural = torch.optim.RMSprop(neural.parameters(), lr=5e-5, alpha=0.9)
    features = torch.randn(a.batch, *FEATURES)          # cached frozen-backbone features: no gradient
    responses = torch.rand(a.batch, neurons)

    step = training_step(head, neural, features, responses, opt_image, opt_neural)
    out = {"implementation": "pytorch", "torch": torch.__version__, "case": a.config, "neurons": neurons, "dim": d,
           "heads": heads, "neural_mlp": list(mlp), "batch": a.batch}
    time_and_report(step, warmup, steps, out, a.config, a.json)


if __name__ == "__main__":
    main()
