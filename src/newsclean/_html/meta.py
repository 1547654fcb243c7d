"""Page metadata read cheaply from a parsed tree: title candidates, author, date, language...

Only ``<meta>`` tags, ``<title>``, the first ``<h1>``, ``<time>`` and ``<html lang>`` are
read, which costs a fraction of a millisecond. Everything returned is a plain ``str`` (no lxml
object escapes this module), so results pickle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = ["PageMeta", "guess_language", "normalize_language", "read_meta"]

_SPACE = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")

# <meta> keys (property / name / itemprop), lower-cased, in order of preference.
_TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title", "title")
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
)
_DATE_KEYS = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "published_time",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article:modified_time",
)
_SITE_KEYS = ("og:site_name", "application-name", "twitter:site")
_LANG_KEYS = ("content-language", "og:locale", "language", "dc.language")
_URL_KEYS = ("og:url", "twitter:url")


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself. ``titles`` holds every title candidate, best first."""

    titles: tuple[str, ...] = ()
    h1: str | None = None
    description: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    language: str | None = None
    url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _clean(text: str | None, limit: int = 500) -> str | None:
    if not text:
        return None
    t = _SPACE.sub(" ", text).strip()
    return t[:limit] if t else None


def normalize_language(value: str | None) -> str | None:
    """``"en-US"`` / ``"pt_BR"`` / ``"EN"`` to ``"en"`` / ``"pt"``; None if not a language tag."""
    if not value:
        return None
    m = _LANG.match(value.strip().split(",")[0].strip())
    return m.group(1).lower() if m else None


def _date(value: str | None) -> str | None:
    v = _clean(value, 64)
    if v is None:
        return None
    m = _ISO_DATE.match(v)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else v


def _first(values: dict[str, str], keys: Iterable[str]) -> str | None:
    for k in keys:
        v = values.get(k)
        if v:
            return v
    return None


def _text(el: Any) -> str | None:
    try:
        return _clean(el.text_content(), 300)
    except (ValueError, RecursionError):  # pathological trees
        return None


def read_meta(tree: Any, url: str | None = None) -> PageMeta:
    """Read :class:`PageMeta` from an ``lxml.html`` tree (the tree is not modified)."""
    values: dict[str, str] = {}
    for m in tree.iter("meta"):
        key = m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv")
        content = m.get("content")
        if key and content:
            k = key.strip().lower()
            if k not in values:
                c = _clean(content)
                if c:
                    values[k] = c
    title_el = next(tree.iter("title"), None)
    page_title = _text(title_el) if title_el is not None else None
    h1_el = next(tree.iter("h1"), None)
    h1 = _text(h1_el) if h1_el is not None else None

    titles: list[str] = []
    for cand in (*(values.get(k) for k in _TITLE_KEYS), h1, page_title):
        if cand and cand not in titles:
            titles.append(cand)

    date = _date(_first(values, _DATE_KEYS))
    if date is None:
        t = next(tree.iter("time"), None)
        if t is not None:
            date = _date(t.get("datetime"))

    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    lang = normalize_language(root.get("lang") or root.get("xml:lang"))
    if lang is None:
        lang = normalize_language(_first(values, _LANG_KEYS))

    canonical = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href").strip()
            break

    author = _first(values, _AUTHOR_KEYS)
    if author is not None and author.startswith(("http://", "https://")):
        author = None  # article:author is often a profile URL, not a name
    return PageMeta(
        titles=tuple(titles),
        h1=h1,
        description=_first(values, _DESCRIPTION_KEYS),
        author=author,
        date=date,
        sitename=_first(values, _SITE_KEYS),
        language=lang,
        url=url or _first(values, _URL_KEYS) or canonical,
    )


# --- a cheap language guess from text: stopword hits per candidate language -------------------

#: Languages the heuristic can tell apart (ISO 639-1 -> jusText stoplist name).
GUESSABLE: dict[str, str] = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "sv": "Swedish",
    "pl": "Polish",
    "id": "Indonesian",
    "tr": "Turkish",
    "cs": "Czech",
    "ru": "Russian",
    "uk": "Ukrainian",
}
#: Only this many of a stoplist's words are used (the most frequent ones come first in
#: jusText's files, and short lists overlap less between languages).
_STOPWORDS_PER_LANGUAGE = 150
_SAMPLE_WORDS = 400
_MIN_HITS_SHARE = 0.15
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _stopword_sets() -> dict[str, frozenset[str]]:
    from importlib import resources

    out: dict[str, frozenset[str]] = {}
    for code, name in GUESSABLE.items():
        try:
            raw = resources.files("justext").joinpath("stoplists", f"{name}.txt").read_text("utf-8")
        except (OSError, ModuleNotFoundError):
            continue
        words = [w.strip().lower() for w in raw.splitlines() if w.strip()]
        out[code] = frozenset(words[:_STOPWORDS_PER_LANGUAGE])
    return out


def guess_language(text: str) -> str | None:
    """A quick guess at the language of ``text`` among :data:`GUESSABLE`; None when unsure.

    CJK and Korean scripts are recognised by their characters; other languages by how many of
    the first words are frequent function words of that language.
    """
    sample = text[:4000]
    if not sample.strip():
        return None
    kana = sum(1 for ch in sample if "\u3040" <= ch <= "\u30ff")
    hangul = sum(1 for ch in sample if "\uac00" <= ch <= "\ud7a3")
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    if kana > 0.05 * letters:
        return "ja"
    if hangul > 0.2 * letters:
        return "ko"
    if han > 0.3 * letters:
        return "zh"
    words = [w.lower() for w in _WORD.findall(sample)[:_SAMPLE_WORDS]]
    if not words:
        return None
    best, best_hits = None, 0
    for code, stop in _stopword_sets().items():
        hits = sum(1 for w in words if w in stop)
        if hits > best_hits:
            best, best_hits = code, hits
    return best if best_hits >= _MIN_HITS_SHARE * len(words) else None
