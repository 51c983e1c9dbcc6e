#!/usr/bin/python3
"""Time-to-accuracy of a PyTorch twin of a textclf model (IMDB by default).

  /usr/bin/python3 bench/pytorch/train.py --model gru-attention --epochs 10 --threads 2 --bucket

A validation split is held out from TRAIN (stratified, seeded, --valid-fraction); the vocabulary is
built from the remaining training documents only (textclf's rules, see common.py). Adam, optional
gradient clipping, seeded data order; after every epoch: train loss, validation accuracy/macro-F1,
and - for the time-to-accuracy curve only, never for any choice - test accuracy. Early stopping on
validation macro-F1 (--patience), the best epoch's weights restored and evaluated on test at the end.
`elapsed_s` counts training and validation only; test evaluation time is excluded and reported apart.
Prints one human-readable line and one JSON line ("epoch") per epoch, and a final JSON line ("final").
"""
import argparse
import copy
import json
import math
import os
import platform
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import torch  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402


def evaluate(model, encoded, gold, batch):
    """(accuracy, macro-F1) with length-sorted batches (order does not change the predictions)."""
    model.eval()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    pred = [0] * len(encoded)
    with torch.inference_mode():
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            ids, mask = common.make_batch(encoded, idx)
            for i, p in zip(idx, model(ids, mask).argmax(dim=-1).tolist()):
                pred[i] = p
    model.train()
    return accuracy_score(gold, pred), f1_score(gold, pred, average="macro")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_model_args(ap)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--eval-batch", type=int, default=128)
    ap.add_argument("--patience", type=int, default=2, help="epochs without a better validation macro-F1")
    ap.add_argument("--valid-fraction", type=float, default=0.1)
    ap.add_argument("--train-limit", type=int, default=None, help="use only the first N train documents")
    ap.add_argument("--test-limit", type=int, default=None, help="use only the first N test documents")
    ap.add_argument("--weight-decay", type=float, default=0.0, help="> 0: AdamW with this decay (textclf's default 0.01)")
    ap.add_argument("--schedule", choices=["constant", "warmup-cosine", "warmup-linear"], default="constant",
                    help="per-step learning rate as textclf's LearningRates (warm-up over --warmup-fraction of all steps)")
    ap.add_argument("--warmup-fraction", type=float, default=0.1)
    ap.add_argument("--vectors", default=None, help="start the word embeddings from this .vec file (word2vec text)")
    ap.add_argument("--no-test-each-epoch", action="store_true", help="evaluate test only at the end")
    args = common.finish_args(ap.parse_args())
    common.set_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    t0 = time.time()
    y_all, docs_all = common.load_corpus(args.shared, args.corpus, "train", args.train_limit)
    y_test, docs_test = common.load_corpus(args.shared, args.corpus, "test", args.test_limit)
    tr, va = common.holdout(y_all, args.valid_fraction, args.seed)
    vocab = common.Vocabulary.build([docs_all[i] for i in tr], args.vocab, args.min_count)
    labels = sorted(set(y_all))
    lid = {y: i for i, y in enumerate(labels)}
    enc_tr = [vocab.encode(docs_all[i], args.max_len, args.truncation) for i in tr]
    gold_tr = torch.tensor([lid[y_all[i]] for i in tr])
    enc_va = [vocab.encode(docs_all[i], args.max_len, args.truncation) for i in va]
    gold_va = [lid[y_all[i]] for i in va]
    enc_te = [vocab.encode(d, args.max_len, args.truncation) for d in docs_test]
    gold_te = [lid[y] for y in y_test]
    t_data = time.time() - t0
    print(f"{args.corpus}: train {len(tr)} valid {len(va)} test {len(enc_te)}; vocab {len(vocab)}; labels {labels}; "
          f"data prep {t_data:.1f}s; threads {torch.get_num_threads()}", flush=True)

    model = common.build_model(args, len(vocab), len(labels))
    if args.vectors:
        print(f"vectors {args.vectors}: {common.load_vectors(model, vocab, args.vectors):.4f} of the vocabulary", flush=True)
    if args.weight_decay > 0:
        opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    steps_per_epoch = (len(enc_tr) + args.batch - 1) // args.batch
    total_steps = steps_per_epoch * args.epochs
    warmup_steps = int(args.warmup_fraction * total_steps + 0.5)  # Java Math.round

    def lr_at(step):  # textclf's LearningRates.at, as a factor of the peak
        if args.schedule == "constant":
            return 1.0
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        progress = min(1.0, (step - warmup_steps) / max(1, total_steps - warmup_steps))
        return 1 - progress if args.schedule == "warmup-linear" else 0.5 * (1 + math.cos(math.pi * progress))
    step = 0
    loss_fn = torch.nn.CrossEntropyLoss()
    lengths = [len(e) for e in enc_tr]
    best = {"macro_f1": -1.0, "epoch": 0, "state": None}
    elapsed = 0.0
    test_eval_s = 0.0
    curve = []
    for epoch in range(1, args.epochs + 1):
        t_ep = time.time()
        model.train()
        total, n = 0.0, 0
        for idx in common.batches(lengths, args.batch, args.bucket, rng):
            ids, mask = common.make_batch(enc_tr, idx)
            for g in opt.param_groups:
                g["lr"] = args.lr * lr_at(step)
            step += 1
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(ids, mask), gold_tr[idx])
            loss.backward()
            if args.clip > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            opt.step()
            total += loss.item() * len(idx)
            n += len(idx)
        va_acc, va_f1 = evaluate(model, enc_va, gold_va, args.eval_batch)
        elapsed += time.time() - t_ep
        te_acc = None
        if not args.no_test_each_epoch:
            t_te = time.time()
            te_acc, _ = evaluate(model, enc_te, gold_te, args.eval_batch)
            test_eval_s += time.time() - t_te
        row = {"event": "epoch", "epoch": epoch, "train_loss": round(total / n, 5), "valid_accuracy": round(va_acc, 5),
               "valid_macro_f1": round(va_f1, 5), "test_accuracy": None if te_acc is None else round(te_acc, 5),
               "elapsed_s": round(elapsed, 1)}
        curve.append(row)
        print(f"epoch {epoch}: loss {row['train_loss']:.4f} valid acc {va_acc:.4f} macro-F1 {va_f1:.4f} "
              f"test acc {'-' if te_acc is None else f'{te_acc:.4f}'} elapsed {elapsed:.1f}s", flush=True)
        print(json.dumps(row), flush=True)
        if va_f1 > best["macro_f1"]:
            best = {"macro_f1": va_f1, "epoch": epoch, "state": copy.deepcopy(model.state_dict())}
        elif epoch - best["epoch"] >= args.patience:
            print(f"early stop: no better validation macro-F1 for {args.patience} epochs", flush=True)
            break

    model.load_state_dict(best["state"])
    t_te = time.time()
    te_acc, te_f1 = evaluate(model, enc_te, gold_te, args.eval_batch)
    test_eval_s += time.time() - t_te
    final = {"event": "final", "impl": "pytorch", "model": args.model, "corpus": args.corpus,
             "best_epoch": best["epoch"], "best_valid_macro_f1": round(best["macro_f1"], 5),
             "test_accuracy": round(te_acc, 5), "test_macro_f1": round(te_f1, 5), "train_elapsed_s": round(elapsed, 1),
             "test_eval_s": round(test_eval_s, 1), "data_prep_s": round(t_data, 1), "curve": curve,
             "config": {k: v for k, v in vars(args).items() if k != "shared"}, "n_train": len(tr), "n_valid": len(va),
             "n_test": len(enc_te), "vocab": len(vocab), "params": sum(p.numel() for p in model.parameters()),
             "threads": torch.get_num_threads(),
             "versions": {"python": platform.python_version(), "torch": torch.__version__},
             "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    print(f"best epoch {best['epoch']} (valid macro-F1 {best['macro_f1']:.4f}): TEST accuracy {te_acc:.4f} "
          f"macro-F1 {te_f1:.4f}; training {elapsed:.1f}s", flush=True)
    print(json.dumps(final))


if __name__ == "__main__":
    main()
