#!/usr/bin/python3
"""The course's IMDB cleaning as a throughput reference for textclf's Java pipeline.

Reads the first ROWS reviews of ../shared/corpora/imdb/train.tsv.gz (the same bytes the JMH benchmark
PipelineThroughputBenchmark uses: the text column, as UTF-8) and cleans them the way the course does:

    text.lower(); drop "'"; "<br />" -> " "; every character of string.punctuation -> " "; squeeze spaces; split()

Two implementations are timed, both with the same output:
  course     - the literal course code: one str.replace per punctuation character, re.sub for the spaces
  translate  - the same semantics with one str.translate table (the fastest plain-Python way we know)

Prints MB/s (10^6 bytes of UTF-8 review text per second) for each of REPEATS passes and the median, by wall clock
and by CPU time of this process (time.process_time(): robust on a machine shared with other jobs).
Run with Debian's interpreter on one core, e.g.:  /usr/bin/python3 bench/python/course_cleaning.py --rows 5000
"""
import argparse
import gzip
import os
import re
import statistics
import string
import sys
import time

SPACES = re.compile(" +")


def course(text):
    text = text.lower()
    text = text.replace("'", "")
    text = text.replace("<br />", " ")
    for p in string.punctuation:
        text = text.replace(p, " ")
    text = SPACES.sub(" ", text)
    return text.split()


TABLE = str.maketrans({p: " " for p in string.punctuation if p != "'"} | {"'": None})


def translate(text):
    # "<br />" must go before punctuation removal ('<', '/', '>' are punctuation) and after dropping "'",
    # which cannot occur inside "<br />": same result as course().
    text = text.lower().replace("<br />", " ").translate(TABLE)
    return text.split()  # split() squeezes spaces itself


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_shared = os.path.normpath(os.path.join(here, "..", "..", "..", "shared"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("TEXTCLF_SHARED_DIR", default_shared))
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()

    path = os.path.join(args.shared, "corpora", "imdb", "train.tsv.gz")
    docs = []
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as f:
        for line in f:
            if len(docs) >= args.rows:
                break
            docs.append(line.rstrip("\n").split("\t", 1)[1])
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    print(f"python {sys.version.split()[0]} ({sys.executable}); {len(docs)} reviews, {nbytes} bytes from {path}")

    tokens_course = [course(d) for d in docs]
    assert tokens_course == [translate(d) for d in docs], "the two implementations must agree"
    print(f"{sum(map(len, tokens_course))} tokens")

    for name, fn in (("course", course), ("translate", translate)):
        wall, cpu = [], []
        for _ in range(args.repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            for d in docs:
                fn(d)
            cpu.append(nbytes / 1e6 / (time.process_time() - start_cpu))
            wall.append(nbytes / 1e6 / (time.perf_counter() - start))
        print(f"{name:10s} wall MB/s: " + " ".join(f"{r:.1f}" for r in wall) + f" | median {statistics.median(wall):.1f} ;"
              + " cpu MB/s: " + " ".join(f"{r:.1f}" for r in cpu) + f" | median {statistics.median(cpu):.1f}")


if __name__ == "__main__":
    main()
