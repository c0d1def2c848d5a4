"""Golden values for the symmetric InfoNCE loss (CLIP form) as the DINA reference computes it."""
import torch
import torch.nn.functional as F

from golden_io import save

torch.manual_seed(7)
n, d, tau = 6, 20, 0.01
a = F.normalize(torch.randn(n, d), dim=1).requires_grad_()
b = F.normalize(torch.randn(n, d), dim=1).requires_grad_()
logits = a @ b.t() / tau
target = torch.arange(n)
loss = (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target)) / 2
loss.backward()
save("infonce", {"a": a, "b": b, "tau": tau, "loss": loss.item(), "grad_a": a.grad, "grad_b": b.grad})
