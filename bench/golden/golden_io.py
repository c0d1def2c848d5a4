"""Shared writer for golden files: PyTorch tensors -> src/test/resources/golden/<name>.json."""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden")


def save(name, tensors):
    """tensors: dict name -> torch.Tensor or float. Written row-major as float32 values."""
    os.makedirs(OUT, exist_ok=True)
    doc = {}
    for k, v in tensors.items():
        if isinstance(v, torch.Tensor):
            v = v.detach().to(torch.float32).contiguous()
            doc[k] = {"shape": list(v.shape), "data": [float(x) for x in v.reshape(-1).tolist()]}
        else:
            doc[k] = float(v)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
