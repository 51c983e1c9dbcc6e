#!/usr/bin/python3
"""How close is bench/python/textclean.py to textclf's own cleaning? Runs a preprocessing command
that prints `label<TAB>tokens` per document (by default `./textclf preprocess --input FILE`, the
CLI of issue 2) and compares it, document by document, with textclean.clean.

  /usr/bin/python3 bench/python/compare_clean.py --corpus imdb --split train
  /usr/bin/python3 bench/python/compare_clean.py --command "./textclf preprocess --input {path}" --corpus reuters21578

Prints the share of documents with identical token sequences, the token-level difference, and the
first --show differing documents (a diff of the token lists), then one JSON line.
"""
import argparse
import difflib
import json
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textclean  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("TEXTCLF_SHARED", os.path.join(ROOT, "..", "shared")))
    ap.add_argument("--corpus", default="imdb")
    ap.add_argument("--split", default="train")
    ap.add_argument("--command", default="./textclf preprocess --input {path}",
                    help="run from the repository root; {path} is replaced by the corpus file")
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args()
    path = os.path.abspath(os.path.join(args.shared, "corpora", args.corpus, args.split + ".tsv.gz"))
    labels, texts = textclean.read_tsv(path)
    cmd = [a.replace("{path}", path) for a in shlex.split(args.command)]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    except FileNotFoundError as e:
        raise SystemExit(f"cannot run {cmd[0]!r} from {os.path.abspath(ROOT)}: {e}")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}:\n{proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    rows = proc.stdout.decode("utf-8").split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    if len(rows) != len(texts):
        raise SystemExit(f"{' '.join(cmd)} printed {len(rows)} rows for {len(texts)} documents in {path}")
    same = tokens_java = tokens_py = tokens_diff = 0
    shown = 0
    for n, (row, y, x) in enumerate(zip(rows, labels, texts), 1):
        label, _, java = row.partition("\t")
        if label != y:
            raise SystemExit(f"row {n}: label {label!r} from the command, {y!r} in {path}")
        jt, pt = java.split(), textclean.tokens(x)
        tokens_java += len(jt)
        tokens_py += len(pt)
        if jt == pt:
            same += 1
            continue
        sm = difflib.SequenceMatcher(a=jt, b=pt, autojunk=False)
        tokens_diff += sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
        if shown < args.show:
            shown += 1
            print(f"document {n} differs:")
            for op, i1, i2, j1, j2 in sm.get_opcodes():
                if op != "equal":
                    print(f"  {op}: textclf {jt[max(0, i1 - 3):i2 + 3]} vs python {pt[max(0, j1 - 3):j2 + 3]}")
    print(f"{args.corpus}/{args.split}: {same}/{len(texts)} documents identical ({same / len(texts):.4%}); "
          f"tokens textclf {tokens_java}, python {tokens_py}, differing {tokens_diff}")
    print(json.dumps({"corpus": args.corpus, "split": args.split, "documents": len(texts), "identical": same,
                      "tokens_textclf": tokens_java, "tokens_python": tokens_py, "tokens_differing": tokens_diff,
                      "command": args.command}))


if __name__ == "__main__":
    main()
