"""Data pipeline and models shared by bench/pytorch/speed.py and bench/pytorch/train.py.

The PyTorch twins of textclf's SameDiff models, fed exactly like textclf feeds them:
- tokens from bench/python/textclean.py (textclf's default cleaning);
- vocabulary from the training documents: <pad> = 0, <unk> = 1, then tokens by count descending,
  ties by token in code-point order, at most `max_size` entries including the two specials;
- documents truncated to their first `max_len` ids (textclf's default HEAD truncation);
- batches padded on the right to the longest document in the batch, mask 1 = real token;
- optional length bucketing (seeded): see `batches`.
A document with zero tokens gets an all-zero mask; attention then lets it see position 0 (a PAD
embedding, zero) so softmax stays finite, and masked mean pooling gives a zero vector.
"""
import hashlib
import json
import math
import os
import random
import sys
from collections import Counter

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import textclean  # noqa: E402

DEFAULT_SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")
PAD_ID, UNK_ID = 0, 1


# ---------------------------------------------------------------- data

CACHE_DIR = os.environ.get("TEXTCLF_BENCH_CACHE", "/tmp/textclf-bench/cache")


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_corpus(shared, corpus, split, limit=None):
    """(labels, token lists) of <shared>/corpora/<corpus>/<split>.tsv.gz (the first `limit` rows).
    Full splits are cached as JSON under CACHE_DIR (env TEXTCLF_BENCH_CACHE; "" disables), keyed
    by the SHA-256 of the data file and of textclean.py, so a changed file or cleaner misses."""
    path = os.path.join(shared, "corpora", corpus, split + ".tsv.gz")
    cache = None
    if limit is None and CACHE_DIR:
        key = _sha256(path)[:16] + "-" + _sha256(textclean.__file__)[:16]
        cache = os.path.join(CACHE_DIR, f"{corpus}-{split}-{key}.json")
        if os.path.exists(cache):
            with open(cache, encoding="utf-8") as f:
                data = json.load(f)
            return data["labels"], data["tokens"]
    labels, texts = textclean.read_tsv(path)
    if limit is not None:
        labels, texts = labels[:limit], texts[:limit]
    tokens = [textclean.tokens(t) for t in texts]
    if cache:
        os.makedirs(CACHE_DIR, exist_ok=True)
        tmp = f"{cache}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"labels": labels, "tokens": tokens}, f, ensure_ascii=False)
        os.replace(tmp, cache)
    return labels, tokens


def holdout(labels, fraction, seed):
    """Stratified, seeded hold-out: (train indices, valid indices), each sorted."""
    rng = random.Random(seed)
    valid = set()
    for label in sorted(set(labels)):
        idx = [i for i, y in enumerate(labels) if y == label]
        rng.shuffle(idx)
        valid.update(idx[:round(len(idx) * fraction)])
    return [i for i in range(len(labels)) if i not in valid], sorted(valid)


class Vocabulary:
    def __init__(self, tokens):
        self.tokens = list(tokens)
        self.index = {t: i for i, t in enumerate(self.tokens)}

    @staticmethod
    def build(docs, max_size, min_count=1):
        if max_size < 3:
            raise ValueError(f"max_size must be >= 3 (two specials + one token), was {max_size}")
        counts = Counter(t for d in docs for t in d)
        # Python compares str by code point: the same tie order as textclf's VocabularyBuilder
        ranked = sorted((t for t, c in counts.items() if c >= min_count), key=lambda t: (-counts[t], t))
        return Vocabulary(["<pad>", "<unk>"] + ranked[:max_size - 2])

    def __len__(self):
        return len(self.tokens)

    def encode(self, doc, max_len, truncation="head"):
        """Ids of doc; a longer doc keeps its first max_len tokens (head) or, like textclf's HEAD_TAIL,
        its first ceil(max_len / 2) and last floor(max_len / 2) tokens (head-tail)."""
        get = self.index.get
        if truncation == "head-tail" and len(doc) > max_len:
            tail = max_len // 2
            doc = doc[:max_len - tail] + (doc[-tail:] if tail else [])
        return [get(t, UNK_ID) for t in doc[:max_len]]


