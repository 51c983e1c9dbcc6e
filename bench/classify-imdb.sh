#!/usr/bin/env bash
# Batch classification throughput: `textclf classify` over all 50,000 IMDB reviews (train + test) at 1 and 2
# worker threads, docs/s and peak RSS (/usr/bin/time -v). Results go to docs/benchmarks.md by hand.
#
# Usage: bench/classify-imdb.sh [arch] [train-rows]   (defaults: gru-attention, 2000)
# The model is trained quickly (1 epoch on the first train-rows training reviews, embedding/hidden 64,
# max length 256 tokens): accuracy is not the point, a real network of the shipped kind is.
# Each run uses OMP_NUM_THREADS=1 so that --threads is the only parallelism (2 workers x 1 OpenMP thread
# on 2 cores); the heap is capped at 512 MB to show that memory does not grow with the corpus.
# The machine may be shared: each run prints the load average before and after, and the CPU time the job used
# (user + sys from /usr/bin/time -v), so that docs per CPU-second can be compared across loads.
# The model is cached per nlp-models source tree (its git tree hash), so a change to the network code retrains it.
# BENCH_JAVA_OPTS adds JVM options to the classify runs (e.g. -XX:StartFlightRecording=...); BENCH_THREADS
# chooses the --threads values (default "1 2"; one value per invocation lets two runs go side by side);
# BENCH_SKIP_BUILD=1 reuses the jars already built (a second invocation must not rebuild them under a running one).
set -euo pipefail
cd "$(dirname "$0")/.."
arch="${1:-gru-attention}"
rows="${2:-2000}"
shared="${TEXTCLF_SHARED_DIR:-$(pwd)/../shared}"
imdb="$shared/corpora/imdb"
[[ -f "$imdb/train.tsv.gz" && -f "$imdb/test.tsv.gz" ]] || { echo "IMDB not found at $imdb" >&2; exit 1; }
work="${TMPDIR:-/tmp}/textclf-classify-bench"
mkdir -p "$work"

[[ "${BENCH_SKIP_BUILD:-0}" == 1 ]] || ./mvnw -B -q -o -DskipTests -pl nlp-cli -am package >&2
cp="nlp-cli/target/textclf-cli.jar:$(ls nlp-cli/target/lib/*.jar | tr '\n' ':')"
models_tree=$(git rev-parse --short HEAD:nlp-models 2>/dev/null || echo nogit)
[[ -z "$(git status --porcelain -- nlp-models 2>/dev/null)" ]] || models_tree="$models_tree-dirty"
model="$work/imdb-$arch-$rows-$models_tree.textclf"
if [[ ! -f "$model" ]]; then
  OMP_NUM_THREADS=1 java -cp "$cp" bench/java/TrainClassifyBenchModel.java "$imdb/train.tsv.gz" "$rows" "$arch" "$model"
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load: $(load); model $model ($arch)"
thread_counts="${BENCH_THREADS:-1 2}"
for threads in $thread_counts; do
  out="$work/predictions-$arch-t$threads.jsonl"
  log="$work/time-$arch-t$threads.log"
  load_before=$(load)
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  OMP_NUM_THREADS=1 /usr/bin/time -v java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$cp" org.textclf.cli.TextclfCli classify \
    --model "$model" --input "$imdb/train.tsv.gz" "$imdb/test.tsv.gz" --output "$out" --threads "$threads" \
    --batch-size 32 2> "$log"
  end=$(date +%s.%N)
  load_after=$(load)
  docs=$(wc -l < "$out")
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  user=$(grep 'User time (seconds)' "$log" | awk '{print $NF}')
  sys=$(grep 'System time (seconds)' "$log" | awk '{print $NF}')
  grep 'textclf classify:' "$log" || true
  awk -v d="$docs" -v s="$start" -v e="$end" -v r="$rss" -v t="$threads" -v u="$user" -v y="$sys" \
      -v lb="$load_before" -v la="$load_after" 'BEGIN {
    w = e - s; c = u + y
    printf "threads %d: %d documents in %.1f s = %.1f docs/s (wall, JVM start and model load included), peak RSS %.0f MB\n",
      t, d, w, d / w, r / 1024
    printf "threads %d: CPU %.1f s (user %.1f + sys %.1f) = %.0f %% of one core, %.1f docs per CPU-second; load before %s, after %s\n",
      t, c, u, y, 100 * c / w, d / c, lb, la }'
done
if [[ "$thread_counts" != "1 2" ]]; then
  :   # compare the two outputs by hand (cmp) once both runs are done
elif cmp -s "$work/predictions-$arch-t1.jsonl" "$work/predictions-$arch-t2.jsonl"; then
  echo "outputs at 1 and 2 threads are byte-identical"
else
  echo "outputs at 1 and 2 threads DIFFER" >&2
fi
echo "== done $(date -u +%Y-%m-%dT%H:%M:%SZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
