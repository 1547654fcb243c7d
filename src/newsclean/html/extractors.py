"""Main-text extractors behind one small protocol, chosen by name.

An :class:`Extractor` turns a decoded HTML page into an :class:`Extraction`: plain text with
one paragraph per line, the page metadata it could read, and optional per-line hints (block
kind, link density, DOM path) that become :class:`~newsclean.document.Block` fields.

Built in:

- ``"trafilatura"`` — trafilatura 2.x ``bare_extraction`` with the settings of
  ``trafilatura.extract(include_comments=False)``, so the text starts from what plain
  trafilatura returns: its fallbacks (the readability / jusText comparison) stay on. Without
  them (``fast=True``) WCXB article pages lost 3 points of recall (word F1 0.914 vs 0.938
  before cleaning), for a third of the time. ``favor_precision`` and ``favor_recall`` do not
  help once newsclean cleans the text (WCXB: -2.0 and +0.1 points on the tuning pages,
  -0.3 on the held-out ones for recall). When the extraction holds less than a tenth of
  the page's long ``<p>`` text, trafilatura runs again with ``favor_recall`` and the longer
  text wins (an empty extraction of a 12,000-character article, recovered whole). Tables
  are kept and nothing is deduplicated, as trafilatura does by default.
- ``"justext"`` — jusText with the stoplist of the page language (``<html lang>``, else a
  stopword guess, else English); non-boilerplate paragraphs, one per line.
- ``"readability"`` — readability-lxml, when it is installed (``pip install readability-lxml``).

Register more with :func:`register_extractor`. Extractions hold plain strings only (no lxml
objects), so they pickle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Protocol, runtime_checkable

from ..errors import ConfigError, ExtractionError, InputTooLargeError
from .meta import GUESSABLE, PageMeta, guess_language, read_meta

__all__ = [
    "Extraction",
    "Extractor",
    "JustextExtractor",
    "LineHint",
    "Paragraph",
    "ReadabilityExtractor",
    "TrafilaturaExtractor",
    "available_extractors",
    "get_extractor",
    "justext_paragraphs",
    "parse_html",
    "register_extractor",
]

#: A page paragraph counts as prose for the recall check when it has this many characters.
PROSE_PARAGRAPH_CHARS = 100


@dataclass(frozen=True)
class LineHint:
    """What the HTML said about one line of :attr:`Extraction.text`."""

    kind: str = "line"
    link_density: float = 0.0
    dom_path: str = ""


@dataclass(frozen=True)
class Extraction:
    """An extractor's result: text (one paragraph per line) and what it knew about the page.

    ``hints`` has one entry per non-blank line of ``text`` when given. ``titles`` lists every
    title candidate the page offers (og:title, <title>, <h1>...), best first.
    ``page_prose_chars`` is the length of the page's long ``<p>`` paragraphs, for the
    recall check (0 when unknown).
    """

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    titles: tuple[str, ...] = ()
    hints: tuple[LineHint, ...] | None = None
    page_prose_chars: int = 0
    extractor: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class Extractor(Protocol):
    """Anything with a ``name`` and ``extract(html, url) -> Extraction``."""

    @property
    def name(self) -> str: ...

    def extract(self, html: str, url: str | None) -> Extraction: ...


# --- parsing -------------------------------------------------------------------------------


def parse_html(html: str) -> Any | None:
    """An ``lxml.html`` tree of ``html`` as trafilatura parses it; fragments are wrapped.

    Returns None when there is nothing to parse.
    """
    import lxml.html
    from trafilatura.utils import load_html, repair_faulty_html

    if not html.strip():
        return None
    if not html.lstrip()[:200].lower().startswith(("<html", "<!doctype", "<?xml")):
        html = f"<html><body>{html}</body></html>"  # trafilatura rejects bare fragments
    html = repair_faulty_html(html, html[:50].lower())
    # huge_tree: without it libxml2 silently stops after ~10 MB of text or 256 levels of
    # nesting, and the article after that point would vanish without an error.
    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (ValueError, lxml.etree.ParserError) as e:
        raise ExtractionError(f"the page could not be parsed as HTML: {e}") from e
    if any(err.type_name == "ERR_RESOURCE_LIMIT" for err in parser.error_log):
        raise ExtractionError(
            "the page nests elements deeper than the HTML parser's limit; refusing rather "
            "than returning a partial article"
        )
    return load_html(tree)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _prose_chars(tree: Any) -> int:
    total = 0
    for p in tree.iter("p"):
        raw = p.text_content()
        if len(raw) < PROSE_PARAGRAPH_CHARS:  # collapsing whitespace only shortens it
            continue
        n = len(_norm(raw))
        if n >= PROSE_PARAGRAPH_CHARS:
            total += n
    return total


def _from_meta(meta: PageMeta, text: str, **kw: Any) -> Extraction:
    language = meta.language or guess_language(text)
    return Extraction(
        text=text,
        title=meta.titles[0] if meta.titles else None,
        author=meta.author,
        date=meta.date,
        sitename=meta.sitename,
        language=language,
        url=meta.url,
        description=meta.description,
        titles=meta.titles,
        **kw,
    )


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


# --- trafilatura ---------------------------------------------------------------------------

#: trafilatura's output elements whose text can be a line, and the kind of that line. A
#: table row is written as one line opening with "|" (no need to read rows); a cell holding
#: paragraphs spreads over lines of its own.
_TRAFILATURA_KINDS = {
    "head": "h",
    "p": "p",
    "item": "li",
    "quote": "quote",
    "cell": "table",
    "code": "code",
}
#: One shared (immutable) hint per kind.
_KIND_HINTS = {k: LineHint(k) for k in ("h", "p", "li", "quote", "code", "table", "line")}


def _trafilatura_hints(body: Any, text: str) -> tuple[LineHint, ...] | None:
    """Kinds of the lines of ``text`` from trafilatura's output tree, matched by their text."""
    if body is None:
        return None
    kinds: dict[str, str] = {}
    for el in body.iter(*_TRAFILATURA_KINDS):
        raw = (el.text or "") if len(el) == 0 else "".join(el.itertext())
        key = _norm(raw)
        if key:
            kinds.setdefault(key, _TRAFILATURA_KINDS[el.tag])
    out: list[LineHint] = []
    for ln in _lines(text):
        key = _norm(ln)
        kind = kinds.get(key) or kinds.get(key[2:] if key[:2] in ("- ", "* ") else key)
        if kind is None and key.startswith("|"):
            kind = "table"
        out.append(_KIND_HINTS[kind or "line"])
    return tuple(out)


