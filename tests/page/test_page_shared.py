"""Whole-page mode on real whole-page renderings (AEB rows), and the benchmark table."""

from __future__ import annotations

import pytest
from benchmarks.data import load_text_pairs
from benchmarks.metric import score

import newsclean
from newsclean._removal import apply
from tests.conftest import shared_path

#: The AEB whole-page renderings (as ``benchmarks.page_training.AEB_TOOLS``).
AEB_TOOLS = ("aeb-published:html2text", "aeb-published:inscriptis", "html_text")
#: Pages per renderer: enough for a stable mean, few enough for a quick test.
N = 25


@pytest.mark.shared
@pytest.mark.parametrize("tool", AEB_TOOLS)
def test_page_mode_beats_the_whole_page_and_stays_a_subsequence(tool: str) -> None:
    data = shared_path("data", "text_pairs_more.jsonl").parent
    rows = [r for r in load_text_pairs(data, "text_pairs_more.jsonl") if r.tool == tool][:N]
    outs = []
    for r in rows:
        art = newsclean.analyze(r.noisy, mode="page")
        assert apply(r.noisy, art.removals) == art.text
        outs.append(art.text)
    before = score((r.noisy, r.gold) for r in rows)
    after = score(zip(outs, (r.gold for r in rows), strict=True))
    # In-sample pages (the shipped model saw them): a floor, not a claim; the claims are
    # the cross-validated figures of benchmarks.whole_page.
    assert after.f1 >= before.f1 + 0.1
    assert after.recall >= 0.85


def test_labels_count_copies_against_the_gold() -> None:
    pytest.importorskip("numpy")  # the training code needs it; the library does not
    from benchmarks.page_training import labels

    gold = "The wall will be rebuilt. The wall will be rebuilt."
    lines = ["Home", "The wall will be rebuilt.", "The wall will be rebuilt.", "- - -"]
    assert labels(lines, gold) == [0, 1, 1, 0]
    assert labels(lines, "The wall will be rebuilt.") == [0, 1, 0, 0]


def test_section_prints_every_row_and_the_speed() -> None:
    pytest.importorskip("numpy")
    from benchmarks.whole_page import COLUMNS, whole_page_section

    res = {"AEB html2text (CV)": [0.66, 0.2, 0.7, 0.19, 0.84, 0.97], "MB/s": [1.5, 3.0]}
    sec = whole_page_section(res)
    assert sec.body[0] == "| rows | " + " | ".join(COLUMNS) + " |"
    assert sec.body[2] == "| AEB html2text (CV) | 0.660 | 0.200 | 0.700 | 0.190 | 0.840 | 0.970 |"
    assert "page mode 1.50 MB/s" in sec.notes[0] and "(ratio 0.50)" in sec.notes[0]
