#!/usr/bin/env python3
"""Writes small NWB files for the NWB reader tests, with h5py, following the layouts real files have:

* NWB 2.x as pynwb writes them (DANDI): every object carries neurodata_type, namespace and object_id; a
  RoiResponseSeries keeps `timestamps` or `starting_time` with a `rate` attribute; DynamicTables (TimeIntervals)
  list their columns in `colnames`, and a ragged column `x` comes with its `x_index` (VectorIndex) of row ends;
  IndexSeries link to their templates with HDF5 soft links; Images groups order their members with
  `order_of_images` (object references).
* The NWB 1.0 files of the Allen Brain Observatory Visual Coding cache (ophys_experiment_*.nwb), at the paths the
  AllenSDK (allensdk/core/brain_observatory_nwb_data_set.py) reads: traces [cells, time] at
  processing/brain_observatory_pipeline/DfOverF/imaging_plane_1/{data,timestamps}, the natural-scenes frame index
  per presentation (-1 = blank) at stimulus/presentation/natural_scenes_stimulus/{data,timestamps,frame_duration},
  the scenes at stimulus/templates/natural_scenes_image_stack/data [scenes, height, width] (float32 holding 0..255).

The signals are synthetic; the layout is the real one. manifest.json holds what the reader must reproduce, computed
here by the rule the reader documents: the trial response of ROI j to a presentation with onset o is the mean of
its samples with o + w0 <= t < o + w1, minus the mean over o + b0 <= t < o + b1 when a baseline is given.
Run with Debian's python3:  /usr/bin/python3 make_nwb.py nwb/"""
import json, os, sys, uuid
import numpy as np
import h5py

out = sys.argv[1] if len(sys.argv) > 1 else "nwb"
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(15)
uid = lambda: str(uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | int(rng.integers(0, 2**63))))
STR = h5py.string_dtype()

def typed(obj, ntype, namespace="core", **attrs):
    obj.attrs["neurodata_type"] = ntype
    obj.attrs["namespace"] = namespace
    obj.attrs["object_id"] = uid()
    for k, v in attrs.items():
        obj.attrs[k] = v
    return obj

def nwb2_file(path, subject=None):
    f = h5py.File(path, "w")
    typed(f, "NWBFile", nwb_version="2.7.0")
    f.create_dataset("identifier", data="fixture-" + os.path.basename(path), dtype=STR)
    f.create_dataset("session_description", data="synthetic ophys session for reader tests", dtype=STR)
    f.create_dataset("session_start_time", data="2024-01-01T12:00:00+00:00", dtype=STR)
    f.create_dataset("timestamps_reference_time", data="2024-01-01T12:00:00+00:00", dtype=STR)
    f.create_dataset("file_create_date", data=["2024-01-01T12:00:00+00:00"], dtype=STR)
    for g in ["acquisition", "analysis", "intervals", "processing", "stimulus/presentation", "stimulus/templates",
              "general/optophysiology"]:
        f.require_group(g)
    if subject is not None:
        sub = typed(f["general"].create_group("subject"), "Subject")
        sub.create_dataset("subject_id", data=subject, dtype=STR)
        sub.create_dataset("species", data="Mus musculus", dtype=STR)
    return f