@dataclass(frozen=True)
class TrafilaturaExtractor:
    """trafilatura 2.x as ``extract(include_comments=False)`` runs it, plus a recall retry.

    ``recall_fallback``: when the page has at least ``fallback_min_prose`` characters of
    long ``<p>`` text and the extraction holds less than ``fallback_share`` of it, extract
    again with ``favor_recall=True`` and keep the longer text.
    """

    name = "trafilatura"
    fast: bool = False
    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    deduplicate: bool = False
    recall_fallback: bool = True
    fallback_share: float = 0.1
    fallback_min_prose: int = 1000

    def extract(self, html: str, url: str | None) -> Extraction:
        tree = parse_html(html)
        if tree is None:
            return Extraction("", extractor=self.name)
        meta = read_meta(tree, url)
        prose = _prose_chars(tree)
        doc = self._bare(tree, url, self.favor_recall)
        text = str(doc.text or "") if doc is not None else ""
        extra: dict[str, str] = {}
        if (
            self.recall_fallback
            and not self.favor_recall
            and prose >= self.fallback_min_prose
            and len(text) < self.fallback_share * prose
        ):
            doc2 = self._bare(tree, url, True)
            text2 = str(doc2.text or "") if doc2 is not None else ""
            if len(text2) > len(text):
                doc, text = doc2, text2
                extra["recall_fallback"] = "1"
        if doc is None:
            return _from_meta(meta, "", page_prose_chars=prose, extractor=self.name)
        return _from_meta(
            meta,
            text,
            hints=_trafilatura_hints(doc.body, text),
            page_prose_chars=prose,
            extractor=self.name,
            extra=extra,
        )

    def _bare(self, tree: Any, url: str | None, favor_recall: bool) -> Any | None:
        from trafilatura import bare_extraction

        doc = bare_extraction(
            tree,  # trafilatura works on a copy: the tree can be extracted again
            url=url,
            fast=self.fast,
            favor_precision=self.favor_precision,
            favor_recall=favor_recall,
            include_comments=False,
            include_tables=self.include_tables,
            deduplicate=self.deduplicate,
            with_metadata=False,
        )
        return None if doc is None or isinstance(doc, dict) else doc