def batches(lengths, batch_size, bucket, rng):
    """Lists of document indices. Without bucketing: a seeded shuffle cut into batches. With
    bucketing: the shuffled order is cut into pools of 50 batches, each pool sorted by length and
    cut into batches, then the batch order is shuffled: similar lengths share a batch, so less
    padding, while every epoch still sees a different order."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    if not bucket:
        return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    pool = batch_size * 50
    out = []
    for p in range(0, len(order), pool):
        chunk = sorted(order[p:p + pool], key=lambda i: lengths[i])
        out.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(out)
    return out


def make_batch(encoded, idx):
    """(ids LongTensor [B,T], mask FloatTensor [B,T]) padded to the longest document (T >= 1)."""
    t = max(1, max(len(encoded[i]) for i in idx))
    ids = torch.zeros((len(idx), t), dtype=torch.long)
    mask = torch.zeros((len(idx), t), dtype=torch.float32)
    for r, i in enumerate(idx):
        n = len(encoded[i])
        if n:
            ids[r, :n] = torch.tensor(encoded[i], dtype=torch.long)
            mask[r, :n] = 1.0
    return ids, mask


# ---------------------------------------------------------------- models

def key_padding_mask(mask):
    """Bool [B,T], True = ignore. An empty document may attend to position 0 (see module doc)."""
    kpm = mask == 0
    empty = kpm.all(dim=1)
    if empty.any():
        kpm = kpm.clone()
        kpm[empty, 0] = False
    return kpm


def masked_mean(x, mask):
    """Mean of x [B,T,D] over real positions; never reads a padded position; zeros when empty."""
    m = mask.unsqueeze(-1)
    return (x * m).sum(dim=1) / m.sum(dim=1).clamp(min=1.0)


def _embedding(vocab, dim):
    emb = nn.Embedding(vocab, dim, padding_idx=PAD_ID)
    nn.init.normal_(emb.weight, std=dim ** -0.5)
    with torch.no_grad():
        emb.weight[PAD_ID].zero_()
    return emb


class MatmulAttention(nn.Module):
    """Multi-head scaled dot-product self-attention from matmul/softmax with an additive mask
    (the form the SameDiff notes found at least as fast as the fused op). No projection biases,
    like SameDiff's multiHeadDotProductAttention (Wq, Wk, Wv, Wo only)."""

    def __init__(self, dim, heads):
        super().__init__()
        if dim % heads:
            raise ValueError(f"dim must be divisible by heads, was {dim} and {heads}")
        self.heads, self.dh = heads, dim // heads
        self.qkv = nn.Linear(dim, 3 * dim, bias=False)
        self.out = nn.Linear(dim, dim, bias=False)

    def forward(self, x, kpm):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, self.dh).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.dh)
        scores = scores + kpm[:, None, None, :].to(x.dtype) * -1e9
        a = torch.softmax(scores, dim=-1) @ v
        return self.out(a.transpose(1, 2).reshape(b, t, d))


class FusedAttention(nn.Module):
    """nn.MultiheadAttention with key_padding_mask. It keeps its projection biases: torch 1.13's
    inference fast path fails with bias=False (qkv_bias None), and PyTorch users keep the default."""

    def __init__(self, dim, heads):
        super().__init__()
        self.mha = nn.MultiheadAttention(dim, heads, batch_first=True)

    def forward(self, x, kpm):
        return self.mha(x, x, x, key_padding_mask=kpm, need_weights=False)[0]


