#!/usr/bin/env python3
"""Writes tiny MATLAB 7.3 files (HDF5 behind a 512-byte MATLAB header, arrays stored transposed with a
MATLAB_class attribute, as MATLAB and hdf5storage write them) for the format reader tests. Only h5py and numpy.
Run with Debian's python3:  /usr/bin/python3 make_mat73.py mat73/"""
import os, sys
import numpy as np
import h5py

out = sys.argv[1] if len(sys.argv) > 1 else "mat73"
os.makedirs(out, exist_ok=True)

def savemat73(path, variables, compress=False):
    with h5py.File(path, "w", userblock_size=512, libver="earliest") as f:
        for name, a in variables.items():
            a = np.asarray(a)
            cls = {"float64": "double", "float32": "single", "uint8": "uint8"}[str(a.dtype)]
            kw = dict(compression="gzip", chunks=True) if compress else {}
            d = f.create_dataset(name, data=a.T, **kw)  # MATLAB's column-major array, seen by HDF5 reversed
            d.attrs["MATLAB_class"] = np.bytes_(cls)
    header = b"MATLAB 7.3 MAT-file, Platform: test, Created by make_mat73.py HDF5 schema 1.00 ."
    header = header.ljust(116, b" ") + b"\0" * 8 + b"\x00\x02IM"
    with open(path, "r+b") as f:
        f.write(header.ljust(512, b"\0"))

# images [3, 4, 5] (MATLAB order), value 100*k + 10*r + c; responses [3, 2], value 10*k + j
images = np.array([[[100 * k + 10 * r + c for c in range(5)] for r in range(4)] for k in range(3)], dtype=np.float64)
responses = np.array([[10 * k + j for j in range(2)] for k in range(3)], dtype=np.float64)
savemat73(os.path.join(out, "images.mat"), {"images": images})
savemat73(os.path.join(out, "responses.mat"), {"responses": responses}, compress=True)
# natimg2800-style uint8 images [2, 3, 4] (H, W, K): value 10*k + 3*r + c
imgs = np.array([[[10 * k + 3 * r + c for k in range(4)] for c in range(3)] for r in range(2)], dtype=np.uint8)
savemat73(os.path.join(out, "imgs_uint8.mat"), {"imgs": imgs, "single": np.float32([[1.5, 2.5]])})
print("wrote", out)
