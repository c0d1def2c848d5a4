"""Golden values for the optional map-matching loss terms: wr * RMSE + ws * (1 - mean SSIM).

SSIM is the DINA reference's: AvgPool2d(3, 1) window means, C1 = 0.01^2, C2 = 0.03^2, each pixel clamped to [0, 1],
with the release's zero padding (F.avg_pool2d(x, 3, 1, 1), count_include_pad) or the reflect variant
(ReflectionPad2d(1) first); RMSE is sqrt(F.mse_loss(a, b)) over the whole batch. Writes
src/test/resources/golden/map_match.json with both paddings ("zero_", "reflect_") of two cases each: 16x64 maps and
tiny 3x5 maps ("tiny_").
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from golden_io import save

torch.manual_seed(20261126)
C1, C2 = 0.01 ** 2, 0.03 ** 2
reflect_pad, valid_pool = nn.ReflectionPad2d(1), nn.AvgPool2d(3, 1)


def ssim_map(x, y, padding):
    if padding == "zero":
        pool = lambda t: F.avg_pool2d(t, 3, 1, 1)
    else:
        x, y, pool = reflect_pad(x), reflect_pad(y), valid_pool
    mu_x, mu_y = pool(x), pool(y)
    sigma_x = pool(x ** 2) - mu_x ** 2
    sigma_y = pool(y ** 2) - mu_y ** 2
    sigma_xy = pool(x * y) - mu_x * mu_y
    n = (2 * mu_x * mu_y + C1) * (2 * sigma_xy + C2)
    d = (mu_x ** 2 + mu_y ** 2 + C1) * (sigma_x + sigma_y + C2)
    return torch.clamp(n / d, 0, 1)


def maps(*shape):
    """Pairs in [0, 1] that are partly alike, so SSIM takes values across its range and some pixels clamp at 0."""
    smooth = F.interpolate(torch.rand(shape[0], 1, 4, 8), size=shape[2:], mode="bilinear", align_corners=False)
    a = (0.7 * smooth + 0.3 * torch.rand(*shape)).clamp(0, 1)
    b = (0.5 * smooth + 0.5 * torch.rand(*shape)).clamp(0, 1)
    # multiples of 1/1024 are exact in float32 and short in JSON
    return [(t * 1024).round().div(1024).requires_grad_() for t in (a, b)]


wr, ws = 0.7, 1.3
out = {"rmse_weight": wr, "ssim_weight": ws}
for padding, prefix, shape in [(p, q + t, sh) for p, q in (("zero", "zero_"), ("reflect", "reflect_"))
                               for t, sh in (("", (2, 1, 16, 64)), ("tiny_", (2, 1, 3, 5)))]:
    a, b = maps(*shape)
    s = ssim_map(a, b, padding)
    rmse = torch.sqrt(F.mse_loss(a, b))
    ssim = s.mean()
    loss = wr * rmse + ws * (1 - ssim)
    loss.backward()
    out.update({prefix + "a": a, prefix + "b": b, prefix + "ssim_map": s, prefix + "ssim": ssim.item(),
                prefix + "rmse": rmse.item(), prefix + "loss": loss.item(),
                prefix + "grad_a": a.grad, prefix + "grad_b": b.grad})
    print(prefix, "ssim", ssim.item(), "rmse", rmse.item(), "clamped share", (s == 0).float().mean().item())
save("map_match", out)
