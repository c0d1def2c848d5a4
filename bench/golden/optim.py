"""Golden files for the optimizers and the plateau scheduler (PyTorch 1.13, CPU, float32, single-tensor path).

Run from anywhere: python3 bench/golden/optim.py
Writes src/test/resources/golden/{adamw,rmsprop,plateau}.json, read by AdamWTest, RmsPropTest and
ReduceLrOnPlateauTest.

Each optimizer case takes one parameter vector through STEPS updates with a fixed gradient sequence and records
the parameters after every step and the optimizer's state buffers after the last one.
"""
import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau

from golden_io import save

N = 37  # not a multiple of any vector length, so the kernels' scalar tails are covered too
STEPS = 5


def start_and_grads(seed):
    g = torch.Generator().manual_seed(seed)
    # magnitudes spread over four decades, so the updates are not lost in the parameters' rounding
    scale = 10.0 ** (torch.rand(N, generator=g) * 3 - 3)
    p0 = torch.randn(N, generator=g) * scale
    grads = torch.randn(STEPS, N, generator=g) * (10.0 ** (torch.rand(STEPS, N, generator=g) * 4 - 3))
    grads[:, 0] = 0.0  # an element that only decays
    grads[2, 1] = 0.0  # a gradient that vanishes for one step
    return p0.float(), grads.float()


def run(p0, grads, make_opt, buffers):
    p = torch.nn.Parameter(p0.clone())
    opt = make_opt([p])
    traj = []
    for k in range(STEPS):
        p.grad = grads[k].clone()
        opt.step()
        traj.append(p.detach().clone())
    state = opt.state[p]
    out = {"params": torch.stack(traj)}
    for b in buffers:
        out[b] = state[b]
    return out


def add_case(doc, name, result):
    for k, v in result.items():
        doc[name + "." + k] = v


def adamw():
    p0, grads = start_and_grads(1)
    doc = {"params0": p0, "grads": grads}
    bufs = ["exp_avg", "exp_avg_sq"]
    add_case(doc, "dina", run(p0, grads, lambda ps: torch.optim.AdamW(ps, lr=3e-4, weight_decay=5e-5, foreach=False), bufs))
    add_case(doc, "defaults", run(p0, grads, lambda ps: torch.optim.AdamW(ps, foreach=False), bufs))
    add_case(doc, "amsgrad", run(p0, grads, lambda ps: torch.optim.AdamW(
        ps, lr=1e-2, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, amsgrad=True, foreach=False), bufs + ["max_exp_avg_sq"]))
    save("adamw", doc)


def rmsprop():
    p0, grads = start_and_grads(2)
    doc = {"params0": p0, "grads": grads}
    add_case(doc, "dina", run(p0, grads, lambda ps: torch.optim.RMSprop(ps, lr=5e-5, alpha=0.9, foreach=False),
                              ["square_avg"]))
    add_case(doc, "defaults", run(p0, grads, lambda ps: torch.optim.RMSprop(ps, foreach=False), ["square_avg"]))
    add_case(doc, "centered_momentum", run(p0, grads, lambda ps: torch.optim.RMSprop(
        ps, lr=1e-3, alpha=0.9, eps=1e-6, weight_decay=1e-2, momentum=0.9, centered=True, foreach=False),
        ["square_avg", "grad_avg", "momentum_buffer"]))
    add_case(doc, "momentum", run(p0, grads, lambda ps: torch.optim.RMSprop(
        ps, lr=1e-3, alpha=0.95, momentum=0.5, foreach=False), ["square_avg", "momentum_buffer"]))
    save("rmsprop", doc)


def losses():
    """A loss curve with plateaus, improvements below the 1e-4 relative threshold, and a late fresh improvement."""
    seq = [1.0, 0.9, 0.8, 0.8, 0.81, 0.79999, 0.8, 0.8, 0.7, 0.7, 0.69999, 0.71, 0.72, 0.7, 0.7, 0.7,
           0.6, 0.61, 0.6, 0.59995, 0.6, 0.6, 0.6, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.45,
           0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]
    return seq


def plateau():
    seq = losses()
    doc = {"n": len(seq)}
    for i, v in enumerate(seq):
        doc["loss.%02d" % i] = v
    cases = {
        "patience3": (1e-3, dict(factor=0.5, patience=3)),
        "cooldown1": (1e-3, dict(factor=0.5, patience=3, cooldown=1)),
        "min_lr": (1e-3, dict(factor=0.5, patience=2, min_lr=2e-4)),
        "tiny_lr": (1e-7, dict(factor=0.5, patience=1)),  # stops when a cut would change lr by less than eps
        "max_abs": (1e-2, dict(mode="max", factor=0.1, patience=2, threshold=0.05, threshold_mode="abs", cooldown=2)),
        "defaults": (1e-3, dict()),
    }
    for name, (lr, kw) in cases.items():
        p = torch.nn.Parameter(torch.zeros(1))
        opt = torch.optim.SGD([p], lr=lr)
        sched = ReduceLROnPlateau(opt, **kw)
        doc[name + ".lr0"] = lr
        for i, v in enumerate(seq):
            sched.step(-v if kw.get("mode") == "max" else v)
            doc[name + ".lr.%02d" % i] = opt.param_groups[0]["lr"]
            doc[name + ".bad.%02d" % i] = sched.num_bad_epochs
    save("plateau", doc)


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    torch.set_num_threads(1)
    adamw()
    rmsprop()
    plateau()
