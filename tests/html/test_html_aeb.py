"""clean_html against plain trafilatura on real pages of the extraction benchmark (AEB).

Reads ``../shared/data/aeb`` beside the repository (never copied into it); skipped without it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

import newsclean

SHARED = Path(os.environ.get("NEWSCLEAN_SHARED", Path(__file__).resolve().parents[3] / "shared"))
AEB = SHARED / "data" / "aeb"
SUBSET = 20
_TOKEN = re.compile(r"\w+")


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    t = _TOKEN.findall(text)
    if len(t) < 4:
        return Counter([tuple(t)] if t else [])
    return Counter(tuple(t[i : i + 4]) for i in range(len(t) - 3))


def _f1(pairs: list[tuple[str, str]]) -> float:
    """The benchmark's metric: mean P over non-empty predictions, mean R, F1 of the means."""
    ps: list[float] = []
    rs: list[float] = []
    for pred, gold in pairs:
        p, g = _shingles(pred), _shingles(gold)
        tp = sum((p & g).values())
        if not pred.strip():
            rs.append(0.0)
            continue
        ps.append(tp / max(1, sum(p.values())))
        rs.append(tp / max(1, sum(g.values())))
    mp, mr = sum(ps) / max(1, len(ps)), sum(rs) / max(1, len(rs))
    return 2 * mp * mr / (mp + mr) if mp + mr else 0.0


@pytest.mark.shared
@pytest.mark.timeout(600)
def test_clean_html_beats_trafilatura_on_aeb_subset() -> None:
    if not (AEB / "ground-truth.json").is_file():
        pytest.skip(
            f"shared AEB data not found at {AEB} (set NEWSCLEAN_SHARED or place ../shared beside the repo)"
        )
    trafilatura = pytest.importorskip("trafilatura")
    gt = json.loads((AEB / "ground-truth.json").read_text("utf-8"))
    ours: list[tuple[str, str]] = []
    theirs: list[tuple[str, str]] = []
    for k in sorted(gt)[:SUBSET]:
        html = gzip.decompress((AEB / "html" / f"{k}.html.gz").read_bytes())
        url, gold = gt[k]["url"], gt[k]["articleBody"]
        ours.append((newsclean.clean_html(html, url), gold))
        theirs.append((trafilatura.extract(html, url=url, include_comments=False) or "", gold))
    f_ours, f_theirs = _f1(ours), _f1(theirs)
    assert f_ours >= f_theirs, f"clean_html F1 {f_ours:.4f} < trafilatura F1 {f_theirs:.4f}"
