#!/usr/bin/env python3
"""Writes a large synthetic NWB 2 two-photon session for bench/nwb-stream.sh, a block of samples at a time so that
the writer never holds the recording either: ROIs x seconds x rate float32 dF/F in processing/ophys/DfOverF
(chunked (64 samples, all ROIs), optionally gzip-compressed, as pynwb/neuroconv write them), one natural image
shown per second (118 images of 64x64, as the Allen natural scenes) in an intervals table, the images in
stimulus/templates. Usage: make_big_nwb.py OUT.nwb ROIS SECONDS RATE [none|gzip]"""
import sys, uuid
import numpy as np
import h5py

out, rois, seconds, rate = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
compression = None if len(sys.argv) < 6 or sys.argv[5] == "none" else sys.argv[5]
samples = int(seconds * rate)
rng = np.random.default_rng(2026)
STR = h5py.string_dtype()

def typed(obj, ntype):
    obj.attrs["neurodata_type"] = ntype
    obj.attrs["namespace"] = "core"
    obj.attrs["object_id"] = str(uuid.UUID(int=int(rng.integers(0, 2**62))))
    return obj

k = 118
presentations = int(seconds) - 2
order = np.resize(np.concatenate([rng.permutation(k) for _ in range(presentations // k + 1)]), presentations)
onsets = 1.0 + np.arange(presentations, dtype=np.float64)
tuning = rng.uniform(0, 0.5, (k, rois)).astype(np.float32)

with h5py.File(out, "w") as f:
    typed(f, "NWBFile").attrs["nwb_version"] = "2.7.0"
    f.create_dataset("identifier", data="dina-bench-big", dtype=STR)
    f.create_dataset("session_start_time", data="2026-01-01T12:00:00+00:00", dtype=STR)
    mod = typed(f.create_group("processing/ophys"), "ProcessingModule")
    dff = typed(mod.create_group("DfOverF"), "DfOverF")
    series = typed(dff.create_group("RoiResponseSeries"), "RoiResponseSeries")
    d = series.create_dataset("data", shape=(samples, rois), dtype=np.float32, chunks=(min(64, samples), rois),
                              compression=compression)
    d.attrs["unit"] = "n.a."; d.attrs["conversion"] = np.float32(1); d.attrs["offset"] = np.float32(0)
    st = series.create_dataset("starting_time", data=np.float64(0)); st.attrs["rate"] = np.float32(rate); st.attrs["unit"] = "seconds"
    block = 64 * max(1, int(2e8 // (64 * rois * 4)))   # about 200 MB of samples per write, whole chunks
    for start in range(0, samples, block):
        end = min(samples, start + block)
        t = np.arange(start, end) / rate
        x = rng.standard_normal((end - start, rois), dtype=np.float32) * np.float32(0.05)
        shown = np.searchsorted(onsets, t, side="right") - 1          # the presentation each sample follows
        inside = (shown >= 0) & (t - onsets[np.maximum(shown, 0)] >= 0.1) & (t - onsets[np.maximum(shown, 0)] < 0.6)
        x[inside] += tuning[order[shown[inside]]]
        d[start:end] = x
        print(f"\rwrote {end}/{samples} samples", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    f.require_group("intervals")
    table = typed(f["intervals"].create_group("natural_images_presentations"), "TimeIntervals")
    table.attrs["colnames"] = np.array(["start_time", "stop_time", "image_index"], dtype=object).astype(STR)
    typed(table.create_dataset("id", data=np.arange(presentations)), "ElementIdentifiers")
    typed(table.create_dataset("start_time", data=onsets), "VectorData")
    typed(table.create_dataset("stop_time", data=onsets + 0.5), "VectorData")
    typed(table.create_dataset("image_index", data=order.astype(np.int64)), "VectorData")
    images = typed(f.create_group("stimulus/templates/natural_images"), "Images")
    for i in range(k):
        typed(images.create_dataset("image_%d" % i, data=rng.integers(0, 256, (64, 64), dtype=np.uint8)), "GrayscaleImage")
