"""The HTML path: main-content extractors and ``newsclean.clean_html`` on the raw AEB pages.

All tools run in the same process over the same pages, best of three passes for pages/s,
so the speeds are comparable with each other (not with figures from other machines).
"""

from __future__ import annotations

import inspect
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import newsclean

from .data import HtmlPage
from .metric import Score, score
from .report import Section, esc, fmt, md_table

__all__ = [
    "HtmlResult",
    "build_extractors",
    "guess_stoplist",
    "html_path_section",
    "html_to_text",
    "run_extractors",
    "whole_page_text",
]

#: Timed passes per tool; the fastest counts (the first pass's outputs are scored).
PASSES = 3
#: jusText parameters of the benchmark's own runner (length_low, length_high, stopwords_low,
#: stopwords_high, max_link_density, max_heading_distance, no_headings).
JUSTEXT_AEB = (50, 200, 0.1, 0.2, 0.2, 200, True)
#: Block-level tags after which readability's HTML gets a line break when turned into text.
BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "td", "th", "section", "article", "figure",
    "figcaption", "header", "footer", "dd", "dt", "hr",
)  # fmt: skip
#: ISO 639-1 codes of ``<html lang>`` mapped to jusText stoplist names.
ISO_STOPLIST = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ms": "Malay", "nb":
    "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
}  # fmt: skip
_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)
_SCRIPT = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")

