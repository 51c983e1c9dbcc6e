#!/usr/bin/env bash
# Runs bench/pytorch/speed.py for the three models at the issue's shape (B=32, T<=256, d=128,
# 4 heads, V=10000) with 1 and 2 threads, with and without length bucketing, both attention forms of
# GRU+attention and the Transformer with and without PyTorch's nested-tensor fast path, appending one JSON
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
    variants=("--attention mha")
    [[ $model == gru-attention ]] && variants=("--attention mha" "--attention matmul")
    [[ $model == transformer ]] && variants=("--fastpath on" "--fastpath off")
    for variant in "${variants[@]}"; do
      for bucket in "" "--bucket"; do
        # shellcheck disable=SC2086  # $variant and $bucket are deliberately split into words
        OMP_NUM_THREADS=$threads "$PY" "$HERE/speed.py" --model "$model" --batch 32 --max-len 256 --dim 128 --heads 4 \
          --vocab 10000 --threads "$threads" --steps "$STEPS" $variant $bucket >> "$OUT"
      done
    done
  done
done
echo "results appended to $OUT"
