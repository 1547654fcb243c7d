"""clean_html / analyze_html on small hand-written pages, including hostile input."""

from __future__ import annotations

import gzip
import pickle

import pytest

import newsclean
from newsclean import (
    Article,
    ConfigError,
    DecodeError,
    ExtractionError,
    NewscleanError,
    analyze_html,
    apply,
    clean_html,
)
from newsclean._html import Extraction, available_extractors, get_extractor, register_extractor

HEADLINE = "Harbour Town Opens Its First Floating Library"
PARAS = [
    "The town of Westhaven opened a library on a converted ferry on Saturday, giving residents "
    "of the outer islands regular access to books for the first time in a decade, and the first "
    "visitors queued along the quay well before the doors opened.",
    "The vessel, which carries about four thousand volumes, will stop at six landings each week, "
    "the council said in a statement released on Friday evening, adding that the timetable "
    "would be reviewed after the first three months of service.",
    "“People have asked for this for years, and we finally found a boat that fits,” said the "
    "head librarian, who spent two summers planning the route with the ferry crews and the "
    "harbour masters of every island on the way.",
    "The project cost less than a new branch building would have, and volunteers rebuilt the "
    "shelves so that they stay put when the sea gets rough in the winter months, when the "
    "crossings can take twice as long as they do in summer.",
]
COMMENT = "This is the best news I have read all week, well done to everyone involved!"
RELATED = ["Ferry timetable changes for the winter season", "Council approves new harbour wall"]


def article_page(lang: str = "en", charset: str = "utf-8") -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in PARAS)
    related = "".join(f'<li><a href="/r{i}">{t}</a></li>' for i, t in enumerate(RELATED))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="{charset}">
