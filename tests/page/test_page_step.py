"""The page step's fast paths against the plain definitions they replace, to the bit."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._page import PageModel
from newsclean._page.features import LINE_FEATURES, feature_columns, line_features, page_lines
from newsclean._page.model import _dot, _sigmoid, stage1_vectors, stage2_vectors
from tests.page.test_page_mode import _LINE, PAGE


def _by_vectors(model: PageModel, text: str) -> tuple[list[float], list[float]]:
    """Stage-1 logits and probabilities as the training code builds them: a vector a line."""
    feats = line_features(page_lines(text))
    w1, b1 = model.stage1[:-1], model.stage1[-1]
    logits = [_dot(w1, v) + b1 for v in stage1_vectors(feats)]
    w2, b2 = model.stage2[:-1], model.stage2[-1]
    return logits, [_sigmoid(_dot(w2, v) + b2) for v in stage2_vectors(logits, feats)]


def _check(text: str) -> None:
    model = PageModel.load()
    lines = page_lines(text)
    if not lines:
        assert model.probabilities(lines) == []
        return
    logits, probs = _by_vectors(model, text)
    assert model.stage1_logits(feature_columns(lines)) == logits
    assert model.probabilities(lines) == probs


def test_fused_scorer_equals_the_vector_path_on_a_page() -> None:
    _check(PAGE)
    _check("")


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=30), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_fused_scorer_equals_the_vector_path(lines: list[str], sep: str) -> None:
    _check(sep.join(lines))


def test_features_of_a_menu_line_and_a_sentence() -> None:
    menu, prose = line_features(page_lines("  * [Home](https://e.org/)\n\nÉté 2024, à Paris.\n"))
    f = dict(zip(LINE_FEATURES, menu, strict=True))
    assert f["log_words"] == math.log1p(1)  # "Home": the URL is markup, not words
    assert f["link_text_share"] == 4 / len("* Home")
    assert f["markup_share"] == 1.0 - len("* Home") / len("* [Home](https://e.org/)")
    assert (f["list_item"], f["ends_sentence"], f["log_indent"]) == (1.0, 0.0, math.log1p(2))
    g = dict(zip(LINE_FEATURES, prose, strict=True))
    assert g["log_words"] == math.log1p(4) and g["digit_share"] == 4 / 18
    assert (g["upper_initial_share"], g["short_word_share"]) == (0.5, 0.5)
    assert (g["ends_sentence"], g["date_like"], g["list_item"], g["pos"]) == (1.0, 1.0, 0.0, 1.0)
