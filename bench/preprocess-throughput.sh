#!/usr/bin/env bash
# Preprocessing throughput on IMDB, Java (JMH) then the course's Python cleaning, on the same bytes and the same core.
# Usage: bench/preprocess-throughput.sh [core] [rows] [cpuRows]   (defaults: core 1; JMH on 5000 reviews with -Xmx64m;
# CPU-time passes over cpuRows=25000 reviews, the whole IMDB train split, for Java and Python alike).
# Java workloads: clean, cleanTokenize, cleanTokenizeEncode (staged path to ids with the real Encoder), encodeText
# (one-pass TextEncoder, same ids), encodeTextVocab20k, encodeTextMax256. Everything runs pinned to one core with
# taskset and at normal priority (not niced); keep the output with
#   bench/preprocess-throughput.sh 1 5000 25000 | tee bench/results/preprocess-throughput-<date>.txt
# (*.log is git-ignored) and copy the figures into docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
core="${1:-1}"
rows="${2:-5000}"
cpu_rows="${3:-25000}"
shared="${TEXTCLF_SHARED_DIR:-$(pwd)/../shared}"
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); pinned to core $core"
echo "== Java: JMH PipelineThroughputBenchmark (one thread, -Xmx64m, -prof gc)"
taskset -c "$core" ./mvnw -B -q -Pjmh -pl nlp-preprocess -am test -DskipTests \
  -Dtextclf.shared.dir="$shared" \
  -Djmh.args="-f 1 -prof gc -p rows=$rows PipelineThroughputBenchmark" 2>&1 | grep -E '^(Benchmark|PipelineThroughputBenchmark)|IMDB sample'
echo "== Java: CpuTimeThroughput (one thread, -Xmx160m; wall and process CPU time per pass)"
taskset -c "$core" ./mvnw -B -q -Pjmh -pl nlp-preprocess -am test -DskipTests \
  -Dtextclf.shared.dir="$shared" \
  -Djmh.main=org.textclf.preprocess.bench.CpuTimeThroughput -Djmh.jvmArgs=-Xmx160m -Djmh.args="$cpu_rows 7" 2>&1 | grep -vE '^\[|^$'
echo "== Python: bench/python/course_cleaning.py"
taskset -c "$core" /usr/bin/python3 bench/python/course_cleaning.py --shared "$shared" --rows "$cpu_rows" --repeats 7
echo "== done $(date -u +%Y-%m-%dT%H:%M:%SZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