# --- jusText -------------------------------------------------------------------------------

#: ISO 639-1 codes to jusText stoplist names (beyond :data:`meta.GUESSABLE`).
_JUSTEXT_LANGUAGES: dict[str, str] = {
    **GUESSABLE,
    "af": "Afrikaans",
    "sq": "Albanian",
    "ar": "Arabic",
    "hy": "Armenian",
    "az": "Azerbaijani",
    "eu": "Basque",
    "be": "Belarusian",
    "bn": "Bengali",
    "bs": "Bosnian",
    "br": "Breton",
    "bg": "Bulgarian",
    "ca": "Catalan",
    "hr": "Croatian",
    "da": "Danish",
    "eo": "Esperanto",
    "et": "Estonian",
    "fi": "Finnish",
    "gl": "Galician",
    "ka": "Georgian",
    "el": "Greek",
    "gu": "Gujarati",
    "ht": "Haitian",
    "he": "Hebrew",
    "iw": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "is": "Icelandic",
    "ga": "Irish",
    "jv": "Javanese",
    "kn": "Kannada",
    "kk": "Kazakh",
    "ko": "Korean",
    "ku": "Kurdish",
    "ky": "Kyrgyz",
    "la": "Latin",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "lb": "Luxembourgish",
    "mk": "Macedonian",
    "ms": "Malay",
    "ml": "Malayalam",
    "mt": "Maltese",
    "mr": "Marathi",
    "ne": "Nepali",
    "nb": "Norwegian_Bokmal",
    "no": "Norwegian_Bokmal",
    "nn": "Norwegian_Nynorsk",
    "oc": "Occitan",
    "fa": "Persian",
    "ro": "Romanian",
    "sr": "Serbian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sw": "Swahili",
    "tl": "Tagalog",
    "ta": "Tamil",
    "te": "Telugu",
    "tk": "Turkmen",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vi": "Vietnamese",
    "cy": "Welsh",
    "fy": "West_Frisian",
    "yo": "Yoruba",
    "in": "Indonesian",
}


@lru_cache(maxsize=32)
def _stoplist(language: str | None) -> frozenset[str]:
    import justext

    name = _JUSTEXT_LANGUAGES.get(language or "", "English")
    try:
        return frozenset(justext.get_stoplist(name))
    except (ValueError, OSError):
        return frozenset(justext.get_stoplist("English"))


@dataclass(frozen=True)
class Paragraph:
    """One jusText paragraph, as plain data."""

    text: str
    cls: str  # "good", "neargood", "short", "bad" after revision
    dom_path: str
    link_density: float
    heading: bool


def justext_paragraphs(tree: Any, language: str | None) -> list[Paragraph]:
    """jusText's classified paragraphs of a parsed page (the tree is not modified)."""
    from justext.core import (
        ParagraphMaker,
        classify_paragraphs,
        preprocessor,
        revise_paragraph_classification,
    )

    dom = preprocessor(tree)  # lxml_html_clean works on a copy
    paragraphs = ParagraphMaker.make_paragraphs(dom)
    classify_paragraphs(paragraphs, _stoplist(language))
    revise_paragraph_classification(paragraphs)
    return [
        Paragraph(
            text=_norm(p.text),
            cls=str(p.class_type),
            dom_path=str(p.dom_path),
            link_density=float(p.links_density()),
            heading=bool(p.is_heading),
        )
        for p in paragraphs
        if _norm(p.text)
    ]


#: jusText's paragraph revision is quadratic in the paragraph count: pages larger than this
#: many characters are refused rather than left to run for minutes.
JUSTEXT_MAX_HTML_CHARS = 5_000_000


