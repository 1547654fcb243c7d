"""The page gate: single article (strict outside the span, comments detector on) or not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean._page import PageModel, analyze_page, page_removals
from newsclean._page import gate as page_gate
from newsclean._page.gate import (
    ARTICLE_OUTSIDE,
    GATE_FEATURES,
    ITEMS,
    ITEMS_THRESHOLD,
    MIXED,
    Gate,
    gate_features,
)
from tests.page.test_page_mode import ARTICLE, PAGE

#: Reader comments under the article: the comments detector cuts from the header down.
COMMENTS = [
    "3 Comments",
    "Jo Smith said: the old wall was never high enough, and everyone on the quay knew it.",
    "Sam Lee said: good news at last for the families who live along the harbour front.",
]
THREAD = "\n\n".join([*ARTICLE, *COMMENTS]) + "\n"
ALWAYS = Gate((0.0,) * len(GATE_FEATURES) + (50.0,), 0.0)  # every page one article
NEVER = Gate((0.0,) * len(GATE_FEATURES) + (-50.0,), 0.0)  # every page multi-item
#: A line model that calls every line content: only the detectors remove anything.
KEEP_ALL = PageModel(PageModel.load().stage1, (0.0,) * 9 + (50.0,))
#: A line model that gives every line p = sigmoid(-1.2) = 0.23: between the two line bars.
LOW = PageModel(PageModel.load().stage1, (0.0,) * 9 + (-1.2,))


def _detectors(art: newsclean.Article) -> set[str]:
    return {r.detector for r in art.removals}


def test_single_article_pages_run_the_comments_detector() -> None:
    pipe = newsclean.Pipeline.default()
    single = analyze_page(THREAD, pipe, model=KEEP_ALL, gate=ALWAYS)
    assert "comments" in _detectors(single)
    assert "Sam Lee said" not in single.text
    # Negative: on a page judged multi-item the comments are the content and stay.
    multi = analyze_page(THREAD, pipe, model=KEEP_ALL, gate=NEVER)
    assert "comments" not in _detectors(multi)
    assert "Sam Lee said" in multi.text
    assert ARTICLE[1] in multi.text and ARTICLE[1] in single.text


def test_an_explicit_outside_bypasses_the_gate() -> None:
    pipe = newsclean.Pipeline.default()
    fixed = analyze_page(THREAD, pipe, model=KEEP_ALL, gate=NEVER, outside=0.25)
    assert "comments" in _detectors(fixed)  # the detectors run as ``disable`` says
    assert analyze_page(THREAD, pipe, outside=0.25, disable=("comments",)).text == (
        analyze_page(THREAD, pipe, gate=NEVER).text
    )


def test_a_pipeline_without_comments_detector_still_runs() -> None:
    pipe = newsclean.Pipeline.default().remove("comments")
    assert "Sam Lee said" in analyze_page(THREAD, pipe, model=KEEP_ALL, gate=ALWAYS).text


def test_the_gate_sets_the_bar_outside_the_main_span() -> None:
    page = f"Read our coverage of the storms that hit the coast this winter.\n\n{PAGE}"
    judged = {ln.text for ln in page_removals(page)[1]}  # the gate's pick of one or the other
    strict = {ln.text for ln in page_removals(page, outside=ARTICLE_OUTSIDE)[1]}
    loose = {ln.text for ln in page_removals(page, outside=0.25)[1]}
    assert judged in (strict, loose)
    assert set(ARTICLE) <= judged


def test_a_clearly_multi_item_page_keeps_more_lines() -> None:
    items = Gate((0.0,) * len(GATE_FEATURES) + (-50.0,), 0.0, low_cut=0.0)
    assert items.kind([0.0] * len(GATE_FEATURES)) == ITEMS
    assert NEVER.kind([0.0] * len(GATE_FEATURES)) == MIXED
    assert ALWAYS.kind([0.0] * len(GATE_FEATURES)) == page_gate.ARTICLE
    menu = "\n".join(
        f"  * [{w}](https://example.org/{w})" for w in ["ab", "cd", "ef", "gh", "ij", "kl"]
    )
    page = f"{PAGE}\n\n{menu}\n"
    pipe = newsclean.Pipeline.default().remove("navigation")
    lower = analyze_page(page, pipe, model=LOW, gate=items)
    mixed = analyze_page(page, pipe, model=LOW, gate=NEVER)
    assert len(lower.text) > len(mixed.text)
    assert analyze_page(page, pipe, model=LOW, threshold=ITEMS_THRESHOLD, outside=0.0).text == (
        lower.text
    )


def test_shipped_gate_calls_a_news_page_an_article_and_a_link_page_not() -> None:
    gate = Gate.load()
    assert len(gate.weights) == len(GATE_FEATURES) + 1
    one = gate_features([0.9] * 8, [30.0] * 8, (0, 8), 0.25)
    spread = [0.9 if i % 3 == 0 else 0.3 for i in range(30)]
    many = gate_features(spread, [8.0] * 30, (0, 1), 0.25)
    assert gate.kind(one) == page_gate.ARTICLE
    assert gate.kind(many) != page_gate.ARTICLE


def test_features_of_a_page_whose_content_is_all_in_its_span() -> None:
    values = gate_features([0.1, 0.9, 0.9, 0.1], [5, 40, 40, 5], (1, 3), 0.25)
    f = dict(zip(GATE_FEATURES, values, strict=True))
    assert f["span_share"] == pytest.approx(1.0)
    assert f["outside_unsure_share"] == 0.0 and f["outside_sure_share"] == 0.0
    assert f["span_start"] == 0.25 and f["span_end"] == 0.75
    assert gate_features([], [], (0, 0), 0.25)[0] == 0.0  # an empty page: no division by zero


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(1, 80)), max_size=40))
def test_shares_are_fractions(rows: list[tuple[float, int]]) -> None:
    probs = [p for p, _ in rows]
    words = [float(w) for _, w in rows]
    a, b = (len(rows) // 3, len(rows) // 2)
    f = gate_features(probs, words, (a, b), 0.25)
    assert len(f) == len(GATE_FEATURES)
    assert all(0.0 <= x <= 1.0 + 1e-9 for x in f[:4])
