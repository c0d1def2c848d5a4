"""The released DINA towers rebuilt in PyTorch from their published architecture (docs/reference.md).

Module and parameter names are the release's, so `state_dict()` keys are the release's keys and a file written by
`./dina export --format release` loads with `load_state_dict` (the image tower with strict=False: the release's
DSNetSingleStage also holds stages 3-4 and a classifier, which the alignment never uses and which are not built
here). The quirks are kept: the cross-attention's `(attn @ v).transpose(1, 2).reshape(B, N, C)` on 3-D tensors
(pass clean=True for each token's own result instead), the cross-attention's scale taken from the head count while
it attends with one head, nearest resizing of the attention stream, no residual or nonlinearity in the neural
tower, per-sample min-max maps.

Used by the golden scripts (bench/golden/towers_e2e.py) and by the export test (bench/golden/check_export.py).
Run under the system Python, which has PyTorch 1.13: /usr/bin/python3.
"""
import torch
import torch.nn.functional as F
from torch import nn

MAP_H, MAP_W = 16, 64
MINMAX_EPS = 1e-8  # the release divides by (max - min + 1e-8)


def min_max(x):
    """Per-sample min-max scaling to [0, 1] over every element of each sample."""
    flat = x.reshape(x.shape[0], -1)
    lo = flat.min(dim=1, keepdim=True).values
    hi = flat.max(dim=1, keepdim=True).values
    return ((flat - lo) / (hi - lo + MINMAX_EPS)).reshape(x.shape)


def to_map(x):
    """[B, 1, h, w] -> the release's alignment map [B, 1, 16, 64]: bilinear resize, then per-sample min-max."""
    return min_max(F.interpolate(x, size=(MAP_H, MAP_W), mode="bilinear", align_corners=False))


class PatchEmbed(nn.Module):
    def __init__(self, cin, cout, size):
        super().__init__()
        self.proj = nn.Conv2d(cin, cout, size, stride=size)

    def forward(self, x):
        return self.proj(x)


class Mlp(nn.Module):
    """DS-Net's convolutional MLP: 1x1 conv C -> 4C, GELU, 1x1 conv 4C -> C."""

    def __init__(self, dim):
        super().__init__()
        self.fc1 = nn.Conv2d(dim, 4 * dim, 1)
        self.act = nn.GELU()
        self.fc2 = nn.Conv2d(4 * dim, dim, 1)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