def plane_segmentation(seg, name, n):
    ps = typed(seg.create_group(name), "PlaneSegmentation", description="ROIs", colnames=np.array(["image_mask"], dtype=object))
    ps.attrs.modify("colnames", np.array(["image_mask"], dtype=STR))
    typed(ps.create_dataset("id", data=np.arange(n)), "ElementIdentifiers")
    masks = np.zeros((n, 4, 4), np.float32)
    for j in range(n):
        masks[j, j % 4, (j // 4) % 4] = 1
    typed(ps.create_dataset("image_mask", data=masks), "VectorData", description="ROI masks")
    return ps

def roi_series(parent, name, data, ps, timestamps=None, start=None, rate=None, conversion=1.0, offset=0.0):
    g = typed(parent.create_group(name), "RoiResponseSeries", description="dF/F of " + name, comments="no comments")
    d = g.create_dataset("data", data=data, chunks=(min(64, data.shape[0]), data.shape[1]), compression="gzip")
    d.attrs["unit"] = "n.a."
    d.attrs["conversion"] = np.float32(conversion)
    d.attrs["offset"] = np.float32(offset)
    d.attrs["resolution"] = np.float32(-1.0)
    if timestamps is not None:
        t = g.create_dataset("timestamps", data=timestamps)
        t.attrs["interval"] = np.int32(1)
        t.attrs["unit"] = "seconds"
    else:
        s = g.create_dataset("starting_time", data=np.float64(start))
        s.attrs["rate"] = np.float32(rate)
        s.attrs["unit"] = "seconds"
    r = typed(g.create_dataset("rois", data=np.arange(data.shape[1])), "DynamicTableRegion", description="ROIs")
    r.attrs["table"] = ps.ref
    return g

def vector(table, name, data, ntype="VectorData", **kw):
    return typed(table.create_dataset(name, data=data, **kw), ntype, description=name)

def intervals_table(f, name, start, stop, image_col, images, ragged_image=False, tags=True):
    t = typed(f["intervals"].create_group(name), "TimeIntervals", description="presentations of " + name)
    cols = ["start_time", "stop_time", image_col] + (["tags"] if tags else [])
    t.attrs["colnames"] = np.array(cols, dtype=object).astype(STR)
    t.attrs.modify("colnames", np.array(cols, dtype=STR))
    typed(t.create_dataset("id", data=np.arange(len(start))), "ElementIdentifiers")
    vector(t, "start_time", np.asarray(start, np.float64))
    vector(t, "stop_time", np.asarray(stop, np.float64))
    if ragged_image:
        # one element per row, still ragged on disk: the reader must go through image_col_index
        col = vector(t, image_col, np.asarray(images, np.int64))
        idx = vector(t, image_col + "_index", np.arange(1, len(images) + 1, dtype=np.uint32), "VectorIndex")
        idx.attrs["target"] = col.ref
    else:
        vector(t, image_col, np.asarray(images, np.int64))
    if tags:
        # a ragged text column of 0, 1 or 2 tags per row: a column the reader must not take for the image index
        words, ends = [], []
        for i in range(len(start)):
            words += ["natural"] * (i % 3 == 1) + ["repeat", "image"][: i % 3]
            ends.append(len(words))
        col = vector(t, "tags", np.array(words, dtype=object), dtype=STR)
        idx = vector(t, "tags_index", np.asarray(ends, np.uint32), "VectorIndex")
        idx.attrs["target"] = col.ref
    return t

def images_group(f, name, stack):
    g = typed(f["stimulus/templates"].create_group(name), "Images", description="the presented images")
    refs = []
    for k in range(stack.shape[0]):
        d = typed(g.create_dataset("image_%d" % k, data=stack[k]), "GrayscaleImage", description="image %d" % k)
        refs.append(d.ref)
    typed(g.create_dataset("order_of_images", data=np.array(refs, dtype=h5py.ref_dtype)), "ImageReferences",
          description="order of the images")
    return g

def index_series(f, name, idx, onsets, target, link="indexed_images"):
    g = typed(f["stimulus/presentation"].create_group(name), "IndexSeries", description="image shown")
    d = g.create_dataset("data", data=np.asarray(idx, np.uint32))
    d.attrs["unit"] = "N/A"; d.attrs["conversion"] = np.float32(1); d.attrs["offset"] = np.float32(0)
    d.attrs["resolution"] = np.float32(-1)
    t = g.create_dataset("timestamps", data=np.asarray(onsets, np.float64))
    t.attrs["interval"] = np.int32(1); t.attrs["unit"] = "seconds"
    g[link] = h5py.SoftLink(target)
    return g

# --- the synthetic experiment: K images, R repeats, one presentation per second from 2 s on -----------------------
def experiment(k, r, seed):
    g = np.random.default_rng(seed)
    order = np.concatenate([g.permutation(k) for _ in range(r)])
    onsets = 2.0 + np.arange(len(order)) * 1.0 + g.uniform(0, 0.05, len(order))
    return order, onsets

def traces(times, onsets, order, n, seed, amp_scale=1.0):
    """dF/F [time, n]: noise + a response of tuned amplitude from 0.1 to 0.6 s after each onset."""
    g = np.random.default_rng(seed)
    tuning = g.uniform(0, 1, (order.max() + 1, n)) * amp_scale
    x = g.normal(0, 0.05, (len(times), n)) + g.uniform(-0.1, 0.1, n)
    for o, k in zip(onsets, order):
        on = (times >= o + 0.1) & (times < o + 0.6)
        x[on] += tuning[k]
    return x.astype(np.float32)

def trial_responses(planes, onsets, window, baseline):
    """The reader's rule, per plane (its own clock), ROIs of the planes side by side."""
    out = []
    for times, data, conv, off in planes:
        v = data.astype(np.float64) * conv + off
        rows = []
        for o in onsets:
            m = (times >= o + window[0]) & (times < o + window[1])
            x = v[m].mean(axis=0)
            if baseline is not None:
                b = (times >= o + baseline[0]) & (times < o + baseline[1])
                x = x - v[b].mean(axis=0)
            rows.append(x)
        out.append(np.array(rows))
    return np.concatenate(out, axis=1)

manifest = {}

def expect(name, planes, onsets, ids, images, chosen, excluded=0):
    e = {"images": list(images.shape), "imagesSum": float(images.astype(np.float64).sum()),
         "trials": len(onsets), "imageIdsSum": int(np.sum(ids)), "firstImageIds": [int(i) for i in ids[:6]],
         "excluded": excluded, "chosen": chosen}
    for label, w, b in [("default", (0.1, 0.5), None), ("baseline", (0.1, 0.5), (-0.5, 0.0))]:
        resp = trial_responses(planes, onsets, w, b)
        e[label] = {"window": list(w), "baseline": None if b is None else list(b), "neurons": resp.shape[1],
                    "sum": float(resp.sum()),
                    "values": [{"index": [int(t), int(j)], "value": float(resp[t, j])}
                               for t, j in [(0, 0), (1, resp.shape[1] - 1), (len(onsets) - 1, 1), (len(onsets) // 2, 2)]]}
    manifest[name] = e

H, W = 6, 8

def stack_uint8(k, seed):
    return np.random.default_rng(seed).integers(0, 256, (k, H, W), dtype=np.uint8)

# 1. DANDI-style: two planes in DfOverF (one with timestamps, one with starting_time + rate; the second with a
#    conversion factor), a raw Fluorescence copy that must be passed over, an intervals table with a ragged tags
#    column, an IndexSeries saying the same, Images templates with order_of_images.
def dandi_two_planes(path, bad=None):
    k, r = 6, 3
    order, onsets = experiment(k, r, 1)
    if bad == "index":
        order = order.copy(); order[4] = k + 3
    t0 = np.arange(0, 24, 0.1) + 0.013
    if bad == "monotonic":
        t0 = t0.copy(); t0[50], t0[51] = t0[51], t0[50]
    x0 = traces(t0, onsets, np.minimum(order, k - 1), 5, 11)
    rate, start = 8.0, 0.05
    t1 = start + np.arange(190) / rate
    x1 = traces(t1, onsets, np.minimum(order, k - 1), 3, 12, 2.0)
    conv1 = 0.5
    x1_stored = (x1 / conv1).astype(np.float32)
    stack = stack_uint8(k, 2)
    with nwb2_file(path) as f:
        mod = typed(f["processing"].create_group("ophys"), "ProcessingModule", description="optical physiology")
        seg = typed(mod.create_group("ImageSegmentation"), "ImageSegmentation")
        ps0, ps1 = plane_segmentation(seg, "PlaneSegmentation0", 5), plane_segmentation(seg, "PlaneSegmentation1", 3)
        dff = typed(mod.create_group("DfOverF"), "DfOverF")
        roi_series(dff, "plane0", x0, ps0, timestamps=t0)
        roi_series(dff, "plane1", x1_stored, ps1, start=start, rate=rate, conversion=conv1)
        fl = typed(mod.create_group("Fluorescence"), "Fluorescence")
        roi_series(fl, "plane0", x0 * 100 + 500, ps0, timestamps=t0)
        images_group(f, "natural_images", stack)
        if bad != "missing":
            intervals_table(f, "natural_images_presentations", onsets, onsets + 0.5, "image_index", order)
            index_series(f, "natural_images_index", order, onsets, "/stimulus/templates/natural_images")
    if bad is None:
        x1_eff = x1_stored.astype(np.float64) * np.float64(np.float32(conv1))
        expect(os.path.basename(path), [(t0, x0, 1.0, 0.0), (t1, x1_stored, float(np.float32(conv1)), 0.0)],
               onsets, order, stack, {"responses": ["processing/ophys/DfOverF/plane0", "processing/ophys/DfOverF/plane1"],
                                      "presentations": "intervals/natural_images_presentations",
                                      "templates": "stimulus/templates/natural_images"})

# 2. One plane in Fluorescence only (no DfOverF), sampled at a rate; the presentations in a table whose image column
#    `frame` is ragged (frame + frame_index); the templates an OpticalSeries [frames, height, width].
def dandi_optical_series(path):
    k, r = 4, 4
    order, onsets = experiment(k, r, 3)
    rate, start = 12.5, 0.0
    t = start + np.arange(int(20 * rate)) / rate
    x = traces(t, onsets, order, 4, 13)
    stack = stack_uint8(k, 4)
    with nwb2_file(path) as f:
        mod = typed(f["processing"].create_group("ophys"), "ProcessingModule", description="optical physiology")
        seg = typed(mod.create_group("ImageSegmentation"), "ImageSegmentation")
        ps = plane_segmentation(seg, "PlaneSegmentation", 4)
        fl = typed(mod.create_group("Fluorescence"), "Fluorescence")
        roi_series(fl, "RoiResponseSeries", x, ps, start=start, rate=rate)
        os_ = typed(f["stimulus/templates"].create_group("movie_frames"), "OpticalSeries", description="frames",
                    distance=np.float32(0.7), orientation="lower left")
        d = os_.create_dataset("data", data=stack)
        d.attrs["unit"] = "n.a."; d.attrs["conversion"] = np.float32(1); d.attrs["resolution"] = np.float32(-1)
        os_.create_dataset("field_of_view", data=np.float32([0.3, 0.2]))
        s = os_.create_dataset("starting_time", data=np.float64(0)); s.attrs["rate"] = np.float32(1); s.attrs["unit"] = "seconds"
        intervals_table(f, "movie_frames_presentations", onsets, onsets + 0.5, "frame", order, ragged_image=True, tags=False)
        intervals_table(f, "trials", [0.0], [40.0], "condition", [0], tags=True)
    expect(os.path.basename(path), [(t, x, 1.0, 0.0)], onsets, order, stack,
           {"responses": ["processing/ophys/Fluorescence/RoiResponseSeries"],
            "presentations": "intervals/movie_frames_presentations", "templates": "stimulus/templates/movie_frames"})

# 3. Allen Brain Observatory Visual Coding (NWB 1.0, AllenSDK cache): traces [cells, time]; natural scenes with -1
#    for the blank sweeps; other stimuli beside it that the reader must pass over.
def allen(path):
    k, r = 5, 3
    order, onsets = experiment(k, r, 5)
    order = np.insert(order, [3, 9], -1)   # two blank sweeps
    onsets = 2.0 + np.arange(len(order)) * 0.25 * 4
    t = np.arange(0, 22, 1 / 30.0)           # ~30 Hz two-photon frames
    shown = order >= 0
    x = traces(t, onsets[shown], order[shown], 7, 14)
    stack = (stack_uint8(k, 6)).astype(np.float32)  # the cache stores the scenes as float32 holding 0..255
    with h5py.File(path, "w") as f:
        f.create_dataset("nwb_version", data="NWB-1.0.5", dtype=STR)
        f.create_dataset("identifier", data="fixture ophys experiment", dtype=STR)
        f.create_dataset("session_start_time", data="Mon Jan  1 12:00:00 2024", dtype=STR)
        mod = f.create_group("processing/brain_observatory_pipeline")
        mod.attrs["neurodata_type"] = "Module"
        dff = mod.create_group("DfOverF"); dff.attrs["neurodata_type"] = "Interface"
        ip = dff.create_group("imaging_plane_1")
        ip.attrs["neurodata_type"] = "TimeSeries"
        ip.attrs["ancestry"] = np.array(["TimeSeries", "RoiResponseSeries"], dtype=STR)
        ip.create_dataset("data", data=x.T)   # [cells, time], as the AllenSDK reads it
        ip.create_dataset("timestamps", data=t)
        ip.create_dataset("num_samples", data=np.int32(len(t)))
        ns = f.create_group("stimulus/presentation/natural_scenes_stimulus")
        ns.attrs["neurodata_type"] = "TimeSeries"
        ns.attrs["ancestry"] = np.array(["TimeSeries", "IndexSeries"], dtype=STR)
        ns.create_dataset("data", data=order.astype(np.int32))
        ns.create_dataset("timestamps", data=onsets)
        start_frames = np.searchsorted(t, onsets)
        ns.create_dataset("frame_duration", data=np.stack([start_frames, start_frames + 7], 1).astype(np.float64))
        ns["indexed_timeseries"] = h5py.SoftLink("/stimulus/templates/natural_scenes_image_stack")
        sg = f.create_group("stimulus/presentation/static_gratings_stimulus")
        sg.attrs["neurodata_type"] = "TimeSeries"
        sg.create_dataset("data", data=np.zeros((3, 3), np.float64))
        sg.create_dataset("features", data=np.array(["orientation", "spatial_frequency", "phase"], dtype=STR))
        sg.create_dataset("timestamps", data=np.float64([30, 31, 32]))
        st = f.create_group("stimulus/templates/natural_scenes_image_stack")
        st.attrs["neurodata_type"] = "TimeSeries"
        st.create_dataset("data", data=stack)
        lsn = f.create_group("stimulus/templates/locally_sparse_noise_image_stack")
        lsn.attrs["neurodata_type"] = "TimeSeries"
        lsn.create_dataset("data", data=np.full((9, 4, 7), 127, np.uint8))
    expect(os.path.basename(path), [(t, x, 1.0, 0.0)], onsets[shown], order[shown], stack,
           {"responses": ["processing/brain_observatory_pipeline/DfOverF/imaging_plane_1"],
            "presentations": "stimulus/presentation/natural_scenes_stimulus",
            "templates": "stimulus/templates/natural_scenes_image_stack"}, excluded=int((~shown).sum()))

# 4. Several files of one subject (DANDI keeps one file per session, sometimes one per plane): a folder with two
#    planes of one session in two files, and a folder with two sessions of the same images, the second recorded in
#    two plane files and showing image 5 once only. Joined by the rule NwbJoin documents: planes side by side on the
#    same presentations; sessions side by side, the r-th trial of image k with the r-th trial of image k.
def plane_file(path, order, onsets, n, seed, stack, subject, clock):
    if clock == "timestamps":
        t = np.arange(0, 24, 0.1) + 0.02
    else:
        t = 0.05 + np.arange(190) / 8.0
    x = traces(t, onsets, order, n, seed)
    with nwb2_file(path, subject) as f:
        mod = typed(f["processing"].create_group("ophys"), "ProcessingModule", description="optical physiology")
        seg = typed(mod.create_group("ImageSegmentation"), "ImageSegmentation")
        ps = plane_segmentation(seg, "PlaneSegmentation", n)
        dff = typed(mod.create_group("DfOverF"), "DfOverF")
        if clock == "timestamps":
            roi_series(dff, "RoiResponseSeries", x, ps, timestamps=t)
        else:
            roi_series(dff, "RoiResponseSeries", x, ps, start=0.05, rate=8.0)
        images_group(f, "natural_images", stack)
        intervals_table(f, "natural_images_presentations", onsets, onsets + 0.5, "image_index", order)
    return (t, x, 1.0, 0.0)

def joined_expect(name, sessions, stack, files):
    """sessions: [(order, onsets, planes)], every presentation inside every plane's recording."""
    k = stack.shape[0]
    common = [min(int(np.sum(order == i)) for order, _, _ in sessions) for i in range(k)]
    first_order = sessions[0][0]
    picks = []   # per session, its trial behind each joined trial
    for order, _, _ in sessions:
        nth = {i: list(np.flatnonzero(order == i)) for i in range(k)}
        taken = {i: 0 for i in range(k)}
        rows = []
        for i in first_order:
            if taken[i] < common[i]:
                rows.append(nth[i][taken[i]]); taken[i] += 1
        picks.append(rows)
    taken = {i: 0 for i in range(k)}; ids = []
    for i in first_order:
        if taken[i] < common[i]:
            ids.append(int(i)); taken[i] += 1
    ids = np.array(ids)
    e = {"files": files, "images": list(stack.shape), "trials": len(ids), "imageIdsSum": int(ids.sum()),
         "firstImageIds": [int(i) for i in ids[:6]],
         "excluded": int(sum(len(order) for order, _, _ in sessions) - len(sessions) * len(ids))}
    for label, w, b in [("default", (0.1, 0.5), None), ("baseline", (0.1, 0.5), (-0.5, 0.0))]:
        resp = np.concatenate([trial_responses(planes, onsets, w, b)[rows] for (order, onsets, planes), rows in zip(sessions, picks)], axis=1)
        e[label] = {"window": list(w), "baseline": None if b is None else list(b), "neurons": resp.shape[1],
                    "sum": float(resp.sum()),
                    "values": [{"index": [int(t), int(j)], "value": float(resp[t, j])}
                               for t, j in [(0, 0), (1, resp.shape[1] - 1), (len(ids) - 1, 1), (len(ids) // 2, 5)]]}
    manifest[name] = e

def subject_planes(folder):
    os.makedirs(folder, exist_ok=True)
    order, onsets = experiment(6, 3, 7)
    stack = stack_uint8(6, 8)
    p0 = plane_file(os.path.join(folder, "sub-01_ses-1_plane-0.nwb"), order, onsets, 4, 21, stack, "mouse-01", "timestamps")
    p1 = plane_file(os.path.join(folder, "sub-01_ses-1_plane-1.nwb"), order, onsets, 3, 22, stack, "mouse-01", "rate")
    joined_expect(os.path.basename(folder), [(order, onsets, [p0, p1])], stack,
                  ["sub-01_ses-1_plane-0.nwb", "sub-01_ses-1_plane-1.nwb"])

def subject_sessions(folder):
    os.makedirs(folder, exist_ok=True)
    stack = stack_uint8(6, 8)
    o1, t1 = experiment(6, 3, 9)
    o2, t2 = experiment(6, 2, 10)
    drop = np.flatnonzero(o2 == 5)[1]          # image 5 shown once in session 2
    o2, t2 = np.delete(o2, drop), np.delete(t2, drop)
    a = plane_file(os.path.join(folder, "sub-01_ses-1.nwb"), o1, t1, 4, 31, stack, "mouse-01", "timestamps")
    b0 = plane_file(os.path.join(folder, "sub-01_ses-2_plane-0.nwb"), o2, t2, 3, 32, stack, "mouse-01", "rate")
    b1 = plane_file(os.path.join(folder, "sub-01_ses-2_plane-1.nwb"), o2, t2, 2, 33, stack, "mouse-01", "timestamps")
    joined_expect(os.path.basename(folder), [(o1, t1, [a]), (o2, t2, [b0, b1])], stack,
                  ["sub-01_ses-1.nwb", "sub-01_ses-2_plane-0.nwb", "sub-01_ses-2_plane-1.nwb"])

def bad_subjects(folder):
    os.makedirs(folder, exist_ok=True)
    stack = stack_uint8(6, 8)
    order, onsets = experiment(6, 2, 11)
    plane_file(os.path.join(folder, "sub-01_ses-1.nwb"), order, onsets, 3, 41, stack, "mouse-01", "timestamps")
    plane_file(os.path.join(folder, "sub-02_ses-1.nwb"), order, onsets, 3, 42, stack, "mouse-02", "timestamps")

dandi_two_planes(os.path.join(out, "dandi_two_planes.nwb"))
dandi_optical_series(os.path.join(out, "dandi_optical_series.nwb"))
allen(os.path.join(out, "ophys_experiment_000000001.nwb"))
dandi_two_planes(os.path.join(out, "bad_missing_table.nwb"), bad="missing")
dandi_two_planes(os.path.join(out, "bad_index_out_of_range.nwb"), bad="index")
dandi_two_planes(os.path.join(out, "bad_nonmonotonic.nwb"), bad="monotonic")
subject_planes(os.path.join(out, "subject_planes"))
subject_sessions(os.path.join(out, "subject_sessions"))
bad_subjects(os.path.join(out, "bad_subjects"))
with open(os.path.join(out, "manifest.json"), "w") as fh:
    json.dump(manifest, fh, indent=1)
print("wrote", out)
