#!/usr/bin/python3
"""Helpers for bench/peers/fasttext.sh (not meant to be run by hand).

  convert SHARED CORPUS OUTDIR SEED VALID_FRACTION
      writes OUTDIR/{tune,valid,train,test}.txt in fastText format (`__label__<label> <cleaned tokens>`),
      tokens from bench/python/textclean.py. valid = the official valid split when the corpus has one,
      else a stratified hold-out of train (tune = the rest of train). Never touches the repo.
  score GOLD.txt PRED.txt
      prints `accuracy macro_f1 n` over ALL documents of GOLD (a document fastText gives no label,
      e.g. an empty one, counts as wrong), with scikit-learn's metrics.
  predictions GOLD.txt PROB.txt OUT.jsonl
      turns `fasttext predict-prob MODEL GOLD.txt -1` output (every label with its probability) into textclf's
      predictions JSONL (id "test.tsv.gz:<line>", gold, label, scores), for `textclf metrics --compare`.
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import textclean  # noqa: E402

PREFIX = "__label__"


def write(path, labels, texts):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for y, x in zip(labels, texts):
            if " " in y:
                raise ValueError(f"label {y!r} contains a space: fastText cannot represent it")
            f.write(f"{PREFIX}{y} {x}\n")
    os.replace(tmp, path)


def convert(shared, corpus, outdir, seed, valid_fraction):
    base = os.path.join(shared, "corpora", corpus)
    os.makedirs(outdir, exist_ok=True)
    y_train, x_train = textclean.read_tsv(os.path.join(base, "train.tsv.gz"))
    y_test, x_test = textclean.read_tsv(os.path.join(base, "test.tsv.gz"))
    x_train = [textclean.clean(t) for t in x_train]
    x_test = [textclean.clean(t) for t in x_test]
    valid_path = os.path.join(base, "valid.tsv.gz")
    if os.path.exists(valid_path):
        y_valid, x_valid = textclean.read_tsv(valid_path)
        x_valid = [textclean.clean(t) for t in x_valid]
        y_tune, x_tune, how = y_train, x_train, "official valid split"
    else:
        # stratified, seeded hold-out of train: shuffle the indices of each label, take the fraction
        rng = random.Random(seed)
        valid_idx = set()
        for label in sorted(set(y_train)):
            idx = [i for i, y in enumerate(y_train) if y == label]
            rng.shuffle(idx)
            valid_idx.update(idx[:round(len(idx) * valid_fraction)])
        y_valid = [y for i, y in enumerate(y_train) if i in valid_idx]
        x_valid = [x for i, x in enumerate(x_train) if i in valid_idx]
        y_tune = [y for i, y in enumerate(y_train) if i not in valid_idx]
        x_tune = [x for i, x in enumerate(x_train) if i not in valid_idx]
        how = f"stratified {valid_fraction:g} hold-out of train (seed {seed})"
    # fastText reads its training file in order; shuffle it (seeded) so a label-sorted corpus is not a problem
    for name, ys, xs, shuffle in (("tune", y_tune, x_tune, True), ("valid", y_valid, x_valid, False),
                                  ("train", y_train, x_train, True), ("test", y_test, x_test, False)):
        order = list(range(len(ys)))
        if shuffle:
            random.Random(seed).shuffle(order)
        write(os.path.join(outdir, name + ".txt"), [ys[i] for i in order], [xs[i] for i in order])
    print(f"{corpus}: tune {len(y_tune)} valid {len(y_valid)} ({how}) train {len(y_train)} test {len(y_test)} -> {outdir}")


def score(gold_path, pred_path):
    from sklearn.metrics import accuracy_score, f1_score
    with open(gold_path, encoding="utf-8") as f:
        gold = [line.split(" ", 1)[0][len(PREFIX):] for line in f.read().split("\n") if line]
    with open(pred_path, encoding="utf-8") as f:
        pred = [line.strip()[len(PREFIX):] if line.strip() else "<none>" for line in f.read().split("\n")]
    pred = pred[:len(gold)]
    if len(pred) != len(gold):
        raise SystemExit(f"{pred_path}: {len(pred)} predictions for {len(gold)} documents in {gold_path}")
    print(f"{accuracy_score(gold, pred):.5f} {f1_score(gold, pred, average='macro'):.5f} {len(gold)}")


def predictions(gold_path, prob_path, out_path):
    import predictions_jsonl
    with open(gold_path, encoding="utf-8") as f:
        gold = [line.split(" ", 1)[0][len(PREFIX):] for line in f.read().split("\n") if line]
    labels = sorted(set(gold))
    with open(prob_path, encoding="utf-8") as f:
        rows = [line.split() for line in f.read().split("\n")][:len(gold)]
    if len(rows) != len(gold):
        raise SystemExit(f"{prob_path}: {len(rows)} lines for {len(gold)} documents in {gold_path}")

    def records():
        for i, (g, row) in enumerate(zip(gold, rows)):
            scores = {label: 0.0 for label in labels}
            for k in range(0, len(row) - 1, 2):
                scores[row[k][len(PREFIX):]] = float(row[k + 1])
            yield {"id": predictions_jsonl.test_id(i), "gold": g,
                   "label": max(labels, key=lambda label: scores[label]), "scores": scores}

    predictions_jsonl.write(out_path, records())


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "convert":
        convert(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6]))
    elif len(sys.argv) == 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "predictions":
        predictions(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        raise SystemExit(__doc__)