def self_attention(qkv, heads):
    """DS-Net's Attention_pure on fused projections [B, N, 3C]: per-head attention, no output projection."""
    b, n, c3 = qkv.shape
    c = c3 // 3
    qkv = qkv.reshape(b, n, 3, heads, c // heads).permute(2, 0, 3, 1, 4)
    q, k, v = qkv[0], qkv[1], qkv[2]
    attn = ((q @ k.transpose(-2, -1)) * (c // heads) ** -0.5).softmax(dim=-1)
    return (attn @ v).transpose(1, 2).reshape(b, n, c)


def cross_attention(q, k, v, scale, clean):
    """DS-Net's Cross_Attention_pure on 3-D [B, N, C] tensors: one head over all C channels."""
    attn = ((q @ k.transpose(-2, -1)) * scale).softmax(dim=-1)
    out = attn @ v
    if clean:
        return out
    b, n, c = q.shape[0], q.shape[1], v.shape[2]
    # the release's line: on a 3-D tensor the transpose gives [B, C, N] and reshape reads that memory as [B, N, C]
    return out.transpose(1, 2).reshape(b, n, c)


class MixBlock(nn.Module):
    def __init__(self, dim, heads, downsample, clean=False):
        super().__init__()
        half = dim // 2
        self.half, self.heads, self.downsample, self.clean = half, heads, downsample, clean
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
        self.mlp = Mlp(dim)

    def forward(self, x):
        b, _, h, w = x.shape
        half = self.half
        x = x + self.pos_embed(x)
        residual = x
        x = self.conv1(self.norm1(x))
        sa, conv = x[:, :half], x[:, half:]
        conv = conv + self.conv(self.norm_conv1(conv))
        hs, ws = max(1, h // self.downsample), max(1, w // self.downsample)
        sa = F.interpolate(sa, size=(hs, ws), mode="nearest").flatten(2).transpose(1, 2)
        sa = sa + self_attention(self.channel_up(self.norm_sa1(sa)), self.heads)
        conv_qkv = self.cross_channel_up_conv(self.norm_conv2(conv)).flatten(2).transpose(1, 2)
        sa_qkv = self.cross_channel_up_sa(self.norm_sa2(sa))
        cq, ck, cv = conv_qkv.split(half, dim=-1)
        sq, sk, sv = sa_qkv.split(half, dim=-1)
        # one head, but the scale the release computes from the head count
        scale = (half // self.heads) ** -0.5
        conv_out = self.fuse_channel_conv(cross_attention(cq, sk, sv, scale, self.clean))
        sa_out = self.fuse_channel_sa(cross_attention(sq, ck, cv, scale, self.clean))
        conv_map = conv_out.transpose(1, 2).reshape(b, half, h, w)
        sa_map = F.interpolate(sa_out.transpose(1, 2).reshape(b, half, hs, ws), size=(h, w), mode="nearest")
        x = residual + self.conv2(torch.cat([conv_map, sa_map], dim=1))
        return x + self.mlp(self.norm2(x))


class Backbone(nn.Module):
    """DS-Net-small stages 1-2 under the release's names (patch_embed1, blocks1, patch_embed2, blocks2)."""

    def __init__(self, clean=False):
        super().__init__()
        self.patch_embed1 = PatchEmbed(1, 64, 4)
        self.blocks1 = nn.ModuleList([MixBlock(64, 1, 8, clean) for _ in range(3)])
        self.patch_embed2 = PatchEmbed(64, 128, 2)
        self.blocks2 = nn.ModuleList([MixBlock(128, 2, 4, clean) for _ in range(4)])

    def forward(self, x):
        x = self.patch_embed1(x)
        for blk in self.blocks1:
            x = blk(x)
        x = self.patch_embed2(x)
        for blk in self.blocks2:
            x = blk(x)
        return x


class DSNetSingleStage(nn.Module):
    """The release's image tower (stage=2, block=4): backbone tap, 1x1 head my_conv, 16x64 min-max map.

    frozen=True is what the release trains: the tap is detached, so only my_conv learns. BatchNorm follows the
    module's train()/eval() state; `backbone_eval()` puts only the backbone's BatchNorms on running statistics.
    """

    def __init__(self, clean=False, frozen=False):
        super().__init__()
        self.base = Backbone(clean)
        self.my_conv = nn.Conv2d(128, 1, 1)
        self.frozen = frozen

    def features(self, images):
        """Backbone output [B, 128, h, w]; the release zero-pads images of fewer than 68 rows (callers pass 68)."""
        return self.base(images)

    def forward(self, images):
        f = self.features(images)
        if self.frozen:
            f = f.detach()
        return to_map(self.my_conv(f))

    def backbone_eval(self):
        for m in self.base.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.eval()
        return self


class PerNeuron(nn.Module):
    """N separate Linear layers, one per neuron (the release's `embedding_layers`)."""

    def __init__(self, neurons, cin, cout):
        super().__init__()
        self.embedding_layers = nn.ModuleList([nn.Linear(cin, cout) for _ in range(neurons)])

    def forward(self, x):
        # x [B, N, cin] -> [B, N, cout]; the stacked weights compute the same as N separate calls, faster
        w = torch.stack([l.weight for l in self.embedding_layers])  # [N, cout, cin]
        b = torch.stack([l.bias for l in self.embedding_layers])  # [N, cout]
        return torch.einsum("bni,noi->bno", x, w) + b


class MultiHeadAttention(nn.Module):
    """The release's attention: four nn.Linear(d, d) (w_q, w_k, w_v, w_concat), scaled dot product per head."""

    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.w_q, self.w_k, self.w_v, self.w_concat = (nn.Linear(d, d) for _ in range(4))

    def forward(self, x):
        b, n, d = x.shape
        dh = d // self.heads

        def split(t):
            return t.view(b, n, self.heads, dh).transpose(1, 2)

        q, k, v = split(self.w_q(x)), split(self.w_k(x)), split(self.w_v(x))
        attn = ((q @ k.transpose(2, 3)) / dh ** 0.5).softmax(dim=-1)
        return self.w_concat((attn @ v).transpose(1, 2).contiguous().view(b, n, d))


class AttentionWithNoDeconvPos(nn.Module):
    """The release's neural tower: per-neuron Linear(1->d), attention over neurons, per-neuron Linear(d->1),
    linear MLP N -> 2048 -> 512 -> 256 (no nonlinearities), 8x32 -> 16x64 min-max map. The release computes a
    positional encoding and never adds it, so it is absent here."""

    def __init__(self, neurons, d=512, heads=1, mlp=(2048, 512, 256)):
        super().__init__()
        self.embedding = PerNeuron(neurons, 1, d)
        self.attention = MultiHeadAttention(d, heads)
        self.ff = PerNeuron(neurons, d, 1)
        dims = [neurons] + list(mlp)
        self.ff1 = nn.Sequential(*[nn.Linear(dims[i], dims[i + 1]) for i in range(len(mlp))])

    def forward(self, r):
        z = self.attention(self.embedding(r[:, :, None]))
        y = self.ff(z)[:, :, 0]
        return to_map(self.ff1(y).reshape(r.shape[0], 1, 8, 32))


def info_nce(image_maps, neural_maps, tau=0.01):
    """CLIP-style symmetric InfoNCE on flattened, L2-normalised maps, fixed temperature."""
    a = F.normalize(image_maps.reshape(image_maps.shape[0], -1), dim=1)
    b = F.normalize(neural_maps.reshape(neural_maps.shape[0], -1), dim=1)
    logits = a @ b.t() / tau
    target = torch.arange(a.shape[0])
    return (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target)) / 2
