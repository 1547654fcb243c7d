"""The fast paths agree with the slow definitions they replace.

Speed comes from shortcuts: a C-level line split, a gate word read from the raw line, one
Aho-Corasick scan per document, candidate lists per document. Each must give the same
answer as the plain definition (or, for gates, a superset of the lines that can match).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean import _scan as scan
from newsclean._detectors.title import (
    TitleDetector,
    _first_word,
    _may_open_with,
    _title_keys,
)
from newsclean._document import Block, Document
from newsclean._phrases import (
    SEARCHED_LISTS,
    PhraseMatch,
    PhraseSearch,
    available_languages,
    head_of,
    head_word,
    line_matcher,
    load_pack,
    searcher,
)
from newsclean._removal import assemble
from newsclean._segment import LINE_BREAKS, STRIP_CHARS, _segment_any, segment
from newsclean._shape import (
    EXACT_COUNT_SPACES,
    WORD_RE,
    has_unspaced_script,
    normalize,
    word_count,
)

from ..conftest import shared_path
from .strategies import any_text, scraped_text

_SPACES = re.escape("".join(c for c in STRIP_CHARS if c not in LINE_BREAKS))
_AFTER = re.compile(f"[{_SPACES}]*(\r\n|[{LINE_BREAKS}])")
_NOT_LF = re.compile("\r\n|[" + LINE_BREAKS.replace("\n", "") + "]")
_BEFORE = re.compile(f"(\r\n|[{LINE_BREAKS}])[{_SPACES}]*\\Z")

LF_TEXT = st.text(st.characters(blacklist_characters="\r\u2028\u2029"), max_size=300)
MIXED = st.one_of(any_text, scraped_text())


@given(st.one_of(LF_TEXT, scraped_text()))
def test_newline_split_matches_general_segmenter(text: str) -> None:
    fast, general = segment(text), _segment_any(text)
    assert fast == general
    # segment() looks for CJK once per text; the general path asks every line.
    assert [b.words for b in fast] == [b.words for b in general]


@given(st.text(st.sampled_from("中文字漢한국어かなカナ abcé,.\u2019"), max_size=80))
def test_cjk_asked_once_per_text_counts_words_as_each_line_does(text: str) -> None:
    lines = text + "\nplain line\n" + text
    assert [b.words for b in segment(lines)] == [word_count(b.text) for b in segment(lines)]


@given(MIXED)
def test_gate_word_from_raw_text_equals_normal_form_word(text: str) -> None:
    for b in segment(text):
        assert head_of(b.text) == head_word(normalize(b.text)), b.text


@given(MIXED)
def test_automaton_finds_what_plain_search_finds(text: str) -> None:
    low = text.lower()
    assert sorted(scan._hits(low)) == sorted(scan._hits_plain(low))


def _matchers() -> list[PhraseMatch | PhraseSearch]:
    out: list[PhraseMatch | PhraseSearch] = []
    for lang in available_languages():
        for family, lists in load_pack(lang).items():
            for name in lists:
                for mode in ("line", "prefix"):
                    m = line_matcher(family, name, mode)
                    if m is not None:
                        out.append(m)
                s = searcher(family, name) if name in SEARCHED_LISTS else None
                if s is not None:
                    out.append(s)
    return out


def _check_gates(doc: Document, matchers: list[PhraseMatch | PhraseSearch]) -> None:
    for m in matchers:
        allowed = set(doc.gate(m, max_words=1 << 30))
        for i, b in enumerate(doc.blocks):
            if isinstance(m, PhraseSearch):
                hit = m.pattern.search(b.norm) is not None
            else:
                hit = m.pattern.match(b.norm) is not None
            assert not hit or i in allowed, (m.pattern.pattern[:60], b.text)


@given(MIXED)
def test_gates_never_hide_a_matching_line(text: str) -> None:
    doc = Document(text, segment(text))
    _check_gates(doc, _MATCHERS)


_MATCHERS = _matchers()


def test_gates_and_scan_on_shared_text_pairs() -> None:
    """Every phrase list, every line of the real extractor output: no match is gated out."""
    path = shared_path("data", "text_pairs.jsonl")
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    texts = [r["noisy"] for r in rows[::4]] + [rows[0]["gold"]]
    for text in texts:
        low = text.lower()
        assert sorted(scan._hits(low)) == sorted(scan._hits_plain(low))
        blocks = segment(text)
        texts = [b.text for b in blocks]
        found = scan.document_keys(texts)
        assert [found.get(i, scan.NO_KEYS) for i in range(len(texts))] == [
            scan.block_keys(t) for t in texts
        ]
        _check_gates(Document(text, segment(text)), _MATCHERS)


@given(st.one_of(st.text(st.characters(max_codepoint=127), max_size=200), MIXED))
def test_word_count_fast_path_is_the_regex_count(text: str) -> None:
    """Below the exact-count limit, the byte-level ASCII count equals the ``\\w+`` count."""
    for b in segment(text):
        if b.text.count(" ") < EXACT_COUNT_SPACES and not has_unspaced_script(b.text):
            assert word_count(b.text) == len(WORD_RE.findall(b.text)), b.text


@given(MIXED)
def test_title_copy_gate_finds_every_copy(text: str) -> None:
    """Copies of a known headline are found by first word, then compared in full."""
    blocks = segment(text)
    doc = Document(text, blocks)
    det = TitleDetector()
    for title in {b.text for b in blocks[:3]}:
        keys = _title_keys(title)
        want = {
            b.start
            for b in blocks
            if b.words <= det.max_words + 10 and not keys.isdisjoint(_title_keys(b.text))
        }
        assert {r.start for r in det._copies(doc, title)} == want


@given(st.one_of(LF_TEXT, scraped_text()), st.data())
def test_a_trimmed_block_gets_the_features_of_its_new_text(text: str, data: st.DataObject) -> None:
    """Features are fields derived from the text: ``replace`` with a new text recomputes them
    (the pipeline trims glued fragments this way), so no stale word count survives a cut."""
    for b in segment(text):
        cut = data.draw(st.integers(0, len(b.text)))
        piece = replace(b, text=b.text[cut:])
        fresh = Block(b.index, b.line, b.start + cut, b.end, b.text[cut:])
        assert (piece.words, piece.head, piece.ends_sentence, piece.truncated) == (
            fresh.words,
            fresh.head,
            fresh.ends_sentence,
            fresh.truncated,
        )
        assert piece.words == word_count(b.text[cut:])


@pytest.mark.parametrize(
    ("line", "ends", "truncated"),
    [
        ("The council voted on Tuesday.", True, False),
        ('He said: "we will build it."', True, False),
        ("Read the full story...", True, True),
        ("Read the full story\u2026)", True, True),
        ("Loading....", True, False),
        ("Sign up for our newsletter", False, False),
        ("Why did it fail?\u300d", True, False),
        ("", False, False),
        (")]", False, False),
    ],
)
def test_line_ending_reads_the_mark_before_closing_quotes(
    line: str, ends: bool, truncated: bool
) -> None:
    b = Block(0, 0, 0, len(line), line)
    assert (b.ends_sentence, b.truncated) == (ends, truncated)


@given(MIXED)
def test_title_first_word_from_a_window_equals_the_whole_line_reading(text: str) -> None:
    m = WORD_RE.search(text.casefold())
    assert _first_word(text) == (m.group(0) if m else "")


@given(MIXED)
def test_a_line_opening_with_a_word_of_letters_has_it_as_gate_word(text: str) -> None:
    for b in segment(text):
        first = _first_word(b.text)
        if first.isalpha():
            assert _may_open_with(b.head, {first}), b.text


@given(MIXED)
def test_normal_form_shortcut_equals_collapsing_every_space(text: str) -> None:
    from newsclean import _shape as shape

    t = text
    for src, dst in shape._QUOTE_PAIRS:
        t = t.replace(src, dst)
    t = shape._DIGITS_RE.sub("#", " ".join(t.split()))
    assert normalize(text) == t.lstrip(shape.EDGE_JUNK).rstrip(shape._TRAIL_JUNK)


@given(MIXED, st.integers(0, 5), st.floats(0, 1))
def test_blocks_removals_and_articles_survive_pickling(text: str, line: int, conf: float) -> None:
    """Batch workers send articles between processes: slots dataclasses must pickle whole."""
    import pickle

    from newsclean import analyze
    from newsclean._removal import Removal

    r = Removal(1, 2, "det", "kind.rule", conf, text, line, {"k": "v"})
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back.data == r.data and back.to_dict() == r.to_dict()
    for b in segment(text):
        copy = pickle.loads(pickle.dumps(b))
        assert copy == b and (copy.words, copy.head) == (b.words, b.head)
    art = analyze(text)
    assert pickle.loads(pickle.dumps(art)) == art


def _break_after(source: str, end: int) -> str:
    m = _AFTER.match(source, end)
    return m.group(1) if m else ""


def _break_before(source: str, start: int) -> str:
    m = _BEFORE.search(source[:start])
    return m.group(1) if m else ""


def _assemble_block_by_block(source: str, blocks: Sequence[Block], cuts: set[int]) -> str:
    """The plain definition: kept blocks joined by the line break that followed the first;
    across a blank line or a removed block, by that break and the one before the second
    (for "\n" text: "\n" and "\n\n")."""
    parts: list[str] = []
    gap = False
    last_end = 0
    for i, b in enumerate(blocks):
        if i in cuts:
            gap = True
            continue
        if parts:
            after = _break_after(source, last_end)
            gap = gap or b.gap_before
            before = _break_before(source, b.start)
            if gap and after + before == "\r\n":  # would read as one: the next other break
                a, z = _AFTER.match(source, last_end), _BEFORE.search(source[: b.start])
                assert a is not None and z is not None
                m = _NOT_LF.search(source[a.end(1) : z.start(1)])
                before = m.group(0) if m else before
            parts.append(after + before if gap else after)
        parts.append(source[b.start : b.end])
        last_end = b.end
        gap = False
    return "".join(parts)


@given(st.one_of(LF_TEXT, scraped_text(), any_text), st.randoms())
def test_assembling_runs_of_kept_lines_equals_joining_them_one_by_one(
    text: str, rnd: random.Random
) -> None:
    from newsclean._detector import Detector

    blocks = segment(text)
    cuts = {i for i in range(len(blocks)) if rnd.random() < 0.3}
    removals = [Detector().remove(blocks[i], "widget.test", 1.0) for i in sorted(cuts)]
    assert assemble(text, blocks, removals) == _assemble_block_by_block(text, blocks, cuts)
