#!/usr/bin/env bash
# Runs bench/pytorch/speed.py for the three models at the issue's shape (B=32, T<=256, d=128,
# 4 heads, V=10000) with 1 and 2 threads, with and without length bucketing, appending one JSON
# line per run to OUT (default /tmp/textclf-bench/pytorch-speed.jsonl). Meant for a QUIET machine;
# interleave with the Java runs there so both see the same conditions.
#   bench/pytorch/speed_all.sh [STEPS]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STEPS="${1:-50}"
PY="${PY:-/usr/bin/python3}"
OUT="${OUT:-/tmp/textclf-bench/pytorch-speed.jsonl}"
mkdir -p "$(dirname "$OUT")"
for threads in 1 2; do
  for model in gru-attention transformer baseline; do
    for bucket in "" "--bucket"; do
      OMP_NUM_THREADS=$threads "$PY" "$HERE/speed.py" --model "$model" --batch 32 --max-len 256 --dim 128 --heads 4 \
        --vocab 10000 --threads "$threads" --steps "$STEPS" $bucket >> "$OUT"
    done
  done
done
echo "results appended to $OUT"