Extractor = Callable[[HtmlPage], str]


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment with a line break after each block (lxml, no html_text)."""
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fromstring(fragment)
    except Exception:  # an empty or broken summary is an empty extraction
        return ""
    for el in root.iter(*BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return str(root.text_content())


def whole_page_text(html: str) -> str:
    """All visible text of the page (scripts, styles and comments dropped), no extraction."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # an unparsable page has no text
        return ""
    etree.strip_elements(
        root, "script", "style", "noscript", "template", etree.Comment, with_tail=False
    )
    for el in root.iter(*BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return str(root.text_content())


class _Stoplists:
    """jusText's stoplists loaded once, so language guessing is not timed as file I/O."""

    def __init__(self) -> None:
        import justext

        self.names = sorted(justext.get_stoplists())
        self.sets = {n: frozenset(justext.get_stoplist(n)) for n in self.names}

    def guess(self, html: str) -> tuple[str, str]:
        """Stoplist name and how it was chosen: ``<html lang>``, else best stop-word share."""
        m = _LANG.search(html[:20000])
        if m and m.group(1).lower()[:2] in ISO_STOPLIST:
            return ISO_STOPLIST[m.group(1).lower()[:2]], "lang"
        words = [w.lower() for w in _WORD.findall(_TAG.sub(" ", _SCRIPT.sub(" ", html)))]
        if not words:
            return "English", "default"
        best = max(self.names, key=lambda n: sum(w in self.sets[n] for w in words))
        return best, "guess"


def guess_stoplist(html: str) -> tuple[str, str]:
    """Convenience wrapper around :class:`_Stoplists` for one page."""
    return _Stoplists().guess(html)


def _clean_html_tool(fn: Callable[..., object]) -> Extractor:
    """Adapt ``newsclean.clean_html`` while its signature is still being settled."""
    try:
        takes_url = "url" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        takes_url = False

    def run(p: HtmlPage) -> str:
        out = fn(p.html, url=p.url) if takes_url else fn(p.html)
        if out is None:
            return ""
        return out if isinstance(out, str) else str(getattr(out, "text", out))

    return run


def build_extractors() -> tuple[dict[str, Extractor], dict[str, str], Counter[str]]:
    """The tools to run, the ones skipped with the reason, and jusText's language picks."""
    import justext
    import trafilatura

    for name in ("trafilatura", "readability", "justext", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    tools: dict[str, Extractor] = {}
    skipped: dict[str, str] = {}
    langs: Counter[str] = Counter()

    if hasattr(newsclean, "clean_html"):
        tools["newsclean.clean_html"] = _clean_html_tool(newsclean.clean_html)
    else:
        skipped["newsclean.clean_html"] = "not available (newsclean has no clean_html yet)"

    def traf(p: HtmlPage) -> str:
        return trafilatura.extract(p.html, include_comments=False) or ""

    def traf_precision(p: HtmlPage) -> str:
        return trafilatura.extract(p.html, include_comments=False, favor_precision=True) or ""

    def traf_default(p: HtmlPage) -> str:
        return trafilatura.extract(p.html) or ""

    tools["trafilatura.extract(include_comments=False)"] = traf
    tools["trafilatura same + favor_precision=True"] = traf_precision
    tools["trafilatura defaults → newsclean.clean"] = lambda p: newsclean.clean(traf_default(p))
    tools["trafilatura(include_comments=False) → newsclean.clean"] = lambda p: newsclean.clean(
        traf(p)
    )
    try:
        from readability import Document  # type: ignore[import-untyped]
    except ImportError:
        skipped["readability-lxml"] = (
            "readability-lxml not installed (`pip install readability-lxml`, `bench` extra)"
        )
    else:
        tools["readability-lxml"] = lambda p: html_to_text(Document(p.html).summary())

    english = justext.get_stoplist("English")

    def jt(html: str, stoplist: frozenset[str] | set[str]) -> str:
        paras = justext.justext(html, stoplist, *JUSTEXT_AEB)
        return "\n".join(x.text for x in paras if not x.is_boilerplate)

    tools["jusText (English stoplist)"] = lambda p: jt(p.html, english)
    stop = _Stoplists()

    def jt_lang(p: HtmlPage) -> str:
        name, how = stop.guess(p.html)
        langs[f"{name} ({how})"] += 1
        return jt(p.html, stop.sets[name])

    tools["jusText (stoplist of guessed language)"] = jt_lang
    tools["whole-page text (no extraction)"] = lambda p: whole_page_text(p.html)
    return tools, skipped, langs


@dataclass
class HtmlResult:
    """Scores and speed of one tool on the pages."""

    name: str
    score: Score
    pages_per_s: float
    errors: list[str] = field(default_factory=list)


def run_extractors(
    pages: Sequence[HtmlPage], tools: dict[str, Extractor], passes: int = PASSES
) -> list[HtmlResult]:
    """Run each tool ``passes`` times over ``pages``; score the first pass, time the best."""
    results: list[HtmlResult] = []
    for name, fn in tools.items():
        outputs: list[str] = []
        errors: list[str] = []
        times: list[float] = []
        for k in range(passes):
            t0 = time.perf_counter()
            for p in pages:
                try:
                    out = fn(p)
                except Exception as e:  # one broken page is an empty extraction, reported
                    out = ""
                    if k == 0:
                        errors.append(f"{type(e).__name__}: {str(e)[:80]}")
                if k == 0:
                    outputs.append(out)
            times.append(time.perf_counter() - t0)
        s = score(zip(outputs, (p.gold for p in pages), strict=True))
        results.append(HtmlResult(name, s, len(pages) / min(times), errors))
    return results


def html_path_section(pages: Sequence[HtmlPage]) -> tuple[Section, list[HtmlResult]]:
    """The HTML-path table, plus the raw results the speed table reuses."""
    t0 = time.perf_counter()
    tools, skipped, langs = build_extractors()
    results = run_extractors(pages, tools)
    rows = [
        [
            esc(r.name),
            fmt(r.score.f1),
            fmt(r.score.precision),
            fmt(r.score.recall),
            fmt(r.score.accuracy, 3),
            str(r.score.empty),
            f"{r.pages_per_s:.1f}",
        ]
        for r in results
    ]
    rows += [[esc(name), "–", "–", "–", "–", "–", f"skipped: {esc(why)}"] for name, why in
             skipped.items()]  # fmt: skip
    sec = Section(
        "HTML path",
        intro=[
            f"The {len(pages)} AEB pages (`aeb/html/<id>.html.gz`, decoded as UTF-8) against "
            "`aeb/ground-truth.json`. pages/s = pages / fastest of "
            f"{PASSES} passes, one process, every tool in this same run. jusText uses the "
            "benchmark runner's parameters; the per-language row takes the stoplist from "
            "`<html lang>`, else the stoplist with the most stop words on the page. "
            "readability's summary and the whole page are turned into text with lxml (a line "
            "break after each block element), where the benchmark's runners use html_text, "
            "so those two rows may differ slightly from published figures.",
        ],
        body=md_table(["tool", "F1", "P", "R", "acc", "empty", "pages/s"], rows),
    )
    for r in results:
        if r.errors:
            sec.notes.append(
                f"{esc(r.name)} raised on {len(r.errors)} pages (scored empty): {esc(r.errors[0])}"
            )
    if langs:
        picks = ", ".join(f"{k}: {v // PASSES}" for k, v in langs.most_common())
        sec.notes.append(f"jusText stoplists picked: {picks}.")
    sec.seconds = time.perf_counter() - t0
    return sec, results