class GruAttention(nn.Module):
    """Embedding -> GRU -> multi-head self-attention (key padding mask) -> masked mean -> dropout -> Linear."""

    def __init__(self, vocab, dim, hidden, heads, classes, dropout, layers=1, attention="mha", bidirectional=False):
        super().__init__()
        self.emb = _embedding(vocab, dim)
        self.bidirectional = bidirectional
        self.gru = nn.GRU(dim, hidden, num_layers=layers, batch_first=True, bidirectional=bidirectional)
        width = 2 * hidden if bidirectional else hidden
        self.attn = FusedAttention(width, heads) if attention == "mha" else MatmulAttention(width, heads)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(width, classes)

    def forward(self, ids, mask):
        x = self.emb(ids)
        if self.bidirectional:
            # packed, so the backward direction starts at each document's last real token, not at padding
            lengths = mask.sum(dim=1).clamp(min=1).long()
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = nn.utils.rnn.pad_packed_sequence(self.gru(packed)[0], batch_first=True, total_length=ids.shape[1])
        else:
            # right-padded and unidirectional: outputs at real positions never depend on the padding
            h, _ = self.gru(x)
        a = self.attn(h, key_padding_mask(mask))
        return self.out(self.drop(masked_mean(a, mask)))


def sinusoidal(max_len, dim):
    pos = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
    div = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32) * (-math.log(10000.0) / dim))
    pe = torch.zeros(max_len, dim)
    pe[:, 0::2] = torch.sin(pos * div)
    pe[:, 1::2] = torch.cos(pos * div)
    return pe


class TransformerClassifier(nn.Module):
    """Embedding * sqrt(d) + sinusoidal PE -> N post-LN encoder blocks (src_key_padding_mask) ->
    masked mean -> dropout -> Linear. `fastpath` = nn.TransformerEncoder's enable_nested_tensor
    (PyTorch's default True: at inference it skips padded positions)."""

    def __init__(self, vocab, dim, heads, layers, ff, classes, dropout, max_len, fastpath=True):
        super().__init__()
        self.dim = dim
        self.emb = _embedding(vocab, dim)
        self.register_buffer("pe", sinusoidal(max_len, dim), persistent=False)
        self.drop_in = nn.Dropout(dropout)
        block = nn.TransformerEncoderLayer(dim, heads, dim_feedforward=ff, dropout=dropout, activation="relu",
                                           batch_first=True, norm_first=False)
        self.enc = nn.TransformerEncoder(block, layers, enable_nested_tensor=fastpath)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(dim, classes)

    def forward(self, ids, mask):
        x = self.emb(ids) * math.sqrt(self.dim) + self.pe[:ids.shape[1]]
        h = self.enc(self.drop_in(x), src_key_padding_mask=key_padding_mask(mask))
        if h.shape[1] < mask.shape[1]:
            # the nested-tensor fast path returns only up to the longest real length: re-pad
            h = nn.functional.pad(h, (0, 0, 0, mask.shape[1] - h.shape[1]))
        return self.out(self.drop(masked_mean(h, mask)))


class Baseline(nn.Module):
    """fastText-style: mean of word embeddings and hashed bigram embeddings (masked) -> Linear.
    Bigram bucket = (id_i * 116049371 + id_(i+1)) mod buckets (fastText's n-gram hash multiplier)."""

    def __init__(self, vocab, dim, buckets, classes):
        super().__init__()
        self.buckets = buckets
        self.word = _embedding(vocab, dim)
        self.bigram = nn.Embedding(buckets, dim)
        nn.init.normal_(self.bigram.weight, std=dim ** -0.5)
        self.out = nn.Linear(dim, classes)

    def forward(self, ids, mask):
        m = mask.unsqueeze(-1)
        total = (self.word(ids) * m).sum(dim=1)
        count = mask.sum(dim=1)
        if ids.shape[1] > 1:
            bid = (ids[:, :-1] * 116049371 + ids[:, 1:]) % self.buckets
            bm = (mask[:, :-1] * mask[:, 1:]).unsqueeze(-1)
            total = total + (self.bigram(bid) * bm).sum(dim=1)
            count = count + bm.squeeze(-1).sum(dim=1)
        return self.out(total / count.clamp(min=1.0).unsqueeze(-1))


