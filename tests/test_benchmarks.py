"""Tests of the benchmark harness: the metric pinned on hand-computed cases, the baselines on
tiny strings, and one quick run of the whole harness on the shared data (skipped without it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmarks/ is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.baselines import c4_lines, fineweb_lines, gopher_lines  # noqa: E402
from benchmarks.data import data_dir, resolve_shared  # noqa: E402
from benchmarks.generalization import (  # noqa: E402
    ALL,
    HTML_TOOLS,
    PAGE_TYPES,
    SPLITS,
    SYSTEMS,
    WCXB_TOOLS,
    body_loss,
    generalization_section,
    line_oracle,
    run_generalization,
)
from benchmarks.metric import doc_counts, score, shingles, tokens  # noqa: E402
from benchmarks.text_path import is_noise_line  # noqa: E402

# --- metric -----------------------------------------------------------------------------------


def test_tokens_are_case_sensitive_word_runs() -> None:
    assert tokens("Hello, wörld! it's 2019.") == ["Hello", "wörld", "it", "s", "2019"]
    assert tokens(None) == []


def test_short_text_is_one_shingle_and_empty_has_none() -> None:
    assert shingles("Hello world") == {("Hello", "world"): 1}
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles(" ,;| ") == {}


def test_identical_texts_score_one() -> None:
    s = score([("a b c d e", "a b c d e")])
    assert (s.f1, s.precision, s.recall, s.accuracy, s.n) == (1.0, 1.0, 1.0, 1.0, 1)


def test_extra_token_costs_precision() -> None:
    # pred shingles abcd bcde cdef, gold abcd bcde: TP 2, FP 1, FN 0.
    c = doc_counts("a b c d e f", "a b c d e")
    assert (c.tp, c.fp, c.fn) == (2, 1, 0)
    s = score([("a b c d e f", "a b c d e")])
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == 1.0
    assert s.f1 == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))  # 0.8
    assert s.f1 == pytest.approx(0.8)
    assert s.accuracy == 0.0


def test_fewer_than_four_tokens() -> None:
    same = score([("Hello, world!", "Hello world")])
    assert (same.precision, same.recall, same.accuracy) == (1.0, 1.0, 1.0)
    other = score([("Hello there", "Hello world")])
    assert (other.precision, other.recall, other.f1, other.accuracy) == (0.0, 0.0, 0.0, 0.0)
    # A 3-token prediction is one shingle that a 4-token gold's shingle never equals.
    c = doc_counts("a b c", "a b c d")
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)


def test_case_matters() -> None:
    assert score([("Apple pie", "apple pie")]).f1 == 0.0


def test_empty_prediction_leaves_precision_mean_and_counts_zero_recall() -> None:
    s = score([("", "a b c d"), ("a b c d", "a b c d")])
    assert s.precision == 1.0  # only the second document is averaged
    assert s.recall == 0.5  # (0 + 1) / 2
    assert s.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)  # 0.6667
    assert s.accuracy == 0.5
    assert (s.n, s.empty) == (2, 1)
    # A prediction of symbols only has no tokens: it is empty too.
    assert score([("| -- |", "a b c d")]).empty == 1


def test_duplicate_shingles_count_as_a_multiset() -> None:
    # pred: abcd bcda cdab dabc abcd (abcd twice), gold: abcd once -> TP 1, FP 4, FN 0.
    c = doc_counts("a b c d a b c d", "a b c d")
    assert (c.tp, c.fp, c.fn) == (1, 4, 0)
    s = score([("a b c d a b c d", "a b c d")])
    assert s.precision == pytest.approx(0.2)  # a set-based metric would say 1/4
    assert s.recall == 1.0
    back = score([("a b c d", "a b c d a b c d")])
    assert (back.precision, back.recall) == (1.0, pytest.approx(0.2))


def test_f1_is_of_the_means_not_the_mean_of_f1s() -> None:
    s = score([("a b c d a b c d", "a b c d"), ("a b c d", "a b c d a b c d")])
    # P = (0.2 + 1) / 2 = 0.6, R = (1 + 0.2) / 2 = 0.6, F1 = 0.6 (mean of per-doc F1 = 1/3).
    assert s.precision == pytest.approx(0.6)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(0.6)


# --- baselines --------------------------------------------------------------------------------


def test_c4_keeps_punctuated_lines_of_three_words() -> None:
    text = "\n".join(
        [
            "This is a full sentence.",
            "Short one.",
            "No punctuation here at all",
            "Please enable JavaScript to view this page.",
            "Read our privacy policy here.",
            "It ended with an ellipsis...",
            "A cited claim is true.[1]",
            'He said "stop."',
        ]
    )
    assert c4_lines(text) == 'This is a full sentence.\nA cited claim is true.\nHe said "stop."'


def test_c4_empty() -> None:
    assert c4_lines("") == ""


def test_gopher_line_rules() -> None:
    text = "\n".join(
        [
            "A normal line of text here.",
            "A normal line of text here.",  # repeat
            "• bullet item with words",  # bullet
            "To be continued…",  # ellipsis
            "#tag #tag #news today",  # hash ratio 3/4
            "123 456 789 000",  # no alphabetic word
            "Supercalifragilisticexpialidocious",  # mean word length 34
            "I am ok",  # mean word length 5/3
            "Another good line.",
        ]
    )
    assert gopher_lines(text) == "A normal line of text here.\nAnother good line."


def test_fineweb_line_rules() -> None:
    text = "\n".join(
        [
            "This sentence is long enough to keep.",
            "Too short.",
            "This long line has no final punctuation mark",
            "This sentence is long enough to keep.",
            "x" * 29 + ".",  # 30 characters: short
            "y" * 30 + ".",  # 31 characters: kept
            "Another long sentence that ends well!",
        ]
    )
    expected = "This sentence is long enough to keep.\n" + "y" * 30 + ".\n"
    assert fineweb_lines(text) == expected + "Another long sentence that ends well!"


def test_noise_line_judgement() -> None:
    gold = "The storm reached the coast on Monday, officials said."
    gt, gs = set(tokens(gold)), set(shingles(gold))
    assert not is_noise_line("The storm reached the coast on Monday", gt, gs)
    assert is_noise_line("Subscribe to our newsletter for more", gt, gs)
    assert not is_noise_line("the coast", gt, gs)  # short: all tokens in gold
    assert is_noise_line("Read more", gt, gs)  # short: a token missing from gold
    assert is_noise_line("| -- |", gt, gs)  # no tokens


# --- the harness ------------------------------------------------------------------------------

HEADERS = (
    "## Text path",
    "## False deletions",
    "## Per-detector precision",
    "## HTML path",
    "## Speed",
)


@pytest.mark.shared
def test_harness_quick_run_writes_every_table(tmp_path: Path) -> None:
    shared = resolve_shared()
    data = data_dir(shared)
    if not (data / "text_pairs.jsonl").exists() or not (data / "aeb" / "html").is_dir():
        pytest.skip(f"evaluation data not found: ../shared not found at {shared}")
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "benchmarks"),
            *("--shared", str(shared), "--quick", "5", "--out", str(out)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = out.read_text(encoding="utf-8")
    for header in HEADERS:
        assert header in report
    assert "_Command: `python -m benchmarks" in report
    assert "newsclean.clean_html" in report
    assert "| trafilatura | input (extractor output) | 5 |" in report


def test_line_oracle_and_body_loss_are_count_aware() -> None:
    import newsclean

    gold = "The storm hit the coast.\n\nIt rained. It rained."
    noisy = "Share this\nThe storm hit the coast\nIt rained.\nIt rained.\nIt rained."
    assert line_oracle(noisy, gold) == "The storm hit the coast\nIt rained.\nIt rained."
    rems = [
        newsclean.Removal(0, 0, "d", f"{kind}.x", 1.0, text)
        for kind, text in (("dup", "It rained."), ("share", "Share this"))
    ]
    # The gold holds "it rained" twice, the clean output once: the removed copy was body.
    assert body_loss(rems, "The storm hit the coast.\nIt rained.", gold) == [
        ("dup", 2, 2),
        ("share", 2, 0),
    ]
    assert body_loss(rems[:1], "It rained.\nIt rained.", gold) == [("dup", 2, 0)]


@pytest.mark.shared
def test_generalization_quick_table_structure() -> None:
    data = data_dir(resolve_shared())
    if not (data / "wcxb" / "text_pairs.jsonl.gz").exists() or not (data / "aeb").is_dir():
        pytest.skip(f"WCXB or AEB data not found under {data}")
    res = run_generalization(data, quick=2)

    def unit(*xs: float) -> bool:
        return all(0.0 <= x <= 1.0 for x in xs)

    for key in [(t, pt, sp, sy) for t in WCXB_TOOLS for pt in (ALL, *PAGE_TYPES)
                for sp in SPLITS for sy in SYSTEMS]:  # fmt: skip
        s = res.text[key]
        assert s.n == (2 * len(PAGE_TYPES) if key[1] == ALL else 2), key
        assert unit(s.f1, s.precision, s.recall), key
    assert set(res.aeb_text) == set(SYSTEMS)
    assert all(s.n == 2 and unit(s.f1, s.precision, s.recall) for s in res.aeb_text.values())
    for tool in HTML_TOOLS:
        assert unit(res.aeb_html[tool].f1)
        for sp in SPLITS:
            s = res.html[(tool, sp)]
            assert s.n == 2 and unit(s.f1, s.precision, s.recall)
    assert {pt for pt, _k in res.loss} <= {ALL, *PAGE_TYPES}
    for (pt, kind), (n, toks, lost) in res.loss.items():
        assert n >= 1 and 0 <= lost <= toks
        if pt == ALL:
            per_type = [res.loss.get((t, kind), [0, 0, 0]) for t in PAGE_TYPES]
            assert [sum(c[j] for c in per_type) for j in range(3)] == [n, toks, lost]
    body = "\n".join(generalization_section(res).body)
    for row in ("| text | trafilatura → line oracle |", "| HTML | newsclean.clean_html |",
                "| html2text | ALL | 14/14 | input |", "| **all** |"):  # fmt: skip
        assert row in body, row
