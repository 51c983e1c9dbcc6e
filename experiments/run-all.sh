#!/usr/bin/env bash
# Runs every experiment in this folder (or the files given) with ./textclf experiment run and prints the
# results table (test accuracy and macro-F1 per experiment). Each run folder goes under $RUNS_DIR
# (default: runs/<UTC time> at the repository root). THREADS=N passes --threads N (results do not depend
# on it, only the speed). An experiment that fails is reported in the table and the script exits 1 at the end.
#
#   experiments/run-all.sh                              # all of them (the shared-corpus ones take hours)
#   experiments/run-all.sh experiments/embedded-tiny.yaml
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${RUNS_DIR:-$root/runs/$(date -u +%Y%m%dT%H%M%SZ)}"
if [[ $# -gt 0 ]]; then files=("$@"); else files=("$here"/*.yaml); fi

rows=()
failed=0
for f in "${files[@]}"; do
  name="$(basename "${f%.*}")"
  log="$runs/$name.log"
  mkdir -p "$runs"
  echo "== $name ($f) -> $runs/$name" >&2
  start=$(date +%s)
  # Derived inputs: a vectors file named by the experiment (vectors/X.vec) is made by vectors/X.sh when missing.
  vec="$(sed -nE 's/^ *pretrained-vectors: *([^ #]+).*/\1/p' "$f")"
  if [[ -n "$vec" && ! -s "$(dirname "$f")/$vec" && -x "$(dirname "$f")/${vec%.vec}.sh" ]]; then
    echo "== $name: building $vec" >&2
    "$(dirname "$f")/${vec%.vec}.sh" >"$log.vectors" 2>&1 || echo "== $name: building $vec failed, see $log.vectors" >&2
  fi
  if "$root/textclf" experiment run "$f" --output-dir "$runs/$name" ${THREADS:+--threads "$THREADS"} \
      >"$log.out" 2>"$log"; then
    # The verb's own summary line: "<name>: <test source>: accuracy A, macro-F1 F".
    line="$(grep -E ': accuracy [0-9.]+, macro-F1 [0-9.]+$' "$log.out" | tail -1)"
    acc="$(sed -E 's/.*accuracy ([0-9.]+), macro-F1 ([0-9.]+)$/\1/' <<<"$line")"
    f1="$(sed -E 's/.*accuracy ([0-9.]+), macro-F1 ([0-9.]+)$/\2/' <<<"$line")"
    rows+=("| $name | $acc | $f1 | $(( $(date +%s) - start )) s | $runs/$name |")
  else
    failed=1
    rows+=("| $name | failed: $(tail -1 "$log" | cut -c1-120) | | $(( $(date +%s) - start )) s | $log |")
  fi
done

echo
echo "| experiment | test accuracy | test macro-F1 | wall time | run folder |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
exit $failed
