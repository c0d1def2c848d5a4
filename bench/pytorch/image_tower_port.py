#!/usr/bin/python3
"""DINA joint training step in PyTorch: the port that `dina bench train --case joint` is compared with.

The same model and step as org.dina.perf.TrainStepBenchmark times on the JVM for the `joint` case, with the image
tower as released trained end to end instead of cached frozen features:
  * image tower: DS-Net-small stages 1-2 up to the alignment tap on [B, 1, 68, 270] grayscale images
    (patch_embed1 4x4/4 -> 3 MixBlocks(64, 1 head, downsample 8); patch_embed2 2x2/2 -> 4 MixBlocks(128, 2 heads,
    downsample 4); tap [B, 128, 8, 33]), then the 1x1 conv head to one channel, bilinear resize to 16x64,
    per-sample min-max, L2 normalisation; BatchNorm in training mode;
  * neural tower: the one of dina_port.py (per-neuron embeddings as broadcast ops, nn.MultiheadAttention over the
    neuron tokens, linear MLP, map head);
  * symmetric InfoNCE with fixed tau = 0.1;
  * AdamW(lr 3e-4, weight decay 5e-5) on the image tower and head, RMSprop(lr 3e-3, alpha 0.9) on the neural tower.
One timed step = zero the gradients, forward, backward, both optimiser steps. Inputs are random, of the right
shapes (images standard normal, responses uniform in [0, 1], as on the JVM side); the median over the timed steps
is reported.

Attention matmuls: torch.matmul on 3-D/4-D tensors (it dispatches to bmm). Measured in this build (PyTorch 1.13.1
from Debian, 2 threads, OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset, batch 128, medians of 9, forward q@k^T then @v):
                                    bmm      loop of mm   torch.matmul   einsum
  stage 1, conv->sa 1139x16, c 32   45.8 ms  51.0 ms      45.7 ms        45.9 ms
  stage 1, sa->conv 16x1139, c 32   44.9 ms  44.9 ms      44.4 ms        44.4 ms
  stage 2, conv->sa  264x16, c 64   21.4 ms  22.1 ms      21.2 ms        21.3 ms
  stage 2, sa->conv  16x264, c 64   20.9 ms  21.3 ms      20.9 ms        21.0 ms
  sa self-attention   16x16, c 32    0.81 ms  1.21 ms      0.82 ms        0.84 ms
so on these shapes bmm is not slower than a loop of mm (the loop is 0-50% slower); matmul/bmm win, by a hair over
einsum. Softmax runs at about 1.7 G elements/s here ([128, 1139, 16] in 1.34 ms), so it is no bottleneck.
Other alternatives measured on the whole step (batch 128, 1 warm-up, median of 2):
  * NCHW (contiguous) tensors: 7.7 s/step; channels_last model and input: 8.6 s/step (fastest 7.4 against 7.3),
    so the port stays NCHW;
  * glibc malloc as configured by default: 26.5 s/step (sys time 61 s), because the large activations are
    returned to the kernel and page-faulted back every step; with MALLOC_MMAP_THRESHOLD_/MALLOC_TRIM_THRESHOLD_
    16 GB and MALLOC_TOP_PAD_ 1 GB: 7.7 s/step (sys time 9 s). bench/vs-pytorch.sh joint sets them.

Run with the system Python, which has torch, and the malloc settings above:
  MALLOC_MMAP_THRESHOLD_=17179869184 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_TOP_PAD_=1073741824 \
  /usr/bin/python3 bench/pytorch/image_tower_port.py
bench/vs-pytorch.sh joint runs it with the JVM run's shapes and step counts.
"""
import argparse
import os
import sys

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    sys.exit("image_tower_port.py: PyTorch is not installed for " + sys.executable
             + " (install it, e.g. apt-get install python3-torch, or run with /usr/bin/python3)")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dina_port import NeuralTower, map_head, time_and_report, training_step  # noqa: E402  shared with the frozen-mode port

IMAGE = (1, 68, 270)
TAU = 0.1


