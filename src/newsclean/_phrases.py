"""Phrase packs: one TOML data file per language in ``newsclean/phrases/``, plus the packs
other packages ship (:mod:`newsclean._packs` finds them).

Each file maps a family (``[read_more]``, ``[comments]``...) to lists of phrases under
match modes. Phrases are literals written naturally; they are normalised like block text
(:func:`~newsclean._shape.normalize`: straight quotes, single spaces, digits as ``#``) and
matched case-insensitively:

- ``line``: the whole normalised line is the phrase (trailing ":", "...", "!" allowed);
- ``prefix``: the line starts with the phrase, followed by a non-letter or the end;
- ``glued_prefix``: as ``prefix``, but an upper-case letter may follow directly, for text a
  scraper glued together ("Previous articleOther voices");
- ``contains``: the phrase occurs anywhere, on word boundaries.

Patterns are alternations of escaped literals, so matching is linear in the line length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from ._packs import available_languages, families, load_pack, pack_meta
from ._shape import EDGE_JUNK
from .errors import ConfigError

__all__ = [
    "ALL",
    "ASCII_WORD",
    "SEARCHED_LISTS",
    "Line",
    "PhraseMatch",
    "PhraseSearch",
    "available_languages",
    "common_words",
    "guess_language",
    "head_of",
    "head_word",
    "line_matcher",
    "load_pack",
    "matcher",
    "phrase_set",
    "phrases",
    "searched_keys",
    "searcher",
    "title_case_headlines",
]

#: Use every pack that ships (phrases rarely collide across languages).
ALL = "*"
MODES = ("line", "prefix", "glued_prefix", "contains")
#: The pack lists matched in ``contains`` mode (anywhere in a line): the document scan
#: (:mod:`newsclean._scan`) looks for their keys.
SEARCHED_LISTS = ("contains", "form")
_GLUED_BOUNDARY = r"(?=$|[^\w]|(?-i:[A-Z]))"


@cache
def _function_words() -> dict[str, str]:
    """Each pack's function words, mapped to the pack's language (first pack wins a tie)."""
    out: dict[str, str] = {}
    for lang in available_languages():
        for w in pack_meta(lang).get("function_words", ()):
            out.setdefault(w.lower(), lang)
    return out


def guess_language(texts: Iterable[str], min_hits: int = 3) -> str | None:
    """The pack language whose function words ("the", "und", "que"...) ``texts`` use most,
    or None with fewer than ``min_hits`` of them (a language without a pack, or too little
    text to tell)."""
    table = _function_words()
    counts: dict[str, int] = {}
    for t in texts:
        for w in t.lower().split():
            lang = table.get(w)
            if lang is not None:
                counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return None
    lang, hits = max(counts.items(), key=lambda kv: kv[1])
    return lang if hits >= min_hits else None


def title_case_headlines(lang: str) -> bool:
    """Whether ``lang`` writes headlines in Title Case (its pack says so)."""
    return bool(pack_meta(lang).get("title_case_headlines", False))


@cache
def common_words() -> frozenset[str]:
    """Words the packs mark as too frequent in prose to anchor the phrase scan on."""
    out: set[str] = set()
    for lang in available_languages():
        out.update(w.lower() for w in pack_meta(lang).get("common", ()))
    return frozenset(out)


def _anchor(words: list[str]) -> str:
    """The word a phrase is found by: its longest word that is not a common one."""
    rare = [w for w in words if w not in common_words()]
    return max(rare or words, key=len)


def _langs(languages: tuple[str, ...]) -> tuple[str, ...]:
    if ALL in languages:
        return available_languages()
    unknown = [lang for lang in languages if lang not in available_languages()]
    if unknown:
        raise ConfigError(
            f"no phrase pack for language(s) {unknown}; packs: {list(available_languages())}"
        )
    return languages


def _check_list(family: str, key: str) -> None:
    """A family or list no pack has is a typo: it would make a detector that never fires.

    The lists named after match modes may be missing (a family without ``contains``
    phrases); any other list must exist in some language's pack.
    """
    lists = families().get(family)
    if lists is None:
        known = sorted(families())
        raise ConfigError(f"no phrase family {family!r} in any pack; families: {known}")
    if key not in lists and key not in MODES:
        raise ConfigError(f"phrase family {family!r} has no list {key!r}; lists: {sorted(lists)}")


@cache
def phrases(family: str, key: str, languages: tuple[str, ...] = (ALL,)) -> tuple[str, ...]:
    """All phrases of ``family``/``key`` across ``languages``, longest first, deduplicated.

    Raises :class:`~newsclean.errors.ConfigError` for a family, list or language no pack has.
    """
    _check_list(family, key)
    seen: set[str] = set()
    for lang in _langs(languages):
        seen.update(load_pack(lang).get(family, {}).get(key, ()))
    return tuple(sorted(seen, key=lambda p: (-len(p), p)))


@cache
def phrase_set(family: str, key: str, languages: tuple[str, ...] = (ALL,)) -> frozenset[str]:
    """:func:`phrases` as a set, for vocabularies looked up word by word."""
    return frozenset(phrases(family, key, languages))


@cache
def matcher(
    family: str, key: str, mode: str, languages: tuple[str, ...] = (ALL,)
) -> re.Pattern[str] | None:
    """A compiled case-insensitive pattern for one family/key, or None if the list is empty.

    ``key`` names the list in the pack (often the mode's own name); ``mode`` is how to match.
    """
    items = phrases(family, key, languages)
    if not items:
        return None
    alt = "|".join(re.escape(p) for p in items)
    if mode == "line":
        pat = rf"^(?:{alt})[\s:.…!]{{0,4}}$"
    elif mode == "prefix":
        pat = rf"^(?:{alt})(?!\w)"
    elif mode == "glued_prefix":
        pat = rf"^(?:{alt}){_GLUED_BOUNDARY}"
    elif mode == "contains":
        pat = rf"(?<!\w)(?:{alt})(?!\w)"
    else:
        raise ConfigError(f"unknown match mode {mode!r}; expected one of {MODES}")
    return re.compile(pat, re.IGNORECASE)


_WORD = re.compile(r"[^\W\d_]+")


class Line(Protocol):
    """What phrase matching reads from a block: its gate word and, lazily, its normal form."""

    @property
    def head(self) -> str: ...
    @property
    def norm(self) -> str: ...


@dataclass(frozen=True)
class PhraseSearch:
    """``contains`` matching with a cheap pre-check.

    Scanning a long alternation at every position of every line is the slowest thing a
    cleaner can do in Python. Each phrase has a *key*: its longest word, or the phrase itself
    when it has no letters ("©"). A whole-document scan (:mod:`newsclean._scan`) finds which
    keys each line holds; the pattern only runs on lines that hold one of this list's keys.
    """

    pattern: re.Pattern[str]
    anchors: frozenset[str]
    literals: frozenset[str]
    #: Per anchor, a pattern of only the phrases that contain it (short alternations).
    by_anchor: dict[str, re.Pattern[str]]

    #: What the document scan must find in a line for this search to have a chance.
    keys: frozenset[str]

    def search(self, line: Line, keys: frozenset[str]) -> bool:
        """True when ``line`` contains a phrase; ``keys`` are the scan keys found in it."""
        if not keys:
            return False
        if not self.literals.isdisjoint(keys):
            return True
        hits = self.anchors & keys
        if not hits:
            return False
        norm = line.norm
        return any(self.by_anchor[w].search(norm) is not None for w in hits)


@cache
def searcher(family: str, key: str, languages: tuple[str, ...] = (ALL,)) -> PhraseSearch | None:
    """A :class:`PhraseSearch` for one family/key, or None if the list is empty.

    Only lists named in :data:`SEARCHED_LISTS` can be searched: the document scan looks
    for their keys and no others.
    """
    if key not in SEARCHED_LISTS:
        raise ConfigError(
            f"phrase list {key!r} is not scanned for; `contains` lists are {SEARCHED_LISTS}"
        )
    pattern = matcher(family, key, "contains", languages)
    if pattern is None:
        return None
    grouped: dict[str, list[str]] = {}
    literals: list[str] = []
    for p in phrases(family, key, languages):
        words = _WORD.findall(p.lower())
        if words:
            grouped.setdefault(_anchor(words), []).append(p)
        else:
            literals.append(p)
    by_anchor = {
        a: re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(p) for p in ps)})(?!\w)", re.IGNORECASE)
        for a, ps in grouped.items()
    }
    anchors, lits = frozenset(grouped), frozenset(literals)
    return PhraseSearch(pattern, anchors, lits, by_anchor, anchors | lits)


# A line's gate word: its first run of letters, or the first symbol when it opens with one
# ("©"). Leading decoration and numbers are skipped, as :func:`~newsclean._shape.normalize`
# strips them from the normal form.
_HEAD = re.compile(r"[^\W\d_]+|[^\w\s]")
#: A run of ASCII letters: the whole first word of an ASCII line that opens with a letter.
ASCII_WORD = re.compile(r"[A-Za-z]+")
#: Characters of the line read to find its first word (longer words take the slow path).
_HEAD_WINDOW = 48
_HEAD_SKIP = re.compile(r"[\s\d" + re.escape(EDGE_JUNK) + r"]*")


def head_word(norm: str) -> str:
    """The casefolded first word of a normalised line (or its first symbol, "©")."""
    m = _HEAD.match(norm.casefold())
    return m.group(0) if m else ""


def head_of(text: str) -> str:
    """:func:`head_word` of ``normalize(text)``, read straight from the raw line.

    Only the line's first characters are looked at, so every line gets its gate word for
    the price of one short match, and the normal form is built only for lines that pass.
    """
    m = ASCII_WORD.match(text)
    if m is not None:  # most lines open with a plain ASCII word
        end = m.end()
        if end == len(text) or not (text[end].isalnum() and not text[end].isdecimal()):
            return m.group(0).lower()
    skip = _HEAD_SKIP.match(text)
    start = skip.end() if skip else 0
    # Casefold before matching, as head_word does ("İ" folds to "i" + a combining dot).
    window = text[start : start + _HEAD_WINDOW].casefold()
    m = _HEAD.match(window)
    if m is None:
        return ""
    if m.end() == len(window) and start + _HEAD_WINDOW < len(text):
        return head_word(text[start:])  # a first word longer than the window
    return m.group(0)


@dataclass(frozen=True)
class PhraseMatch:
    """``line`` / ``prefix`` matching gated by the first word.

    Most lines start with a word no phrase starts with; a set lookup rules them out before
    any pattern runs. Phrases that start with a symbol ("©") disable the gate.
    """

    pattern: re.Pattern[str]
    heads: frozenset[str]
    gated: bool

    def hit(self, line: Line) -> bool:
        if self.gated and line.head not in self.heads:
            return False
        return self.pattern.match(line.norm) is not None


@cache
def line_matcher(
    family: str, key: str, mode: str, languages: tuple[str, ...] = (ALL,)
) -> PhraseMatch | None:
    """A :class:`PhraseMatch` for ``line``, ``prefix`` or ``glued_prefix`` matching."""
    pattern = matcher(family, key, mode, languages)
    if pattern is None:
        return None
    heads: set[str] = set()
    gated = True
    for p in phrases(family, key, languages):
        h = head_word(p)
        if not h or not p.casefold().startswith(h):
            gated = False
        # A glued phrase's first word may run into the next one ("Previousarticle"): the
        # gate compares whole first words, so keep glued prefixes ungated only if needed.
        heads.add(h)
    return PhraseMatch(pattern, frozenset(heads), gated)


@cache
def searched_keys(languages: tuple[str, ...] = (ALL,)) -> frozenset[str]:
    """The scan key of every phrase in every searched list (:data:`SEARCHED_LISTS`) of the
    packs for ``languages``: what :mod:`newsclean._scan` looks for."""
    out: set[str] = set()
    for lang in _langs(languages):
        for family, lists in load_pack(lang).items():
            for name in SEARCHED_LISTS:
                if name in lists:
                    found = searcher(family, name, languages)
                    if found is not None:
                        out |= found.keys
    return frozenset(out)
