"""The extraction front-end: same start as plain trafilatura, the recall retry, the rescue gate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from newsclean._html import api
from newsclean._html.extractors import TrafilaturaExtractor, parse_html

trafilatura = pytest.importorskip("trafilatura")

PARAS = [
    "The town of Westhaven opened a library on a converted ferry on Saturday, giving residents "
    "of the outer islands regular access to books for the first time in a decade.",
    "The vessel, which carries about four thousand volumes, will stop at six landings each "
    "week, the council said in a statement released on Friday evening.",
    "The head librarian spent two summers planning the route with the ferry crews and the "
    "harbour masters of every island on the way, and volunteers rebuilt the shelves.",
    "The project cost less than a new branch building would have, and the crossings can take "
    "twice as long in winter as they do in summer, when the sea is calm.",
]


def article_page() -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Floating Library | Gazette</title></head>"
        "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article>"
        f"<h1>Harbour Town Opens Its First Floating Library</h1>{paras}</article>"
        "<section class='comments'><div class='comment'><p>Well done everyone, great news for "
        "the islands!</p></div></section></main><footer>© 2024 Gazette</footer></body></html>"
    )


def _lines(text: str) -> list[str]:
    return [" ".join(ln.split()) for ln in text.splitlines() if ln.strip()]


def test_default_extractor_starts_from_plain_trafilatura() -> None:
    """Every line ``trafilatura.extract(include_comments=False)`` returns is in the text the
    pipeline gets (same settings: its readability / jusText fallbacks on)."""
    page = article_page()
    url = "https://gazette.example/library"
    ours = _lines(TrafilaturaExtractor().extract(page, url).text)
    theirs = _lines(trafilatura.extract(page, url=url, include_comments=False) or "")
    assert theirs
    assert set(theirs) <= set(ours)
    defaults = TrafilaturaExtractor()
    assert not defaults.fast and not defaults.favor_precision and not defaults.favor_recall


@dataclass
class _Doc:
    text: str
    body: Any = None


@dataclass(frozen=True)
class _Scripted(TrafilaturaExtractor):
    """trafilatura replaced by fixed outputs: ``short`` normally, ``long`` with favor_recall."""

    short: str = ""
    long: str = ""
    fallback_min_prose: int = 100  # the test page is short

    def _bare(self, tree: Any, url: str | None, favor_recall: bool) -> Any | None:
        return _Doc(self.long if favor_recall else self.short)


def _prose_page() -> str:
    return "<html><body>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</body></html>"


def test_recall_retry_when_the_extraction_is_tiny() -> None:
    ex = _Scripted(short="", long="\n".join(PARAS)).extract(_prose_page(), None)
    assert ex.text == "\n".join(PARAS)
    assert ex.extra.get("recall_fallback") == "1"


def test_no_recall_retry_when_the_extraction_covers_the_page() -> None:
    short = "\n".join(PARAS[:2])  # half the page's prose: above the trigger share
    ex = _Scripted(short=short, long="\n".join(PARAS)).extract(_prose_page(), None)
    assert ex.text == short
    assert "recall_fallback" not in ex.extra


def test_recall_retry_keeps_the_longer_text() -> None:
    ex = _Scripted(short=PARAS[0][:40], long="").extract(_prose_page(), None)
    assert ex.text == PARAS[0][:40]


def test_recall_retry_can_be_switched_off() -> None:
    ex = _Scripted(short="", long="\n".join(PARAS), recall_fallback=False).extract(
        _prose_page(), None
    )
    assert ex.text == ""


def test_rescue_gate_sees_missed_siblings() -> None:
    split = (
        "<html><body><main><div><p>{0}</p></div><aside>ad</aside><div><p>{1}</p></div>"
        "</main><footer><p>{2}</p></footer></body></html>"
    )
    tree = parse_html(split.format(PARAS[0], PARAS[1], PARAS[2]))
    kept = {api._key(PARAS[0])}
    assert api._has_sibling_prose(tree, kept)  # PARAS[1] sits at the same tag path
    alone = (
        "<html><body><main><p>{0}</p></main><footer><div><p>{1}</p></div></footer></body></html>"
    )
    tree = parse_html(alone.format(PARAS[0], PARAS[1]))
    assert not api._has_sibling_prose(tree, kept)  # the missed paragraph is elsewhere
    assert api._has_sibling_prose(tree, set())  # nothing kept: cannot judge, jusText decides