@dataclass(frozen=True)
class JustextExtractor:
    """jusText with the stoplist of the page language; good paragraphs one per line."""

    name = "justext"
    #: Force a stoplist language (ISO 639-1); by default the page's own or a guess.
    language: str | None = None
    max_html_chars: int = JUSTEXT_MAX_HTML_CHARS

    def extract(self, html: str, url: str | None) -> Extraction:
        if len(html) > self.max_html_chars:
            raise InputTooLargeError(
                f"page has {len(html)} characters; the jusText extractor takes at most "
                f"{self.max_html_chars} (it is quadratic on huge pages): use 'trafilatura'"
            )
        tree = parse_html(html)
        if tree is None:
            return Extraction("", extractor=self.name)
        meta = read_meta(tree, url)
        language = self.language or meta.language
        if language is None:
            body = next(tree.iter("body"), tree)
            language = guess_language(_norm(body.text_content())[:4000])
        paragraphs = justext_paragraphs(tree, language)
        kept = [p for p in paragraphs if p.cls == "good"]
        text = "\n".join(p.text for p in kept)
        hints = tuple(LineHint("h" if p.heading else "p", p.link_density, p.dom_path) for p in kept)
        ex = _from_meta(
            meta, text, hints=hints, page_prose_chars=_prose_chars(tree), extractor=self.name
        )
        return ex if ex.language else _with_language(ex, language)


def _with_language(ex: Extraction, language: str | None) -> Extraction:
    from dataclasses import replace

    return replace(ex, language=language)


# --- readability-lxml (optional) -------------------------------------------------------------

_READABILITY_BLOCKS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "figcaption",
)
_READABILITY_KINDS = {
    "li": "li",
    "blockquote": "quote",
    "figcaption": "caption",
    "pre": "code",
    "td": "table",
    "th": "table",
}


@dataclass(frozen=True)
class ReadabilityExtractor:
    """readability-lxml's main content, one block element per line (optional dependency)."""

    name = "readability"

    def extract(self, html: str, url: str | None) -> Extraction:
        try:
            from readability import (  # type: ignore[import-untyped,unused-ignore]
                Document as ReadabilityDocument,
            )
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ExtractionError(
                "the 'readability' extractor needs readability-lxml: pip install readability-lxml"
            ) from e
        import lxml.html

        tree = parse_html(html)
        if tree is None:
            return Extraction("", extractor=self.name)
        meta = read_meta(tree, url)
        summary = ReadabilityDocument(html, url=url).summary(html_partial=True)
        root = (
            lxml.html.fragment_fromstring(summary, create_parent="div") if summary.strip() else None
        )
        lines: list[str] = []
        hints: list[LineHint] = []
        if root is not None:
            for el in root.iter(*_READABILITY_BLOCKS):
                if any(a.tag in _READABILITY_BLOCKS for a in el.iterancestors()):
                    continue  # nested blocks are read with their outermost block
                t = _norm(el.text_content())
                if t:
                    lines.append(t)
                    kind = (
                        "h"
                        if el.tag[0] == "h" and el.tag[1:].isdigit()
                        else _READABILITY_KINDS.get(el.tag, "p")
                    )
                    hints.append(LineHint(kind))
        return _from_meta(
            meta,
            "\n".join(lines),
            hints=tuple(hints),
            page_prose_chars=_prose_chars(tree),
            extractor=self.name,
        )


# --- the registry --------------------------------------------------------------------------

_REGISTRY: dict[str, Callable[[], Extractor]] = {
    "trafilatura": TrafilaturaExtractor,
    "justext": JustextExtractor,
    "readability": ReadabilityExtractor,
}


def register_extractor(name: str, factory: Callable[[], Extractor]) -> None:
    """Make ``factory()`` available as ``extractor=name`` (replaces an existing name)."""
    _REGISTRY[name] = factory
    _cached.cache_clear()


def _installed(name: str) -> bool:
    if name != "readability":
        return True
    try:
        import readability  # noqa: F401
    except ImportError:
        return False
    return True


def available_extractors() -> list[str]:
    """Names usable as ``extractor=`` here (readability only when installed)."""
    return sorted(n for n in _REGISTRY if _installed(n))


@cache
def _cached(name: str) -> Extractor:
    return _REGISTRY[name]()


def get_extractor(name: str | Extractor) -> Extractor:
    """The extractor registered as ``name`` (an :class:`Extractor` instance passes through)."""
    if not isinstance(name, str):
        if isinstance(name, Extractor):
            return name
        raise ConfigError(f"extractor must be a name or an Extractor, got {type(name).__name__}")
    if name not in _REGISTRY:
        raise ConfigError(f"unknown extractor {name!r}; available: {available_extractors()}")
    return _cached(name)
