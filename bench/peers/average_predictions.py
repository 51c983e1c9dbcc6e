#!/usr/bin/python3
"""The peers' counterpart of textclf's ensembles: averages the scores of several predictions files (textclf's JSON
Lines format, as written by tfidf_logreg.py --predictions and PREDICTIONS=... fasttext.sh) document by document,
with equal weights, and decides each label by the highest mean score (single-label files only).

  /usr/bin/python3 bench/peers/average_predictions.py A.jsonl B.jsonl [...] --output MEAN.jsonl

The files must list the same documents (ids and gold labels) in the same order; anything else is an error naming
the file and line.
"""
import argparse
import json

import predictions_jsonl


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="predictions files (JSON Lines)")
    ap.add_argument("--output", required=True)
    args = ap.parse_args()
    if len(args.inputs) < 2:
        raise SystemExit("give at least two predictions files")
    files = [open(p, encoding="utf-8") for p in args.inputs]

    def records():
        n = 0
        for n, lines in enumerate(zip(*files), start=1):
            rows = [json.loads(line) for line in lines]
            first = rows[0]
            total = {label: 0.0 for label in first["scores"]}
            for path, row in zip(args.inputs, rows):
                if row["id"] != first["id"] or row.get("gold") != first.get("gold") or set(row["scores"]) != set(total):
                    raise SystemExit(f"{path}:{n}: document {row['id']!r} does not match {args.inputs[0]}:{n}"
                                     f" ({first['id']!r}): the files must list the same documents and labels")
                for label, v in row["scores"].items():
                    total[label] += v
            scores = {label: v / len(rows) for label, v in total.items()}
            yield {"id": first["id"], "gold": first.get("gold"), "label": max(scores, key=lambda label: scores[label]),
                   "scores": scores}
        for f in files:
            if f.readline():
                raise SystemExit(f"{f.name}: more documents than the other files ({n})")
            f.close()

    n = predictions_jsonl.write(args.output, records())
    print(f"{n} documents averaged over {len(args.inputs)} files -> {args.output}")


if __name__ == "__main__":
    main()
