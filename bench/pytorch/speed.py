#!/usr/bin/python3
"""Training ms/step and inference docs/s of a PyTorch twin of a textclf model, on REAL IMDB batches.

  /usr/bin/python3 bench/pytorch/speed.py --model gru-attention --batch 32 --max-len 256 --dim 128 \
      --heads 4 --vocab 10000 --threads 1 --steps 50

Vocabulary from the train split (textclf's rules, see common.py); training batches are drawn from
train, inference batches from test, both cleaned with textclean.py, truncated to --max-len (head),
padded to the longest in the batch, optionally --bucket'ed by length. A training step is forward +
cross-entropy + backward + (optional clipping) + Adam step; inference is eval mode under no_grad
and includes the softmax. --warmup steps are run first and not timed. Prints a human-readable
summary on stderr and ONE JSON line on stdout, for a driver to set beside the Java number.
Timings are only meaningful on a quiet machine.
"""
import argparse
import json
import os
import platform
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import torch  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_model_args(ap)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--steps", type=int, default=50, help="timed training steps")
    ap.add_argument("--warmup", type=int, default=5, help="untimed steps before timing (train and inference)")
    ap.add_argument("--infer-batches", type=int, default=None, help="timed inference batches (default: --steps)")
    ap.add_argument("--infer-batch", type=int, default=None, help="inference batch size (default: --batch)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N train/test documents")
    args = common.finish_args(ap.parse_args())
    infer_batches = args.infer_batches or args.steps
    infer_batch = args.infer_batch or args.batch
    common.set_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    t0 = time.time()
    y_train, train = common.load_corpus(args.shared, args.corpus, "train", args.limit)
    y_test, test = common.load_corpus(args.shared, args.corpus, "test", args.limit)
    vocab = common.Vocabulary.build(train, args.vocab, args.min_count)
    labels = sorted(set(y_train))
    label_id = {y: i for i, y in enumerate(labels)}
    enc_train = [vocab.encode(d, args.max_len) for d in train]
    enc_test = [vocab.encode(d, args.max_len) for d in test]
    gold_train = torch.tensor([label_id[y] for y in y_train])
    t_data = time.time() - t0

    model = common.build_model(args, len(vocab), len(labels))
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.CrossEntropyLoss()

    # enough real batches for warmup + timed steps, cycling through epochs of train if needed
    need = args.warmup + args.steps
    plan = []
    while len(plan) < need:
        plan.extend(common.batches([len(e) for e in enc_train], args.batch, args.bucket, rng))
    plan = plan[:need]
    batches = [common.make_batch(enc_train, idx) + (gold_train[idx],) for idx in plan]

    model.train()
    step_ms = []
    # CPU time of this thread: with --threads 1 every kernel runs on it, and unlike wall time it
    # does not count the time other processes hold the CPU (textclf's StepTiming reports the same).
    step_cpu_ms = []
    for s, (ids, mask, gold) in enumerate(batches):
        t = time.perf_counter()
        c = time.thread_time()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(ids, mask), gold)
        loss.backward()
        if args.clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        opt.step()
        if s >= args.warmup:
            step_ms.append((time.perf_counter() - t) * 1000)
            step_cpu_ms.append((time.thread_time() - c) * 1000)
    train_t = [b[0].shape[1] for b in batches[args.warmup:]]
    train_fill = sum(float(b[1].sum()) for b in batches[args.warmup:]) / sum(b[1].numel() for b in batches[args.warmup:])

    # inference over test documents in their file order (or bucketed), eval mode, no_grad
    need = args.warmup + infer_batches
    iplan = common.batches([len(e) for e in enc_test], infer_batch, args.bucket, random.Random(args.seed + 1))
    while len(iplan) < need:
        iplan = iplan + iplan
    ibatches = [common.make_batch(enc_test, idx) for idx in iplan[:need]]
    model.eval()
    infer_ms = []
    infer_cpu_ms = []
    docs = 0
    with torch.inference_mode():
        for s, (ids, mask) in enumerate(ibatches):
            t = time.perf_counter()
            c = time.thread_time()
            torch.softmax(model(ids, mask), dim=-1)
            if s >= args.warmup:
                infer_ms.append((time.perf_counter() - t) * 1000)
                infer_cpu_ms.append((time.thread_time() - c) * 1000)
                docs += ids.shape[0]
    infer_t = [b[0].shape[1] for b in ibatches[args.warmup:]]

    result = {
        "impl": "pytorch", "model": args.model, "corpus": args.corpus,
        "train_ms_per_step": {"median": round(statistics.median(step_ms), 2), "mean": round(statistics.fmean(step_ms), 2),
                              "min": round(min(step_ms), 2), "steps": len(step_ms)},
        "thread_cpu": {"train_ms_per_step_mean": round(statistics.fmean(step_cpu_ms), 2),
                       "inference_ms_per_batch_mean": round(statistics.fmean(infer_cpu_ms), 2)},
        "inference": {"docs_per_s": round(docs / (sum(infer_ms) / 1000), 1),
                      "median_ms_per_batch": round(statistics.median(infer_ms), 2), "batches": len(infer_ms),
                      "batch": infer_batch, "mean_padded_len": round(statistics.fmean(infer_t), 1)},
        "train_mean_padded_len": round(statistics.fmean(train_t), 1), "train_real_token_fraction": round(train_fill, 4),
        "config": {"batch": args.batch, "max_len": args.max_len, "dim": args.dim, "hidden": args.hidden,
                   "heads": args.heads, "layers": args.layers, "gru_layers": args.gru_layers, "ff": args.ff,
                   "dropout": args.dropout, "vocab": len(vocab), "buckets": args.buckets, "attention": args.attention,
                   "fastpath": args.fastpath, "bucket_by_length": args.bucket, "threads": torch.get_num_threads(),
                   "lr": args.lr, "clip": args.clip, "seed": args.seed, "warmup": args.warmup, "limit": args.limit},
        "params": params, "data_prep_s": round(t_data, 1),
        "versions": {"python": platform.python_version(), "torch": torch.__version__},
        "env": {k: os.environ[k] for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS") if k in os.environ},
        "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(f"{args.model}: train {result['train_ms_per_step']['median']} ms/step (median of {len(step_ms)}, "
          f"mean padded T {result['train_mean_padded_len']}), inference {result['inference']['docs_per_s']} docs/s; "
          f"threads {torch.get_num_threads()}, params {params}", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
