#!/usr/bin/env bash
# Peer: fastText supervised with word bigrams (the `fasttext` CLI, Debian package 0.9.2).
#
#   bench/peers/fasttext.sh [CORPUS]          # CORPUS = folder under $SHARED/corpora, default imdb
#
# Data: cleaned with bench/python/textclean.py (textclf's default cleaning) and written under
# $WORK (default /tmp/textclf-bench/fasttext/CORPUS), never into the repository.
# Settings: wordNgrams 2, dim 100, softmax loss, minCount 1, bucket 2M, thread 1 with a fixed seed
# (fastText is only reproducible with one thread). lr x epoch are chosen on a validation set
# taken from TRAIN only (official valid split if the corpus has one, else a stratified, seeded 10%
# hold-out), by macro-F1 then accuracy; then the model is retrained on the whole train split with
# the chosen settings and evaluated once on test. Test never influences a choice.
# Environment: SHARED (default ../../shared from the repo root), SEED (42), LRS, EPOCHS, PY; PREDICTIONS=FILE.jsonl
# also writes the test predictions with every label's probability in textclf's format (for `textclf metrics
# --compare`).
# The last line printed is one JSON object with every number.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CORPUS="${1:-imdb}"
SHARED="${SHARED:-$HERE/../../../shared}"
SEED="${SEED:-42}"
LRS="${LRS:-0.05 0.1 0.25 0.5 1.0}"
EPOCHS="${EPOCHS:-5 10 20}"
PY="${PY:-/usr/bin/python3}"
WORK="${WORK:-/tmp/textclf-bench/fasttext/$CORPUS}"
COMMON=(-wordNgrams 2 -dim 100 -loss softmax -minCount 1 -bucket 2000000 -thread 1 -seed "$SEED" -verbose 0)

command -v fasttext >/dev/null || { echo "fasttext CLI not found on PATH" >&2; exit 1; }
[[ -f "$SHARED/corpora/$CORPUS/train.tsv.gz" ]] || { echo "$SHARED/corpora/$CORPUS/train.tsv.gz not found" >&2; exit 1; }
mkdir -p "$WORK"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

t_all=$(now)
"$PY" "$HERE/fasttext_io.py" convert "$SHARED" "$CORPUS" "$WORK" "$SEED" 0.1

best_lr=""; best_ep=""; best_key=""
search_json=""
for ep in $EPOCHS; do
  for lr in $LRS; do
    t0=$(now)
    fasttext supervised -input "$WORK/tune.txt" -output "$WORK/search" -lr "$lr" -epoch "$ep" "${COMMON[@]}"
    fasttext predict "$WORK/search.bin" "$WORK/valid.txt" > "$WORK/search.pred"
    read -r acc mf1 n < <("$PY" "$HERE/fasttext_io.py" score "$WORK/valid.txt" "$WORK/search.pred")
    echo "  epoch $ep lr $lr: valid accuracy $acc macro-F1 $mf1 (n=$n, $(secs "$t0" "$(now)")s)"
    search_json+="${search_json:+, }{\"epoch\": $ep, \"lr\": $lr, \"valid_accuracy\": $acc, \"valid_macro_f1\": $mf1}"
    # key: macro-F1, then accuracy; strict > keeps the earliest (fewest epochs, smallest lr) on ties
    key="$mf1 $acc"
    if [[ -z "$best_key" ]] || awk -v a="$key" -v b="$best_key" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !((x[1] > y[1]) || (x[1] == y[1] && x[2] > y[2])) }'; then
      best_key="$key"; best_lr="$lr"; best_ep="$ep"
    fi
  done
done
rm -f "$WORK/search.bin" "$WORK/search.pred"
echo "chosen: epoch $best_ep lr $best_lr (valid macro-F1/accuracy $best_key)"

t0=$(now)
fasttext supervised -input "$WORK/train.txt" -output "$WORK/final" -lr "$best_lr" -epoch "$best_ep" "${COMMON[@]}"
t_fit=$(secs "$t0" "$(now)")
t0=$(now)
fasttext predict "$WORK/final.bin" "$WORK/test.txt" > "$WORK/test.pred"
t_pred=$(secs "$t0" "$(now)")
read -r acc mf1 n < <("$PY" "$HERE/fasttext_io.py" score "$WORK/test.txt" "$WORK/test.pred")
if [[ -n "${PREDICTIONS:-}" ]]; then
  fasttext predict-prob "$WORK/final.bin" "$WORK/test.txt" -1 > "$WORK/test.prob"
  "$PY" "$HERE/fasttext_io.py" predictions "$WORK/test.txt" "$WORK/test.prob" "$PREDICTIONS"
fi
t_total=$(secs "$t_all" "$(now)")
echo "TEST accuracy $acc macro-F1 $mf1 (n=$n); final fit ${t_fit}s predict ${t_pred}s total ${t_total}s"
printf '{"peer": "fasttext", "corpus": "%s", "test_accuracy": %s, "test_macro_f1": %s, "n_test": %s, "chosen": {"epoch": %s, "lr": %s}, "settings": "%s", "search": [%s], "seed": %s, "wall_s": {"final_fit": %s, "predict": %s, "total": %s}, "fasttext": "%s", "date_utc": "%s"}\n' \
  "$CORPUS" "$acc" "$mf1" "$n" "$best_ep" "$best_lr" "${COMMON[*]}" "$search_json" "$SEED" "$t_fit" "$t_pred" "$t_total" \
  "$(dpkg-query -W -f='${Version}' fasttext 2>/dev/null || echo unknown)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
