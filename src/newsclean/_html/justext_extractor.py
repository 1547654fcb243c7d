"""The ``"justext"`` extractor, and jusText's classified paragraphs for the recall rescue.

The stoplist is the page language's (``<html lang>``, else a stopword guess, else English).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..errors import InputTooLargeError
from .extraction import Extraction, LineHint, from_meta, norm, prose_chars
from .justext_linear import revise_paragraph_classification
from .meta import GUESSABLE, guess_language, read_meta
from .parse import parse_html

__all__ = ["JUSTEXT_MAX_HTML_CHARS", "JustextExtractor", "Paragraph", "justext_paragraphs"]

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
    from justext.core import ParagraphMaker, classify_paragraphs, preprocessor

    dom = preprocessor(tree)  # lxml_html_clean works on a copy
    paragraphs = ParagraphMaker.make_paragraphs(dom)
    classify_paragraphs(paragraphs, _stoplist(language))
    revise_paragraph_classification(paragraphs)
    return [
        Paragraph(
            text=norm(p.text),
            cls=str(p.class_type),
            dom_path=str(p.dom_path),
            link_density=float(p.links_density()),
            heading=bool(p.is_heading),
        )
        for p in paragraphs
        if norm(p.text)
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
            language = guess_language(norm(body.text_content())[:4000])
        paragraphs = justext_paragraphs(tree, language)
        kept = [p for p in paragraphs if p.cls == "good"]
        text = "\n".join(p.text for p in kept)
        hints = tuple(LineHint("h" if p.heading else "p", p.link_density, p.dom_path) for p in kept)
        ex = from_meta(
            meta, text, hints=hints, page_prose_chars=prose_chars(tree), extractor=self.name
        )
        return ex if ex.language else _with_language(ex, language)


def _with_language(ex: Extraction, language: str | None) -> Extraction:
    return replace(ex, language=language)
