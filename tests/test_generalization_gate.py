"""Out-of-sample gate: WCXB's check half, sites no rule was written against.

The check half is read here only as numbers (its pages are never read to fix them). The
pins are the figures measured when they were set (benchmarks/RESULTS.md, "Generalization"),
less a small margin: a change that loses body text on unseen sites fails here even when
the tuned sets still pass. Where ``clean`` is still below its input on a page type, the pin
is the measured loss (it may shrink, never grow) and the strict "never below the input"
promise is a known failure, marked so that it flips to a pass the day it holds.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from benchmarks.data import load_wcxb_pages, load_wcxb_pairs
from benchmarks.generalization import word_prf

import newsclean

from .conftest import shared_path

PAGE_TYPES = ("article", "service", "product", "collection", "forum", "listing", "documentation")

#: Lowest F1 change (after - before) allowed per (tool, page type) on the check half:
#: measured value, rounded down by 0.002.
F1_CHANGE_FLOOR = {
    ("trafilatura", "article"): 0.0000,
    ("trafilatura", "service"): -0.0042,
    ("trafilatura", "product"): 0.0006,
    ("trafilatura", "collection"): -0.0013,
    ("trafilatura", "forum"): -0.0152,
    ("trafilatura", "listing"): -0.0135,
    ("trafilatura", "documentation"): -0.0084,
    ("html2text", "article"): 0.0146,
    ("html2text", "service"): 0.0097,
    ("html2text", "product"): 0.0060,
    ("html2text", "collection"): 0.0022,
    ("html2text", "forum"): -0.0021,
    ("html2text", "listing"): 0.0048,
    ("html2text", "documentation"): 0.0015,
}
#: Highest recall loss (before - after) allowed per tool on article pages.
ARTICLE_RECALL_LOSS = {"trafilatura": 0.0035, "html2text": 0.0150}
#: Article F1 after cleaning, trafilatura rows (input 0.9270 on this half).
ARTICLE_F1_FLOOR = 0.9275
#: clean_html's word F1 on the check half's 400 article pages (measured 0.9367; plain
#: trafilatura without comments 0.9335).
HTML_CHECK_F1_FLOOR = 0.9350


def _means(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    n = len(scores)
    return tuple(sum(s[i] for s in scores) / n for i in range(3))  # type: ignore[return-value]


@pytest.fixture(scope="module")
def check_half() -> dict[tuple[str, str], tuple[tuple[float, ...], tuple[float, ...]]]:
    """Per (tool, page type): mean (P, R, F1) before and after ``clean``."""
    data = shared_path("data", "wcxb", "text_pairs.jsonl.gz").parent.parent
    before: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    after: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    for row in load_wcxb_pairs(data):
        if row.split != "check":
            continue
        key = (row.tool, row.page_type)
        before[key].append(word_prf(row.noisy, row.gold))
        after[key].append(word_prf(newsclean.clean(row.noisy), row.gold))
    return {k: (_means(before[k]), _means(after[k])) for k in before}


def test_check_half_is_complete(check_half: dict) -> None:
    assert {t for _, t in check_half} == set(PAGE_TYPES)
    assert {tool for tool, _ in check_half} == {"trafilatura", "html2text"}


@pytest.mark.parametrize("key", sorted(F1_CHANGE_FLOOR), ids=lambda k: "/".join(k))
def test_no_page_type_loses_more_than_pinned(check_half: dict, key: tuple[str, str]) -> None:
    (_, _, f_in), (_, _, f_out) = check_half[key]
    assert f_out - f_in >= F1_CHANGE_FLOOR[key], f"{key}: {f_in:.4f} -> {f_out:.4f}"


@pytest.mark.parametrize("tool", sorted(ARTICLE_RECALL_LOSS))
def test_article_recall_kept(check_half: dict, tool: str) -> None:
    (_, r_in, _), (_, r_out, _) = check_half[(tool, "article")]
    assert r_in - r_out <= ARTICLE_RECALL_LOSS[tool], f"{tool}: R {r_in:.4f} -> {r_out:.4f}"


def test_article_f1_floor(check_half: dict) -> None:
    (_, _, f_in), (_, _, f_out) = check_half[("trafilatura", "article")]
    assert f_out >= ARTICLE_F1_FLOOR and f_out >= f_in


@pytest.mark.xfail(
    strict=True,
    reason="known failure: forum, listing, documentation and service pages still lose F1 "
    "to comment-section and list rules on unseen sites (issue 12)",
)
def test_no_page_type_below_its_input(check_half: dict) -> None:
    worse = {
        "/".join(k): round(after[2] - before[2], 4)
        for k, (before, after) in check_half.items()
        if k[0] == "trafilatura" and after[2] < before[2]
    }
    assert worse == {}


@pytest.mark.timeout(900)
def test_clean_html_never_below_its_extractor_on_the_check_half() -> None:
    """``clean_html`` against ``trafilatura.extract(include_comments=False)`` on the same
    unseen article pages (WCXB's word F1, means over pages)."""
    trafilatura = pytest.importorskip("trafilatura")
    data = shared_path("data", "wcxb", "ground-truth.jsonl.gz").parent.parent
    ours: list[tuple[float, float, float]] = []
    theirs: list[tuple[float, float, float]] = []
    for page in load_wcxb_pages(data):
        if page.split != "check":
            continue
        plain = trafilatura.extract(page.html, url=page.url or None, include_comments=False)
        theirs.append(word_prf(plain or "", page.gold))
        ours.append(word_prf(newsclean.clean_html(page.html, url=page.url or None), page.gold))
    assert len(ours) == 400
    (_, r_ours, f_ours), (_, r_theirs, f_theirs) = _means(ours), _means(theirs)
    assert f_ours >= f_theirs, (f_ours, f_theirs)
    assert f_ours >= HTML_CHECK_F1_FLOOR
    assert r_ours >= r_theirs - 0.003