<title>{HEADLINE} | Westhaven Gazette</title>
<meta property="og:title" content="{HEADLINE}">
<meta property="og:site_name" content="Westhaven Gazette">
<meta name="author" content="Mara Quill">
<meta property="article:published_time" content="2024-05-04T09:30:00Z">
<meta name="description" content="A converted ferry brings books to the islands.">
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<article>
<h1>{HEADLINE}</h1>
<h2>A converted ferry brings books to the islands.</h2>
<p class="byline">By Mara Quill</p>
{paras}
</article>
<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>
<section id="comments" class="comments">
<h3>2 Comments</h3>
<div class="comment"><p>{COMMENT}</p></div>
<div class="comment"><p>Could the boat also stop at Eastpoint on Sundays please?</p></div>
</section>
</main>
<footer><p>© 2024 Westhaven Gazette. All rights reserved.</p></footer>
</body>
</html>"""


def test_normal_article() -> None:
    a = analyze_html(article_page().encode("utf-8"), "https://gazette.example/library")
    assert isinstance(a, Article)
    for p in PARAS:
        assert p in a.text
    assert HEADLINE not in a.text
    assert COMMENT not in a.text
    for t in RELATED:
        assert t not in a.text
    assert "All rights reserved" not in a.text
    assert "A converted ferry brings books" not in a.text  # the standfirst/deck
    assert a.title == HEADLINE
    assert a.meta["title"] == HEADLINE
    assert a.meta["author"] == "Mara Quill"
    assert a.meta["date"] == "2024-05-04"
    assert a.meta["sitename"] == "Westhaven Gazette"
    assert a.meta["url"] == "https://gazette.example/library"
    assert a.meta["language"] == "en"
    # the invariant the library keeps, also for the front-end's own removals
    assert apply(a.source_text, a.removals) == a.text
    assert a.text in clean_html(article_page())  # str input works too


def test_article_pickles_and_holds_plain_data() -> None:
    a = analyze_html(article_page())
    b = pickle.loads(pickle.dumps(a))
    assert b == a
    assert all(isinstance(v, str) for v in a.meta.values())
    assert isinstance(a.to_dict(), dict)


def test_explain_names_front_end_removals() -> None:
    a = analyze_html(article_page())
    report = a.explain()
    assert "duplicate.description" in report or "A converted ferry" not in a.source_text


def test_package_exports() -> None:
    assert newsclean.clean_html is clean_html
    assert newsclean.analyze_html is analyze_html
    assert "clean_html" in newsclean.__all__
    assert "analyze_html" in newsclean.__all__
    assert newsclean.__all__ == sorted(newsclean.__all__)


def test_cp1252_page_declared_latin1() -> None:
    html = article_page(charset="iso-8859-1").replace("Westhaven opened", "Westhaven’s café opened")
    text = clean_html(html.encode("cp1252"))
    assert "Westhaven’s café opened" in text


def test_mislabelled_charset_page() -> None:
    html = article_page(charset="iso-8859-1").replace("Westhaven opened", "Westhaven’s café opened")
    assert "Westhaven’s café opened" in clean_html(html.encode("utf-8"))


def test_bom_page() -> None:
    assert PARAS[0] in clean_html(article_page().encode("utf-8-sig"))
    assert PARAS[0] in clean_html(article_page(charset="utf-16").encode("utf-16"))


@pytest.mark.parametrize("empty", [b"", "", "   \n\t ", b"\n\n"])
def test_empty_input(empty: str | bytes) -> None:
    a = analyze_html(empty)
    assert a.text == ""
    assert clean_html(empty) == ""


def test_fragment_without_html_wrapper() -> None:
    text = clean_html("".join(f"<p>{p}</p>" for p in PARAS))
    assert PARAS[1] in text


@pytest.mark.timeout(120)
@pytest.mark.parametrize("cut", [0.3, 0.5, 0.7, 0.95])
def test_truncated_html(cut: float) -> None:
    html = article_page()
    out = clean_html(html[: int(len(html) * cut)].encode("utf-8"))
    assert isinstance(out, str)
    if cut >= 0.95:
        assert PARAS[0] in out


def test_binary_junk_raises() -> None:
    junk = bytes((i * 31 + 7) % 256 for i in range(20000))
    with pytest.raises(DecodeError):
        clean_html(junk)
    with pytest.raises(NewscleanError):
        analyze_html(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)


def test_gzip_bytes_are_inflated() -> None:
    raw = gzip.compress(article_page().encode("utf-8"))
    assert PARAS[2] in clean_html(raw)


def test_corrupt_gzip_raises_decode_error() -> None:
    raw = gzip.compress(article_page().encode("utf-8"))
    with pytest.raises(DecodeError):
        clean_html(raw[: len(raw) // 3])


@pytest.mark.timeout(120)
def test_deeply_nested_page() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    html = "<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>"
    try:
        out = clean_html(html)
    except NewscleanError as e:  # a clear error is acceptable; a hang or a crash is not
        assert str(e)
    else:
        assert isinstance(out, str)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_large_page() -> None:
    paras = "".join(
        f"<p>Paragraph {i}: the committee met again to review item {i * 7} of the plan, "
        f"and members agreed to publish the minutes of meeting {i} by the end of the week.</p>"
        for i in range(120_000)
    )
    html = (
        f"<html><head><title>Minutes</title></head><body><article>{paras}</article></body></html>"
    )
    assert len(html) > 18_000_000
    try:
        out = clean_html(html.encode("utf-8"))
    except NewscleanError as e:
        assert str(e)
    else:
        assert "Paragraph 119999" in out


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_large_repetitive_page() -> None:
    para = "<p>The same sentence repeated over and over by a broken page template, again.</p>"
    html = "<html><body><article>" + para * 100_000 + "</article></body></html>"
    try:
        out = clean_html(html)
    except NewscleanError as e:
        assert str(e)
    else:
        assert isinstance(out, str)


def test_too_large_input() -> None:
    with pytest.raises(newsclean.InputTooLargeError):
        analyze_html(article_page(), max_bytes=1000)


# --- extractors ---------------------------------------------------------------------------------


def test_builtin_extractors_listed() -> None:
    names = available_extractors()
    assert "trafilatura" in names
    assert "justext" in names


@pytest.mark.parametrize("name", ["trafilatura", "justext", "readability"])
def test_each_extractor_on_the_article(name: str) -> None:
    if name not in available_extractors():
        pytest.skip(f"{name} is not installed")
    a = analyze_html(article_page(), extractor=name)
    assert PARAS[1] in a.text
    assert COMMENT not in a.text
    assert a.meta["extractor"] == name
    assert pickle.loads(pickle.dumps(a)) == a


def test_justext_uses_page_language() -> None:
    de = [
        "Die Stadt hat am Samstag eine Bibliothek auf einer umgebauten Fähre eröffnet, und die "
        "Bewohner der Inseln können nun zum ersten Mal seit Jahren regelmäßig Bücher ausleihen, "
        "wie die Leiterin der Bibliothek bei der Eröffnung am Hafen sagte.",
        "Das Schiff hat etwa viertausend Bücher an Bord und wird jede Woche an sechs Anlegern "
        "halten, wie der Rat in einer Mitteilung am Freitagabend erklärte, und der Fahrplan "
        "soll nach den ersten drei Monaten überprüft werden, wenn die Zahlen vorliegen.",
    ]
    html = (
        '<html lang="de-DE"><head><title>Bibliothek</title></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in de)
        + "</article></body></html>"
    )
    a = analyze_html(html, extractor="justext")
    assert a.meta["language"] == "de"
    for p in de:
        assert p in a.text


def test_language_guessed_without_lang_attribute() -> None:
    html = article_page().replace(' lang="en"', "")
    assert analyze_html(html).meta["language"] == "en"


def test_unknown_extractor() -> None:
    with pytest.raises(ConfigError, match="unknown extractor"):
        clean_html(article_page(), extractor="nope")


class _Upper:
    name = "upper"

    def extract(self, html: str, url: str | None) -> Extraction:
        return Extraction(PARAS[0].upper(), title="T", url=url, extractor=self.name)


class _Broken:
    name = "broken"

    def extract(self, html: str, url: str | None) -> Extraction:
        raise RuntimeError("boom")


def test_custom_extractor_instance_and_registry() -> None:
    a = analyze_html(article_page(), "https://x.example/", extractor=_Upper())
    assert a.text == PARAS[0].upper()
    assert a.meta["url"] == "https://x.example/"
    register_extractor("upper", _Upper)
    assert isinstance(get_extractor("upper"), _Upper)
    assert clean_html(article_page(), extractor="upper") == PARAS[0].upper()


def test_extractor_failure_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="boom"):
        analyze_html(article_page(), extractor=_Broken())


def test_custom_pipeline() -> None:
    a = analyze_html(article_page(), pipeline=newsclean.Pipeline.empty())
    assert a.removals == () or all(r.detector == "html" for r in a.removals)
    assert PARAS[0] in a.text
