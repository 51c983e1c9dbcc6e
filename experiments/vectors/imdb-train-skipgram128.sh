#!/usr/bin/env bash
# In-domain word vectors for the IMDB experiments that name them (imdb-sg*.yaml): fastText skipgram vectors
# trained on the TRAINING split's text only (no labels, no test text), tokenized by textclf's own default
# pipeline so that the vectors' words are exactly the vocabulary's tokens. One thread and a fixed seed make
# fastText deterministic: the same input gives the same file.
#
#   experiments/vectors/imdb-train-skipgram128.sh   # writes experiments/vectors/imdb-train-skipgram128.vec
#
# Needs the `fasttext` command (Debian: apt-get install fasttext) and ../shared/corpora/imdb. About 15-20
# minutes of one core (fastText: "-thread 1 to ensure reproducible results", its own help text). The .vec file is derived data (about 60 MB) and is not committed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
train="${IMDB_TRAIN:-$root/../shared/corpora/imdb/train.tsv.gz}"
out="$here/imdb-train-skipgram128.vec"

if [[ -s "$out" ]]; then
  echo "imdb-train-skipgram128: $out exists; delete it to rebuild" >&2
  exit 0
fi
command -v fasttext >/dev/null || { echo "imdb-train-skipgram128: the fasttext command is missing (apt-get install fasttext)" >&2; exit 1; }
[[ -f "$train" ]] || { echo "imdb-train-skipgram128: $train not found" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# label<TAB>tokens -> tokens: the same cleaning and tokenizer as training (default pipeline).
"$root/textclf" preprocess --input "$train" --format tsv | cut -f2- > "$work/train.txt"
fasttext skipgram -input "$work/train.txt" -output "$work/sg" -dim 128 -epoch 5 -minCount 2 -thread 1 -seed 42 \
  > "$work/fasttext.log" 2>&1 || { cat "$work/fasttext.log" >&2; exit 1; }
mv "$work/sg.vec" "$out.tmp" && mv "$out.tmp" "$out"
echo "imdb-train-skipgram128: wrote $out ($(head -1 "$out"))" >&2