class MixBlock(nn.Module):
    """DS-Net MixBlock as released: a conv stream and a downsampled attention stream, cross attention between them."""

    def __init__(self, dim, heads, downsample):
        super().__init__()
        half = dim // 2
        self.heads, self.ds, self.half = heads, downsample, half
        self.pos_embed = nn.Conv2d(dim, dim, 3, padding=1, groups=dim)
        self.norm1 = nn.BatchNorm2d(dim)
        self.conv1 = nn.Conv2d(dim, dim, 1)
        self.norm_conv1 = nn.BatchNorm2d(half)
        self.conv = nn.Conv2d(half, half, 3, padding=1, groups=half)
        self.norm_sa1 = nn.LayerNorm(half)
        self.channel_up = nn.Linear(half, 3 * half)
        self.norm_conv2 = nn.BatchNorm2d(half)
        self.cross_channel_up_conv = nn.Conv2d(half, 3 * half, 1)
        self.norm_sa2 = nn.LayerNorm(half)
        self.cross_channel_up_sa = nn.Linear(half, 3 * half)
        self.fuse_channel_conv = nn.Linear(half, half)
        self.fuse_channel_sa = nn.Linear(half, half)
        self.conv2 = nn.Conv2d(dim, dim, 1)
        self.norm2 = nn.BatchNorm2d(dim)
        self.fc1 = nn.Conv2d(dim, 4 * dim, 1)
        self.act = nn.GELU()
        self.fc2 = nn.Conv2d(4 * dim, dim, 1)

    def forward(self, x):
        B, C, H, W = x.shape
        half, h = self.half, self.heads
        x = x + self.pos_embed(x)
        residual = x
        x = self.conv1(self.norm1(x))
        sa, conv = x[:, :half], x[:, half:]
        conv = conv + self.conv(self.norm_conv1(conv))

        hs, ws = max(H // self.ds, 1), max(W // self.ds, 1)
        sa = F.interpolate(sa, size=(hs, ws), mode="nearest")
        sa = sa.flatten(2).transpose(1, 2)                                   # [B, Ns, half]
        Ns = sa.shape[1]
        qkv = self.channel_up(self.norm_sa1(sa)).reshape(B, Ns, 3, h, half // h).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]                                      # [B, h, Ns, half/h]
        attn = torch.matmul(q, k.transpose(-2, -1)) * (half // h) ** -0.5
        sa = sa + torch.matmul(attn.softmax(dim=-1), v).transpose(1, 2).reshape(B, Ns, half)

        # cross attention: one head over all half channels, scaled as if it had h heads
        N = H * W
        scale = (half // h) ** -0.5
        cqkv = self.cross_channel_up_conv(self.norm_conv2(conv)).flatten(2).transpose(1, 2)   # [B, N, 3 half]
        conv_q, conv_k, conv_v = cqkv.split(half, dim=-1)
        sqkv = self.cross_channel_up_sa(self.norm_sa2(sa))                                   # [B, Ns, 3 half]
        sa_q, sa_k, sa_v = sqkv.split(half, dim=-1)
        attn = (torch.matmul(conv_q, sa_k.transpose(-2, -1)) * scale).softmax(dim=-1)         # [B, N, Ns]
        conv = torch.matmul(attn, sa_v).transpose(1, 2).reshape(B, N, half)  # as released: scrambles tokens/channels
        conv = self.fuse_channel_conv(conv).transpose(1, 2).reshape(B, half, H, W)
        attn = (torch.matmul(sa_q, conv_k.transpose(-2, -1)) * scale).softmax(dim=-1)         # [B, Ns, N]
        sa = torch.matmul(attn, conv_v).transpose(1, 2).reshape(B, Ns, half)
        sa = self.fuse_channel_sa(sa).transpose(1, 2).reshape(B, half, hs, ws)
        sa = F.interpolate(sa, size=(H, W), mode="nearest")

        x = residual + self.conv2(torch.cat([conv, sa], dim=1))
        return x + self.fc2(self.act(self.fc1(self.norm2(x))))


class ImageTower(nn.Module):
    """DS-Net-small stages 1-2 to the alignment tap, then the 1x1 head to one channel and the map head."""

    def __init__(self):
        super().__init__()
        self.patch_embed1 = nn.Conv2d(1, 64, kernel_size=4, stride=4)
        self.stage1 = nn.Sequential(*[MixBlock(64, 1, 8) for _ in range(3)])
        self.patch_embed2 = nn.Conv2d(64, 128, kernel_size=2, stride=2)
        self.stage2 = nn.Sequential(*[MixBlock(128, 2, 4) for _ in range(4)])
        self.head = nn.Conv2d(128, 1, kernel_size=1)

    def forward(self, images):
        x = self.stage1(self.patch_embed1(images))          # [B, 64, 17, 67]
        x = self.stage2(self.patch_embed2(x))               # [B, 128, 8, 33]: the alignment tap
        return map_head(self.head(x))


def info_nce(za, zb):
    logits = za @ zb.t() / TAU
    labels = torch.arange(za.shape[0])
    return 0.5 * (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--neurons", type=int, default=500)
    p.add_argument("--dim", type=int, default=16)
    p.add_argument("--heads", type=int, default=1)
    p.add_argument("--mlp", default="256", help="neural MLP widths, comma-separated, ending in 256")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--warmup", type=int, default=1, help="untimed steps first")
    p.add_argument("--steps", type=int, default=2, help="timed steps")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    a = p.parse_args()
    mlp = tuple(int(w) for w in a.mlp.split(","))
    if mlp[-1] != 256 or a.dim % a.heads:
        sys.exit("image_tower_port.py: --mlp must end in 256 and --dim must be a multiple of --heads")
    if a.steps < 1 or a.warmup < 0 or a.batch < 2:
        sys.exit("image_tower_port.py: needs --steps >= 1, --warmup >= 0, --batch >= 2")
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)

    image, neural = ImageTower(), NeuralTower(a.neurons, a.dim, a.heads, mlp)
    image.train()
    neural.train()
    opt_image = torch.optim.AdamW(image.parameters(), lr=3e-4, weight_decay=5e-5)
    opt_neural = torch.optim.RMSprop(neural.parameters(), lr=3e-3, alpha=0.9)
    images = torch.randn(a.batch, *IMAGE)  # standard normal, as on the JVM side
    responses = torch.rand(a.batch, a.neurons)

    step = training_step(image, neural, images, responses, opt_image, opt_neural)
    out = {"implementation": "pytorch", "torch": torch.__version__, "case": "joint", "neurons": a.neurons,
           "dim": a.dim, "heads": a.heads, "neural_mlp": list(mlp), "batch": a.batch, "image_tower": "joint"}
    time_and_report(step, a.warmup, a.steps, out, "joint", a.json)


if __name__ == "__main__":
    main()
