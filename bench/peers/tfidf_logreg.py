#!/usr/bin/python3
"""Peer: TF-IDF (word uni+bigrams, sublinear tf) + logistic regression, scikit-learn.

Tokens come from bench/python/textclean.py (textclf's default cleaning), so the peer sees the same
words as textclf. C is chosen on a validation set that never touches test: the corpus' official
valid split when it has one (SST-2), else a stratified hold-out of TRAIN (--valid-fraction, seeded).
The vectorizer is fitted on the tuning-train part for the search, then everything is refitted on the
whole train split with the chosen C and evaluated once on test.

  /usr/bin/python3 bench/peers/tfidf_logreg.py --corpus imdb
  /usr/bin/python3 bench/peers/tfidf_logreg.py --corpus imdb --c-grid 8 --predictions peer.jsonl

--predictions writes one JSON line per test document in textclf's predictions format (id "test.tsv.gz:<line>",
gold, label, scores), so `textclf metrics textclf.jsonl --compare peer.jsonl` can test the difference.

Prints a human-readable log and, last, one JSON line with every number.
"""
import argparse
import json
import os
import platform
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import textclean  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

DEFAULT_SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")


def vectorizer(min_df, max_features):
    # Input is already cleaned text (tokens joined by single spaces): split on spaces only.
    return TfidfVectorizer(analyzer="word", token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2),
                           sublinear_tf=True, min_df=min_df, max_df=1.0, max_features=max_features,
                           dtype=np.float32)


def model(c, n_classes, seed):
    if n_classes == 2:
        return LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=seed)
    return LogisticRegression(C=c, solver="lbfgs", max_iter=3000, random_state=seed)


def write_predictions(path, gold, pred, proba, classes):
    """The test predictions in textclf's format (predictions_jsonl)."""
    import predictions_jsonl
    predictions_jsonl.write(path, ({"id": predictions_jsonl.test_id(i), "gold": g, "label": p,
                                    "scores": {c: float(v) for c, v in zip(classes, row)}}
                                   for i, (g, p, row) in enumerate(zip(gold, pred, proba))))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="imdb", help="folder under <shared>/corpora (imdb, sst2, trec6, reuters21578)")
    ap.add_argument("--shared", default=os.environ.get("TEXTCLF_SHARED", DEFAULT_SHARED))
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--valid-fraction", type=float, default=0.1)
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--max-features", type=int, default=None)
    ap.add_argument("--c-grid", default="0.25,0.5,1,2,4,8,16,32,64,128,256")
    ap.add_argument("--predictions", default=None, help="write test predictions as JSON lines (textclf's format)")
    args = ap.parse_args()

    t_start = time.time()
    base = os.path.join(args.shared, "corpora", args.corpus)
    y_train, x_train = textclean.read_tsv(os.path.join(base, "train.tsv.gz"))
    y_test, x_test = textclean.read_tsv(os.path.join(base, "test.tsv.gz"))
    valid_path = os.path.join(base, "valid.tsv.gz")
    t0 = time.time()
    x_train = [textclean.clean(t) for t in x_train]
    x_test = [textclean.clean(t) for t in x_test]
    if os.path.exists(valid_path):
        y_valid, x_valid = textclean.read_tsv(valid_path)
        x_valid = [textclean.clean(t) for t in x_valid]
        x_tune, y_tune, valid_source = x_train, y_train, "official valid split"
    else:
        x_tune, x_valid, y_tune, y_valid = train_test_split(
            x_train, y_train, test_size=args.valid_fraction, random_state=args.seed, stratify=y_train)
        valid_source = f"stratified {args.valid_fraction:g} hold-out of train (seed {args.seed})"
    t_clean = time.time() - t0
    labels = sorted(set(y_train))
    print(f"{args.corpus}: train {len(x_train)}, tune {len(x_tune)}, valid {len(x_valid)} ({valid_source}), "
          f"test {len(x_test)}, labels {labels}; cleaning {t_clean:.1f}s", flush=True)

    t0 = time.time()
    vec = vectorizer(args.min_df, args.max_features)
    a_tune = vec.fit_transform(x_tune)
    a_valid = vec.transform(x_valid)
    grid = [float(c) for c in args.c_grid.split(",")]
    search = []
    for c in grid:
        clf = model(c, len(labels), args.seed).fit(a_tune, y_tune)
        p = clf.predict(a_valid)
        acc, mf1 = accuracy_score(y_valid, p), f1_score(y_valid, p, average="macro")
        search.append({"C": c, "valid_accuracy": round(acc, 5), "valid_macro_f1": round(mf1, 5)})
        print(f"  C={c:<6g} valid accuracy {acc:.4f} macro-F1 {mf1:.4f}", flush=True)
    # select on macro-F1 (textclf's default early-stopping metric); ties -> smaller C (more regularised)
    best = max(search, key=lambda r: (r["valid_macro_f1"], -r["C"]))
    if best["C"] in (min(grid), max(grid)):
        print(f"WARNING: chosen C={best['C']:g} is at the edge of the grid {grid}: widen --c-grid", flush=True)
    t_search = time.time() - t0

    t0 = time.time()
    vec = vectorizer(args.min_df, args.max_features)
    a_train = vec.fit_transform(x_train)
    clf = model(best["C"], len(labels), args.seed).fit(a_train, y_train)
    t_fit = time.time() - t0
    t0 = time.time()
    a_test = vec.transform(x_test)
    pred = clf.predict(a_test)
    t_predict = time.time() - t0
    if args.predictions:
        write_predictions(args.predictions, y_test, pred, clf.predict_proba(a_test), list(clf.classes_))
    acc = accuracy_score(y_test, pred)
    mf1 = f1_score(y_test, pred, average="macro")
    print(f"chosen C={best['C']:g}; features {a_train.shape[1]}; TEST accuracy {acc:.4f} macro-F1 {mf1:.4f}; "
          f"fit {t_fit:.1f}s predict {t_predict:.1f}s total {time.time() - t_start:.1f}s", flush=True)
    print(json.dumps({
        "peer": "tfidf_logreg", "corpus": args.corpus, "test_accuracy": round(acc, 5), "test_macro_f1": round(mf1, 5),
        "chosen_C": best["C"], "search": search, "valid": valid_source, "n_train": len(x_train), "n_test": len(x_test),
        "features": int(a_train.shape[1]), "min_df": args.min_df, "ngram_range": [1, 2], "sublinear_tf": True,
        "solver": "liblinear" if len(labels) == 2 else "lbfgs (multinomial)", "seed": args.seed,
        "wall_s": {"clean": round(t_clean, 1), "search": round(t_search, 1), "fit": round(t_fit, 1),
                   "predict": round(t_predict, 1), "total": round(time.time() - t_start, 1)},
        "versions": {"python": platform.python_version(), "sklearn": sklearn.__version__, "numpy": np.__version__},
        "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }))


if __name__ == "__main__":
    main()
