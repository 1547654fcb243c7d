#!/usr/bin/env python3
"""Train the body guard (``src/newsclean/models/body_guard.json``) from the shared data.

One command, deterministic (same data, same weights, to the printed digit)::

    .venv/bin/python scripts/train_guard.py            # needs ../shared and numpy

What it learns from: every removal the pipeline *without* the guard proposes on

- the WCXB **tune** half (trafilatura and html2text rows, every page type; the check half is
  never read here: it is the out-of-sample measure),
- the AEB text pairs of all 16 extractors, and the 181 AEB gold bodies themselves.

A removal is labelled *body* when the gold still needs its text: for a line of up to six
words, when the gold holds it more often than the cleaned output does; for a longer line,
when half of its word trigrams are in the gold. The model is a logistic regression (Newton's
method, L2), each removal weighted by its words (capped): the metric counts tokens. The
threshold is the one that saves the most body tokens net of the noise tokens it keeps, with
body tokens counted ``BODY_WEIGHT`` times ("a false deletion is worse than a missed noise
line").
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402

from newsclean import Pipeline, PipelineConfig  # noqa: E402
from newsclean.guard import BodyGuard, line_features  # noqa: E402

OUT = REPO / "src" / "newsclean" / "models" / "body_guard.json"
WORD = re.compile(r"\w+")
BODY_WEIGHT = 2.0
L2 = 1.0
TOKEN_CAP = 60.0
#: Reasons the guard never judges: their evidence is exact.
EXEMPT = ("duplicate_title.copy",)

_PIPE = Pipeline(PipelineConfig(body_guard=False))


def _norm(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def _trigrams(text: str) -> Counter[tuple[str, ...]]:
    t = WORD.findall(text.lower())
    if len(t) < 3:
        return Counter([tuple(t)]) if t else Counter()
    return Counter(tuple(t[i : i + 3]) for i in range(len(t) - 2))


def needed(text: str, gold_norm: str, out_norm: str, gold_tri: Counter[tuple[str, ...]]) -> bool:
    """Whether the gold still needs the removed ``text`` (see the module docstring)."""
    t = _norm(text)
    if not t:
        return False
    pad = f" {t} "
    in_gold, in_out = f" {gold_norm} ".count(pad), f" {out_norm} ".count(pad)
    if len(t.split()) <= 6 or in_out:
        return in_gold > in_out  # a repeat the output still holds is not needed
    tri = _trigrams(text)
    return sum((tri & gold_tri).values()) / max(1, sum(tri.values())) >= 0.5


def _proposals(job: tuple[str, str, str]) -> list[tuple[str, str, bool, int]]:
    src, noisy, gold = job
    a = _PIPE.analyze(noisy)
    gn, on, gt = _norm(gold), _norm(a.text), _trigrams(gold)
    return [
        (r.text, r.reason, needed(r.text, gn, on, gt), src == "wcxb") for r in a.removals
    ]


def _jobs(data: Path) -> Iterator[tuple[str, str, str]]:
    with gzip.open(data / "wcxb" / "text_pairs.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            x = json.loads(line)
            if x["split"] == "tune":  # never the check half
                yield "wcxb", x["noisy"], x["gold"]
    for name in ("text_pairs.jsonl", "text_pairs_more.jsonl"):
        with open(data / name, encoding="utf-8") as f:
            for line in f:
                x = json.loads(line)
                yield "aeb", x["noisy"], x["gold"]
    gold = json.loads((data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for k in sorted(gold):
        body = gold[k]["articleBody"]
        yield "aeb", body, body


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> np.ndarray:
    """Weighted L2 logistic regression by Newton's method (a fixed number of steps)."""
    b = np.zeros(x.shape[1])
    eye = l2 * np.eye(x.shape[1])
    for _ in range(25):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ b, -30, 30)))
        grad = x.T @ (w * (p - y)) + l2 * b
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + eye
        b -= np.linalg.solve(hess, grad)
    return b


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    data = a.shared / "data"
    with Pool(2) as pool:
        rows = [r for rs in pool.imap(_proposals, _jobs(data), chunksize=8) for r in rs]
    rows = [r for r in rows if r[1] not in EXEMPT]
    feats = [line_features(text, reason.partition(".")[0]) for text, reason, _, _ in rows]
    names = sorted({k for f in feats for k in f})
    col = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, f in enumerate(feats):
        for k, v in f.items():
            x[i, col[k]] = v
    y = np.array([1.0 if r[2] else 0.0 for r in rows])
    tokens = np.array([max(1, len(WORD.findall(r[0]))) for r in rows], dtype=float)
    b = fit(x, y, np.minimum(tokens, TOKEN_CAP))
    weights = {k: round(float(v), 4) for k, v in zip(names, b)}
    # Score with the rounded weights, exactly as the shipped model will.
    guard = BodyGuard(weights, 0.5, frozenset(EXEMPT))
    p = np.array([guard.score(text, reason.partition(".")[0]) for text, reason, _, _ in rows])
    best = (float("-inf"), 0.5)
    for t in np.arange(0.30, 0.96, 0.025):
        v = p >= t
        gain = BODY_WEIGHT * (tokens * (v & (y == 1))).sum() - (tokens * (v & (y == 0))).sum()
        best = max(best, (float(gain), round(float(t), 3)))
    threshold = best[1]
    v = p >= threshold
    for label, m in (("wcxb-tune", np.array([r[3] for r in rows])),):
        for part, mm in ((label, m), ("aeb", ~m)):
            body = int((tokens * (mm & (y == 1))).sum())
            noise = int((tokens * (mm & (y == 0))).sum())
            saved = int((tokens * (mm & v & (y == 1))).sum())
            kept = int((tokens * (mm & v & (y == 0))).sum())
            print(f"{part:10s} body tokens saved {saved}/{body}, noise tokens kept {kept}/{noise}")
    model = BodyGuard(weights, threshold, frozenset(EXEMPT))
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{len(rows)} removals, {int(y.sum())} on body; threshold {threshold}; wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
