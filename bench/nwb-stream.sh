#!/usr/bin/env bash
# Streaming benchmark of the NWB reader: writes a synthetic two-photon session (default 10,000 ROIs, one hour at
# 30 Hz: 108,000 samples, 4.3 GB of float32) into a temporary folder, reads its trial responses with
# `./dina bench nwb` at -Xmx2g, prints the JSON line, and deletes the file.
# Usage: bench/nwb-stream.sh [ROIS] [SECONDS] [RATE] [none|gzip]     (needs /usr/bin/python3 with h5py)
set -euo pipefail
ROIS=${1:-10000}; SECONDS_LONG=${2:-3600}; RATE=${3:-30}; COMPRESSION=${4:-none}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TMP=${TMPDIR:-/tmp}
NEED=$(python3 -c "print(int($ROIS * $SECONDS_LONG * $RATE * 4 * 1.05) + (1 << 26))")
FREE=$(( $(df -Pk "$TMP" | awk 'NR == 2 {print $4}') * 1024 ))
if (( FREE < NEED )); then
  echo "bench/nwb-stream.sh: $TMP has $((FREE >> 20)) MB free, the file needs $((NEED >> 20)) MB; pass fewer ROIS or SECONDS" >&2
  exit 2
fi
DIR=$(mktemp -d "$TMP/dina-nwb-bench.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
echo "writing $ROIS ROIs x ${SECONDS_LONG} s x $RATE Hz ($COMPRESSION) to $DIR/session.nwb" >&2
/usr/bin/python3 "$ROOT/bench/nwb/make_big_nwb.py" "$DIR/session.nwb" "$ROIS" "$SECONDS_LONG" "$RATE" "$COMPRESSION"
ls -l "$DIR/session.nwb" >&2
DINA_JAVA_OPTS="${DINA_JAVA_OPTS:-} -Xmx2g" "$ROOT/dina" bench nwb "$DIR/session.nwb"
