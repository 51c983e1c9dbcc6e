"""textclf's predictions format (JSON Lines: {"id", "gold", "label", "scores"}) for the peers' scripts, so their
predictions can go through `textclf metrics --compare`. Test-document ids are "test.tsv.gz:<line>": the shared
corpora have no empty lines, so row i of a test split is line i + 1."""
import json
import os


def test_id(i):
    """Id of the test split's row i (0-based)."""
    return f"test.tsv.gz:{i + 1}"


def write(path, rows):
    """Writes dicts {"id", "gold", "label", "scores"} one per line, to a temporary file that is then renamed: the
    file appears whole or not at all, also when `rows` raises."""
    tmp = path + ".tmp"
    n = 0
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps({"id": row["id"], "gold": row["gold"], "label": row["label"],
                                    "scores": row["scores"]}, separators=(",", ":")) + "\n")
                n += 1
    except BaseException:
        os.remove(tmp)
        raise
    os.replace(tmp, path)
    return n
