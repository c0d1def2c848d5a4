"""Golden file for the neural tower's token block (org.dina.model.neural).

Per-neuron Linear(1->d) as a broadcast (x_i = r_i E_i + Bt_i), torch.nn.MultiheadAttention(d, heads,
batch_first=True) over the N neuron tokens, per-neuron Linear(d->1) (y_i = U_i . z_i + T_i).
Writes src/test/resources/golden/neural_attention_h{heads}.json with the parameters (under the Java names),
the input r, the probe weights w, the output y and the gradients of L = sum(w * y) with respect to r and
every parameter ("grad.<name>"). Parameters are drawn in float32, then the whole computation runs in float64
so the file holds the exact answer for those float32 values.

Run: python3 bench/golden/neural_attention.py  (the system Python, which has PyTorch 1.13)
"""
import torch

from golden_io import save

N, D, B = 12, 16, 3


def make(heads, seed):
    g = torch.Generator().manual_seed(seed)

    def uni(shape, bound):
        return ((torch.rand(shape, generator=g) * 2 - 1) * bound).float()

    mha = torch.nn.MultiheadAttention(D, heads, batch_first=True)
    params = {
        "neural.embed.weight": uni((N, D), 1.0),
        "neural.embed.bias": uni((N, D), 1.0),
        "neural.attn.in_proj_weight": mha.in_proj_weight.detach().clone(),
        # non-zero biases so that every gradient path is exercised
        "neural.attn.in_proj_bias": uni((3 * D,), 0.3),
        "neural.attn.out_proj.weight": mha.out_proj.weight.detach().clone(),
        "neural.attn.out_proj.bias": uni((D,), 0.3),
        "neural.readout.weight": uni((N, D), D ** -0.5),
        "neural.readout.bias": uni((N,), D ** -0.5),
    }
    r = torch.rand((B, N), generator=g).float()
    w = (torch.rand((B, N), generator=g) * 2 - 1).float()

    mha = mha.double()
    with torch.no_grad():
        mha.in_proj_weight.copy_(params["neural.attn.in_proj_weight"].double())
        mha.in_proj_bias.copy_(params["neural.attn.in_proj_bias"].double())
        mha.out_proj.weight.copy_(params["neural.attn.out_proj.weight"].double())
        mha.out_proj.bias.copy_(params["neural.attn.out_proj.bias"].double())
    e = params["neural.embed.weight"].double().requires_grad_()
    bt = params["neural.embed.bias"].double().requires_grad_()
    u = params["neural.readout.weight"].double().requires_grad_()
    t = params["neural.readout.bias"].double().requires_grad_()
    rr = r.double().requires_grad_()

    x = rr[:, :, None] * e[None] + bt[None]
    z, attn = mha(x, x, x, need_weights=True, average_attn_weights=False)
    y = (z * u[None]).sum(-1) + t[None]
    (w.double() * y).sum().backward()

    out = dict(params)
    out["r"] = r
    out["w"] = w
    out["y"] = y
    out["attention"] = attn[0]  # [heads, N, N] of the first sample
    out["grad.r"] = rr.grad
    out["grad.neural.embed.weight"] = e.grad
    out["grad.neural.embed.bias"] = bt.grad
    out["grad.neural.attn.in_proj_weight"] = mha.in_proj_weight.grad
    out["grad.neural.attn.in_proj_bias"] = mha.in_proj_bias.grad
    out["grad.neural.attn.out_proj.weight"] = mha.out_proj.weight.grad
    out["grad.neural.attn.out_proj.bias"] = mha.out_proj.bias.grad
    out["grad.neural.readout.weight"] = u.grad
    out["grad.neural.readout.bias"] = t.grad
    save("neural_attention_h%d" % heads, out)


if __name__ == "__main__":
    torch.manual_seed(0)
    make(1, 101)
    make(2, 202)
