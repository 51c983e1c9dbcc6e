#!/usr/bin/env bash
# Wall time of `textclf demo` (JVM start included) with the native thread count set by the environment
# (OMP_NUM_THREADS, read once when ND4J loads) versus --threads (set from inside the JVM), interleaved so
# that load from other processes hits every configuration alike. Needs the CLI jar (./textclf builds it).
#   bench/demo-threads.sh [rounds]        (default 2 rounds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/nlp-cli/target/textclf-cli.jar"
[[ -f "$jar" ]] || "$root/textclf" --version >/dev/null
out="$(mktemp -d)"
rounds="${1:-2}"
echo "# $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for cfg in "2 1" "2 2" "1 1"; do
    set -- $cfg
    start=$(date +%s.%N)
    OMP_NUM_THREADS=$1 java -jar "$jar" demo --output-dir "$out/run" --threads "$2" > "$out/log" 2>&1
    end=$(date +%s.%N)
    printf 'round %d  OMP_NUM_THREADS=%s --threads %s  wall %6.1f s  training %s  %s\n' "$round" "$1" "$2" \
      "$(echo "$end - $start" | bc)" "$(grep -o 'best epoch.*' "$out/log" | sed 's/.*, //')" \
      "$(grep -o 'test accuracy [0-9.]*' "$out/log")"
  done
done
rm -rf "$out"
