#!/usr/bin/env bash
# Training throughput of DINA on the JVM against the careful PyTorch port, same shapes, same config, same machine:
#   bench/vs-pytorch.sh [default|paper-1k|joint] [extra options for `dina bench train`, e.g. --steps 5]
# Runs `./dina bench train --case <config> --json` (the launcher finds the JDK), then the PyTorch port with
# /usr/bin/python3 (which must have torch): bench/pytorch/dina_port.py --config <config> --json for default and
# paper-1k (frozen image tower), bench/pytorch/image_tower_port.py --json for joint (the image tower as released,
# trained end to end, with the JVM run's warm-up and timed step counts). Prints both results and ends with the line
#   ratio_jvm_over_pytorch=<samples/s on the JVM / samples/s in PyTorch>.
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (tuning for the JVM side's environment) are unset for the PyTorch run only.
# They run one after the other on the same cores; on a shared machine, run it when the machine is quiet (the
# load average is printed), since both sides are slowed down by neighbours, not necessarily equally.
# Extra options go to `dina bench train` only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="${1:-default}"
shift || true
PY="${DINA_PYTHON:-/usr/bin/python3}"  # DINA_PYTHON: another interpreter with torch

case "$CONFIG" in
  default|paper-1k|joint) ;;
  *) echo "vs-pytorch.sh: config must be 'default', 'paper-1k' or 'joint', got '$CONFIG'" >&2; exit 2 ;;
esac
if [ ! -x "$PY" ]; then
  echo "vs-pytorch.sh: needs $PY (the system Python with PyTorch); it is missing" >&2; exit 1
fi
if ! "$PY" -c 'import torch' >/dev/null 2>&1; then
  echo "vs-pytorch.sh: PyTorch is missing for $PY: install it (e.g. apt-get install python3-torch or $PY -m pip install torch)" >&2
  exit 1
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
JVM_JSON="$("$ROOT/dina" bench train --case "$CONFIG" --json "$@" | tail -n 1)"
echo "load average between: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
# OpenMP threads that spin while they wait collapse when other processes share the cores (measured here: 2.0 s
# instead of 0.86 s per default step at a load average of 5); passive waiting is PyTorch's best case on a shared
# machine, so it is the default (set OMP_WAIT_POLICY to override).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
echo "pytorch runs with OMP_WAIT_POLICY=$OMP_WAIT_POLICY, without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE"
# the port takes the JVM run's shapes, so both sides time the same model whatever the config says today
SHAPE_ARGS="$("$PY" -c 'import json, sys; r = json.loads(sys.argv[1]); print("--neurons", r["neurons"], "--dim", r["dim"], "--heads", r["heads"], "--batch", r["batch"], "--mlp", ",".join(map(str, r["neural_mlp"])))' "$JVM_JSON")"
if [ "$CONFIG" != joint ]; then
  # and its maps: how many per tower, how they are scaled, the neural residual and the image head's hidden width
  SHAPE_ARGS="$SHAPE_ARGS $("$PY" -c 'import json, sys; r = json.loads(sys.argv[1]); print("--map-channels", r["map_channels"], "--map-normalisation", r["map_normalisation"], "--image-head-hidden", r["image_head_hidden"], "--neural-residual" if r["neural_residual"] else "")' "$JVM_JSON")"
fi
if [ "$CONFIG" = joint ]; then
  # same number of warm-up and timed steps as the JVM run (a joint step takes tens of seconds on 2 cores)
  SHAPE_ARGS="$SHAPE_ARGS $("$PY" -c 'import json, sys; r = json.loads(sys.argv[1]); print("--warmup", r["warmup_steps"], "--steps", r["steps"])' "$JVM_JSON")"
  PORT=("$ROOT/bench/pytorch/image_tower_port.py")
  # glibc malloc hands the joint step's large activations (tens of MB each) back to the kernel and page-faults
  # them in again every step: 26.5 s instead of 7.7 s per step here (sys time 61 s instead of 9 s). Keeping freed
  # memory in the heap is the PyTorch side's best case (the role jemalloc/tcmalloc play in PyTorch's CPU tuning
  # advice), so it is the default; set the MALLOC_* variables to override.
  export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-17179869184}"
  export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-17179869184}"
  export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-1073741824}"
  echo "pytorch runs with MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_=$MALLOC_TRIM_THRESHOLD_ MALLOC_TOP_PAD_=$MALLOC_TOP_PAD_"
else
  PORT=("$ROOT/bench/pytorch/dina_port.py" --config "$CONFIG")
fi
# shellcheck disable=SC2086  # SHAPE_ARGS is a list of plain words
TORCH_JSON="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" "${PORT[@]}" $SHAPE_ARGS --json | tail -n 1)"

"$PY" - "$JVM_JSON" "$TORCH_JSON" <<'PYEOF'
import json, sys
jvm, torch = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for name, r in (("jvm", jvm), ("pytorch", torch)):
    print(f"{name:8s} {r['case']}: {r['neurons']} neurons, d {r['dim']}, MLP {r['neural_mlp']}, batch {r['batch']}, {r['threads']} threads: "
          f"{r['seconds_per_step']:.4f} s/step (fastest {r['fastest_seconds_per_step']:.4f}) = "
          f"{r['samples_per_second']:.1f} samples/s, peak RSS {r['peak_rss_mb']:.0f} MB")
shape = lambda r: (r['neurons'], r['dim'], r['heads'], list(r['neural_mlp']), r['batch'])
if shape(jvm) != shape(torch):
    sys.exit("vs-pytorch.sh: the two runs used different shapes")
print(f"ratio_jvm_over_pytorch={jvm['samples_per_second'] / torch['samples_per_second']:.2f}")
PYEOF
