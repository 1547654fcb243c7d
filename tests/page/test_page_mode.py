"""Whole-page mode: golden pages with their negatives, the subsequence property, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
import newsclean._page
from newsclean._page import DEFAULT_THRESHOLD, PageModel, page_removals
from newsclean._page.markup import markup
from newsclean._removal import apply
from newsclean.errors import ConfigError
from tests.cli.conftest import run_cli

MENU = [
    "Skip to content",
    "  * [Home](https://example.org/)",
    "  * [News](https://example.org/news/)",
    "  * [Sport](https://example.org/sport/)",
    "  * [Weather](https://example.org/weather/)",
    "  * [Contact](https://example.org/contact/)",
    "[![Example Daily](https://example.org/logo.png)](https://example.org/)",
]
ARTICLE = [
    "# Harbour town votes to rebuild its flooded sea wall",
    "The council of the small harbour town voted on Tuesday to rebuild the sea wall that the "
    "winter storms breached twice, after a debate that lasted well into the night.",
    "The new wall will be two metres higher than the old one and is expected to cost about four "
    "million euros, according to the [council's own estimate](https://example.org/budget.pdf).",
    "## What happens next",
    "Work is due to start in the spring, once the fishing season has ended, and should take "
    "eighteen months. Residents will be able to comment on the plans until March.",
    '"We cannot go through another winter like this one," the mayor said after the vote.',
]
FOOTER = [
    "  * [Storm damage in pictures](https://example.org/a/1)",
    "  * [Fishermen count the cost](https://example.org/a/2)",
    "  * [Ferry service suspended](https://example.org/a/3)",
    "  * [About us](https://example.org/about)",
    "  * [Privacy policy](https://example.org/privacy)",
    "© 2024 Example Daily. All rights reserved.",
]
PAGE = "\n\n".join(["\n".join(MENU), *ARTICLE, "\n".join(FOOTER)]) + "\n"


def test_page_keeps_the_article_and_drops_menu_and_footer() -> None:
    art = newsclean.analyze(PAGE, mode="page")
    out = art.text
    for para in ARTICLE[1:]:
        assert markup(para).visible in out  # the prose, link text kept, link markup gone
    assert "## What happens next" in out  # a short heading inside the article stays
    assert "https://example.org/budget.pdf" not in out
    for noise in ("Skip to content", "Home", "Weather", "Ferry service", "Privacy", "© 2024"):
        assert noise not in out
    reasons = {r.reason for r in art.removals if r.detector == "page_lines"}
    assert {"page.header", "page.footer"} <= reasons
    assert apply(PAGE, art.removals) == out


def test_article_mode_is_the_default_and_ignores_page_chrome() -> None:
    # Negative: without mode="page" the menu is not the page step's to remove.
    assert newsclean.clean(PAGE) == newsclean.clean(PAGE, mode="article")
    assert not any(r.detector.startswith("page_") for r in newsclean.analyze(PAGE).removals)
    assert "[Weather](https://example.org/weather/)" in newsclean.clean(PAGE)


def test_unknown_mode_is_an_error() -> None:
    with pytest.raises(ConfigError):
        newsclean.clean(PAGE, mode="pages")


def test_menu_only_page_keeps_no_menu_line() -> None:
    out = newsclean.clean("\n".join(MENU + FOOTER), mode="page")
    assert "https://" not in out
    assert "Weather" not in out


def test_confidence_is_the_model_probability_of_noise() -> None:
    drops, kept = page_removals(PAGE)
    assert drops and kept
    for r in drops:
        assert 1.0 - DEFAULT_THRESHOLD < r.confidence <= 1.0
    # A model that calls every line content drops nothing (the scores decide, not rules).
    keep_all = PageModel(PageModel.load().stage1, (0.0,) * 9 + (50.0,))
    assert page_removals(PAGE, model=keep_all)[0] == []


def test_outside_bar_drops_kept_lines_away_from_the_main_span() -> None:
    # Lines above and below the article sit outside its span: a higher bar there drops
    # some of what the default keeps, and never the article's own lines.
    page = f"Read our coverage of the storms that hit the coast this winter.\n\n{PAGE}"
    default = {ln.text for ln in page_removals(page, outside=DEFAULT_THRESHOLD)[1]}
    strict = {ln.text for ln in page_removals(page, outside=0.99)[1]}
    assert strict < default
    assert set(ARTICLE) <= strict


def test_markup_spans_read_as_the_link_text() -> None:
    mk = markup('see [the report](/r.pdf "title") and ![chart](c.png) <https://a.b/c>')
    assert mk.visible == "see the report and  "
    assert mk.link_chars == len("the report")
    assert markup("no links [here] (or) there") == ("no links [here] (or) there", 0, ())


_LINE = st.one_of(
    st.sampled_from(MENU + ARTICLE + FOOTER + ["", "  ", "|a|b|", "* x", "[](u)"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=30), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_output_is_the_input_minus_its_removals(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    art = newsclean.analyze(text, mode="page")
    assert apply(text, art.removals) == art.text
    for r in art.removals:
        assert text[r.start : r.end] == r.text


def test_cli_clean_mode_page(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    proc = run_cli(["clean", "--mode", "page", "--json", str(path)])
    doc = json.loads(proc.stdout)
    assert doc["text"] == newsclean.clean(PAGE, mode="page")
    assert any(r["detector"] == "page_lines" for r in doc["removals"])
    plain = run_cli(["clean", str(path)])  # negative: article mode keeps the menu
    assert b"[Weather]" in plain.stdout


def test_batch_mode_page_cleans_records_as_whole_pages(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": "a", "text": PAGE}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_cli(["batch", str(src), "-o", str(out), "--mode", "page", "-j", "2"])
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["text_clean"] == newsclean.clean(PAGE, mode="page")
    run_cli(["batch", str(src), "-o", str(out)])  # negative: the default is article mode
    assert "[Weather]" in json.loads(out.read_text(encoding="utf-8"))["text_clean"]


def test_batch_refuses_page_mode_for_html_records(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": "a", "html": "<p>x</p>"}) + "\n", encoding="utf-8")
    args = ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--html-field", "html"]
    proc = run_cli([*args, "--mode", "page"], check=False)
    assert proc.returncode == 2 and b"mode 'page'" in proc.stderr


def test_clean_batch_takes_the_mode() -> None:
    assert newsclean.clean_batch([PAGE], mode="page") == [newsclean.clean(PAGE, mode="page")]
    assert newsclean.clean_batch({"text": [PAGE]})["text_clean"] == [newsclean.clean(PAGE)]