def load_vectors(model, vocab, path):
    """Copies the rows of a word2vec/fastText text file (`.vec`: a header line "count dim", then "word v1 ... vd")
    into the model's word embedding for the vocabulary words it has, as textclf's --pretrained-vectors does;
    other words keep their random start, <pad> stays zero. Returns the fraction of vocabulary words covered."""
    table = model.emb.weight if hasattr(model, "emb") else model.word.weight
    dim = table.shape[1]
    found = 0
    with open(path, encoding="utf-8") as f, torch.no_grad():
        header = f.readline().split()
        if len(header) != 2 or int(header[1]) != dim:
            raise SystemExit(f"{path}: line 1: expected the header 'count {dim}', was {' '.join(header)!r}")
        for n, line in enumerate(f, start=2):
            parts = line.rstrip("\n").rstrip(" ").split(" ")
            i = vocab.index.get(parts[0])
            if i is None or i == PAD_ID:
                continue
            if len(parts) != dim + 1:
                raise SystemExit(f"{path}: line {n}: expected {dim} values after the word, found {len(parts) - 1}")
            table[i] = torch.tensor([float(v) for v in parts[1:]])
            found += 1
    return found / (len(vocab) - 1)


def build_model(args, vocab_size, classes):
    if args.model == "gru-attention":
        return GruAttention(vocab_size, args.dim, args.hidden, args.heads, classes, args.dropout,
                            layers=args.gru_layers, attention=args.attention,
                            bidirectional=getattr(args, "bidirectional", False))
    if args.model == "transformer":
        return TransformerClassifier(vocab_size, args.dim, args.heads, args.layers, args.ff, classes, args.dropout,
                                     args.max_len, fastpath=args.fastpath == "on")
    if args.model == "baseline":
        return Baseline(vocab_size, args.dim, args.buckets, classes)
    raise ValueError(f"unknown model {args.model!r}: expected gru-attention, transformer or baseline")


def add_model_args(ap):
    ap.add_argument("--model", required=True, choices=["gru-attention", "transformer", "baseline"])
    ap.add_argument("--max-len", type=int, default=256)
    ap.add_argument("--truncation", choices=["head", "head-tail"], default="head",
                    help="what a longer document keeps (textclf's --truncation)")
    ap.add_argument("--dim", type=int, default=128, help="embedding / model width")
    ap.add_argument("--hidden", type=int, default=None, help="GRU hidden size (default: --dim)")
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--gru-layers", type=int, default=1)
    ap.add_argument("--bidirectional", action="store_true", help="GRU+attention: read both ways (packed sequences)")
    ap.add_argument("--layers", type=int, default=2, help="Transformer blocks")
    ap.add_argument("--ff", type=int, default=None, help="Transformer feed-forward width (default: 4 * dim)")
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--attention", choices=["mha", "matmul"], default="mha",
                    help="GRU+attention: nn.MultiheadAttention or matmul/softmax with an additive mask")
    ap.add_argument("--fastpath", choices=["on", "off"], default="on",
                    help="Transformer: nn.TransformerEncoder enable_nested_tensor (inference padding skip)")
    ap.add_argument("--buckets", type=int, default=100000, help="baseline: hashed bigram buckets")
    ap.add_argument("--vocab", type=int, default=10000, help="vocabulary size including <pad> and <unk>")
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--bucket", action="store_true", help="bucket batches by length")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--clip", type=float, default=0.0, help="gradient-norm clipping (0 = off)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--shared", default=os.environ.get("TEXTCLF_SHARED", DEFAULT_SHARED))
    ap.add_argument("--corpus", default="imdb")


def finish_args(args):
    if args.hidden is None:
        args.hidden = args.dim
    if args.ff is None:
        args.ff = 4 * args.dim
    for name in ("max_len", "dim", "hidden", "heads", "vocab", "threads"):
        if getattr(args, name) < 1:
            raise SystemExit(f"--{name.replace('_', '-')} must be >= 1, was {getattr(args, name)}")
    return args


def set_threads(n):
    torch.set_num_threads(n)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass  # already set once in this process
