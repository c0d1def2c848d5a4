"""A small safetensors file written in Python, for SafeTensorsTest to read (and to re-create byte for byte).

Run from anywhere: python3 bench/golden/safetensors_sample.py
Writes src/test/resources/golden/python_sample.safetensors.

The `safetensors` package is not installed here, so the bytes are laid out by hand as its reference implementation
lays them out: an 8-byte little-endian header length, compact JSON with __metadata__ first and then the tensors in
name order (fields dtype, shape, data_offsets), spaces padding the header to a multiple of 8, then the raw
little-endian data in the same order. When the package is available, the file also loads with
safetensors.numpy.load_file, which this script then checks.
"""
import json
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden", "python_sample.safetensors")

TENSORS = {
    "weight": (np.arange(6, dtype=np.float32) * 0.5 - 1).reshape(2, 3),
    "bias": np.array([1 / 3, -0.0, 1e-40], dtype=np.float32),  # a repeating fraction, negative zero, a subnormal
    "special": np.array([np.inf, -np.inf, np.nan, np.finfo(np.float32).max], dtype=np.float32),
    "scalar": np.array(42.5, dtype=np.float32),
    "empty": np.zeros((0, 5), dtype=np.float32),
}
METADATA = {"format": "np", "source": "bench/golden/safetensors_sample.py"}


def encode(tensors, metadata):
    header = {"__metadata__": dict(sorted(metadata.items()))}
    blobs = []
    at = 0
    for name in sorted(tensors):
        a = np.asarray(tensors[name], dtype="<f4")  # not ascontiguousarray: it turns a 0-d array into 1-d
        b = a.tobytes(order="C")
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [at, at + len(b)]}
        blobs.append(b)
        at += len(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


def main():
    data = encode(TENSORS, METADATA)
    with open(OUT, "wb") as f:
        f.write(data)
    try:
        from safetensors.numpy import load_file
    except ImportError:
        print("safetensors not installed: wrote", os.path.normpath(OUT), len(data), "bytes, unchecked")
        return
    back = load_file(OUT)
    for k, v in TENSORS.items():
        assert back[k].tobytes() == v.astype("<f4").tobytes(), k
    print("wrote and checked", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
