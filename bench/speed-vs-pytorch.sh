#!/usr/bin/env bash
# Training ms/step and inference docs/s: textclf (SameDiff, org.textclf.models.bench.StepTiming) against its
# PyTorch twin (bench/pytorch/speed.py), interleaved in ONE run so both see the same machine state.
# Shape: B=32, T<=256, d=H=128, 4 heads, V=10000, unidirectional 1-layer GRU,
# 2 Transformer blocks with FFN 512, dropout 0.1, plain Adam without clipping on both sides.
# Data: both sides read the same real IMDB batches (vocabulary from train, a seeded sample of train documents
# for the steps, the first test documents in file order for inference, each cut to its first 256 tokens and
# each batch padded to its longest) from $SHARED/corpora/imdb (default ../shared next to the repository).
# RANDOM_IDS=1 gives StepTiming uniformly random ids in full rows instead (the driver's first design): the
# same work for the GRU and Transformer, but the baseline's table reads then miss the cache far more often.
# For each round, thread count and model: Java (BEFORE_CP first when given) then Python.
# Both sides also print the CPU time of the calling thread, the figure to compare on a busy machine at
# 1 thread (at 2 threads it leaves out the second thread's work: compare wall times, on an idle machine).
#   bench/speed-vs-pytorch.sh [ROUNDS] [STEPS] [THREADS...]   -> bench/results/speed-vs-pytorch-<UTC>.txt
#   BEFORE_CP=<classpath of an older build> bench/speed-vs-pytorch.sh 1 10 1   (adds a "before" Java line; builds
#     before the real-data option of StepTiming, 2026-11-22 06:00 UTC, ignore it and time random ids)
#   JAVA_CP=<classpath> uses that build of textclf instead of building this worktree
#   MODELS="transformer" limits the run to those models
# Java runs with the glibc malloc settings of the ./textclf launcher, as textclf's commands run
# (NO_MALLOC_SETTINGS=1: without them); TORCH_MALLOC_SETTINGS=1 gives PyTorch the same settings.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"
steps="${2:-20}"
shift $(( $# > 2 ? 2 : $# ))
threads_list="${*:-1 2}"
py="${PY:-/usr/bin/python3}"
out="$root/bench/results/speed-vs-pytorch-$(date -u +%Y%m%dT%H%M%SZ)${MODELS:+-${MODELS// /-}}.txt"
cd "$root"
malloc_settings="$(grep '^export MALLOC_' "$root/textclf")"
shared="${SHARED:-$root/../shared}"
if [ -n "${RANDOM_IDS:-}" ]; then
  data_opt="-Dsteptiming.corpus="
elif [ -d "$shared/corpora/imdb" ]; then
  data_opt="-Dsteptiming.corpus=$shared/corpora/imdb"
else
  echo "no IMDB corpus at $shared/corpora/imdb (set SHARED, or RANDOM_IDS=1)" >&2
  exit 1
fi
java_env() {   # java_env THREADS JAVA-ARGS...: runs java as the launcher would
  ( if [ -z "${NO_MALLOC_SETTINGS:-}" ]; then eval "$malloc_settings"; fi
    export OMP_NUM_THREADS="$1"; shift; exec java "$@" )
}
torch_env() {  # torch_env THREADS PYTHON-ARGS...
  ( if [ -n "${TORCH_MALLOC_SETTINGS:-}" ]; then eval "$malloc_settings"; fi
    export OMP_NUM_THREADS="$1"; shift; exec "$py" "$@" )
}
if [ -n "${JAVA_CP:-}" ]; then
  cp="$JAVA_CP"   # a copy of this build's classes, e.g. while a test run rebuilds target/
else
  cpfile="$(mktemp /tmp/textclf-speed-cp.XXXXXX)"
  ./mvnw -B -q -o -pl nlp-models -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >/dev/null
  cp="nlp-models/target/test-classes:nlp-models/target/classes:nlp-preprocess/target/classes:corpora/target/classes:$(cat "$cpfile")"
  rm -f "$cpfile"
fi
{
  echo "# $(date -u +%FT%TZ) $(uname -n) nproc=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg) commit $(git rev-parse --short HEAD)"
  echo "# glibc malloc settings of the launcher ($(eval "$malloc_settings"; env | grep '^MALLOC_' | sort | tr '\n' ' ')):" \
    "java $([ -z "${NO_MALLOC_SETTINGS:-}" ] && echo with || echo without)," \
    "torch $([ -n "${TORCH_MALLOC_SETTINGS:-}" ] && echo with || echo without)"
  for round in $(seq "$rounds"); do
    for threads in $threads_list; do
      for model in ${MODELS:-gru-attention transformer baseline}; do
        echo "## round $round threads $threads $model load $(cut -d' ' -f1-3 /proc/loadavg)"
        if [ -n "${BEFORE_CP:-}" ]; then
          java_env "$threads" -Xmx4g "$data_opt" -cp "$BEFORE_CP" org.textclf.models.bench.StepTiming "$model" "$steps" 2>/dev/null \
            | grep -E 'ms/step' | sed 's/^/before /'
        fi
        java_env "$threads" -Xmx4g "$data_opt" -cp "$cp" org.textclf.models.bench.StepTiming "$model" "$steps" 2>/dev/null \
          | grep -E 'ms/step' | sed 's/^/java   /'
        torch_env "$threads" bench/pytorch/speed.py --shared "$shared" --model "$model" --batch 32 --max-len 256 --dim 128 \
          --heads 4 --vocab 10000 --threads "$threads" --steps "$steps" 2>/dev/null | sed 's/^/torch  /'
      done
    done
  done
} | tee "$out"
echo "written $out" >&2
