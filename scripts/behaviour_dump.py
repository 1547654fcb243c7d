"""Dump what ``clean`` does to every shared text, to prove a refactor changes nothing.

Writes one line per input: its origin, a checksum of the output text and a checksum of the
removals (detector, reason, span, confidence, title/source data). Two dumps from two commits
are compared with ``--compare``; any difference is listed by origin so it can be argued.

    python scripts/behaviour_dump.py --out /tmp/before.tsv
    python scripts/behaviour_dump.py --out /tmp/after.tsv --compare /tmp/before.tsv
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import newsclean

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def inputs(data: Path) -> Iterator[tuple[str, str | bytes]]:
    """Every shared text a cleaner meets: extractor rows, WCXB rows, and the gold bodies."""
    for name in ("text_pairs.jsonl", "text_pairs_more.jsonl"):
        with open(data / name, encoding="utf-8") as fh:
            for row in map(json.loads, fh):
                yield f"{name}:{row['id']}:{row['tool']}", row["noisy"]
                if row["tool"] == "trafilatura":
                    yield f"gold:{row['id']}", row["gold"]
    with gzip.open(data / "wcxb" / "text_pairs.jsonl.gz", "rt", encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            yield f"wcxb:{row['id']}:{row['tool']}", row["noisy"]
            if row["tool"] == "trafilatura":
                yield f"wcxb-gold:{row['id']}", row["gold"]


def html_pages(data: Path) -> Iterator[tuple[str, bytes]]:
    """The AEB pages, for the HTML path (``clean_html`` over the same detectors)."""
    for page in sorted((data / "aeb" / "html").glob("*.html.gz")):
        yield f"aeb-html:{page.name.split('.')[0]}", gzip.decompress(page.read_bytes())


def digest(text: str | bytes) -> tuple[str, str]:
    art = newsclean.analyze(text) if isinstance(text, str) else newsclean.analyze_html(text)
    out = hashlib.sha1(art.text.encode("utf-8")).hexdigest()[:16]
    rem = hashlib.sha1()
    for r in art.removals:
        extra = json.dumps(dict(r.data), sort_keys=True, ensure_ascii=False)
        rem.update(
            f"{r.start}|{r.end}|{r.detector}|{r.reason}|{r.confidence:.6f}|{extra}\n".encode()
        )
    return out, rem.hexdigest()[:16]


def read_dump(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t", 1) for line in fh)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--compare", type=Path, help="an earlier dump; list every difference")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as fh:
        for origin, text in (*inputs(args.data), *html_pages(args.data)):
            out, rem = digest(text)
            fh.write(f"{origin}\t{out}\t{rem}\n")
    if args.compare is None:
        return 0
    old, new = read_dump(args.compare), read_dump(args.out)
    diff = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    for key in diff:
        print(f"{key}\tbefore={old.get(key)}\tafter={new.get(key)}")
    print(f"{len(diff)} of {len(new)} inputs differ", file=sys.stderr)
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
