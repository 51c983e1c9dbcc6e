#!/usr/bin/env bash
# imdb-train-skipgram128.vec rescaled so that its values have the standard deviation of textclf's random
# embedding initialisation, 1/sqrt(dim) (one factor for the whole table, so directions and relative lengths are
# kept). Why: the Transformer multiplies embeddings by sqrt(dim) and adds sinusoidal positions of unit scale, as
# in "Attention is all you need"; fastText's vectors are 2.7x larger (std 0.235 against 0.088 at dim 128), which
# drowns the positions and sharpens the first attention's softmax.
#
#   experiments/vectors/imdb-train-skipgram128-unit.sh   # writes experiments/vectors/imdb-train-skipgram128-unit.vec
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/imdb-train-skipgram128.vec"
out="$here/imdb-train-skipgram128-unit.vec"
if [[ -s "$out" ]]; then
  echo "imdb-train-skipgram128-unit: $out exists; delete it to rebuild" >&2
  exit 0
fi
[[ -s "$src" ]] || "$here/imdb-train-skipgram128.sh"
# Two passes over the file: the values' standard deviation, then every value times (1/sqrt(dim)) / std.
LC_ALL=C awk 'NR == FNR { if (FNR > 1) for (i = 2; i <= NF; i++) { s += $i; q += $i * $i; n++ }; next }
  FNR == 1 { m = s / n; f = (1 / sqrt($2)) / sqrt(q / n - m * m); print; next }
  { printf "%s", $1; for (i = 2; i <= NF; i++) printf " %.6g", $i * f; printf "\n" }' "$src" "$src" > "$out.tmp"
mv "$out.tmp" "$out"
echo "imdb-train-skipgram128-unit: wrote $out" >&2
