"""Loads `dina export --format release` files into the release's own modules (release_model.py) and compares their
maps with `dina maps` output on the same inputs.

Usage: /usr/bin/python3 bench/golden/check_export.py EXPORT_DIR MAPS_DIR [--clean] [--tol 1e-4]
Prints one line `max_dev image=<d> neural=<d>` and exits 0 when both are within the tolerance, 1 otherwise, 2 when
the files do not load (missing or unexpected keys beyond the release's unused stages 3-4 and classifier).

Uses safetensors.torch when installed; otherwise reads the files with the small reader below (F32 and I64 only),
so it needs nothing beyond PyTorch and NumPy.
"""
import json
import os
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from release_model import AttentionWithNoDeconvPos, DSNetSingleStage  # noqa: E402

DTYPES = {"F32": np.float32, "I64": np.int64}


def load_safetensors(path):
    try:
        from safetensors.torch import load_file
        return load_file(path)
    except ImportError:
        pass
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        b, e = v["data_offsets"]
        arr = np.frombuffer(data[b:e], dtype=DTYPES[v["dtype"]]).reshape(v["shape"])
        out[k] = torch.from_numpy(arr.copy())
    return out


def main():
    args = sys.argv[1:]
    clean = "--clean" in args
    tol = float(args[args.index("--tol") + 1]) if "--tol" in args else 1e-4
    export_dir, maps_dir = args[0], args[1]
    image_sd = load_safetensors(os.path.join(export_dir, "image_tower.safetensors"))
    neural_sd = load_safetensors(os.path.join(export_dir, "neural_tower.safetensors"))
    neurons = sum(1 for k in neural_sd if k.startswith("embedding.embedding_layers.") and k.endswith(".weight"))
    d = neural_sd["attention.w_q.weight"].shape[0]

    image = DSNetSingleStage(clean=clean)
    res = image.load_state_dict(image_sd, strict=False)
    # the full release also has stages 3-4 and a classifier: those may be missing from an export, nothing else may
    if res.missing_keys or res.unexpected_keys:
        print("image tower does not load: missing %s unexpected %s" % (res.missing_keys[:5], res.unexpected_keys[:5]))
        sys.exit(2)
    neural = AttentionWithNoDeconvPos(neurons, d)
    neural.load_state_dict(neural_sd, strict=True)
    image.eval()
    neural.eval()

    image_inputs = torch.from_numpy(np.load(os.path.join(maps_dir, "image_inputs.npy")))
    neural_inputs = torch.from_numpy(np.load(os.path.join(maps_dir, "neural_inputs.npy")))
    with torch.no_grad():
        image_maps = torch.cat([image(image_inputs[i:i + 16]) for i in range(0, len(image_inputs), 16)])[:, 0]
        neural_maps = torch.cat([neural(neural_inputs[i:i + 16]) for i in range(0, len(neural_inputs), 16)])[:, 0]
    dev_image = float((image_maps - torch.from_numpy(np.load(os.path.join(maps_dir, "image_maps.npy")))).abs().max())
    dev_neural = float((neural_maps - torch.from_numpy(np.load(os.path.join(maps_dir, "neural_maps.npy")))).abs().max())
    print("max_dev image=%.3e neural=%.3e images=%d trials=%d" % (dev_image, dev_neural, len(image_inputs), len(neural_inputs)))
    sys.exit(0 if dev_image <= tol and dev_neural <= tol else 1)


if __name__ == "__main__":
    main()
