"""Phrase packs: one TOML data file per language in ``newsclean/phrases/``.

Each file maps a family (``[read_more]``, ``[comments]``...) to lists of phrases under
match modes. Phrases are literals written naturally; they are normalised like block text
(:func:`~newsclean.shape.normalize`: straight quotes, single spaces, digits as ``#``) and
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
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .shape import normalize

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "ALL",
    "PhraseMatch",
    "PhraseSearch",
    "available_languages",
    "head_word",
    "line_matcher",
    "load_pack",
    "matcher",
    "phrases",
    "searcher",
]

#: Use every pack that ships (phrases rarely collide across languages).
ALL = "*"
MODES = ("line", "prefix", "glued_prefix", "contains")
_GLUED_BOUNDARY = r"(?=$|[^\w]|(?-i:[A-Z]))"


@cache
def available_languages() -> tuple[str, ...]:
    root = resources.files("newsclean") / "phrases"
    return tuple(sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".toml")))


@cache
def load_pack(lang: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """The families of one language's pack, phrases normalised."""
    path = resources.files("newsclean") / "phrases" / f"{lang}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for family, modes in data.items():
        if family == "meta":
            continue
        out[family] = {
            mode: tuple(normalize(p) for p in phrases if normalize(p))
            for mode, phrases in modes.items()
        }
    return out


def _langs(languages: tuple[str, ...]) -> tuple[str, ...]:
    if ALL in languages:
        return available_languages()
    return tuple(lang for lang in languages if lang in available_languages())


@cache
def phrases(family: str, key: str, languages: tuple[str, ...] = (ALL,)) -> tuple[str, ...]:
    """All phrases of ``family``/``key`` across ``languages``, longest first, deduplicated."""
    seen: set[str] = set()
    for lang in _langs(languages):
        seen.update(load_pack(lang).get(family, {}).get(key, ()))
    return tuple(sorted(seen, key=lambda p: (-len(p), p)))


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
        raise ValueError(f"unknown match mode {mode!r}; expected one of {MODES}")
    return re.compile(pat, re.IGNORECASE)


_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class PhraseSearch:
    """``contains`` matching with a cheap pre-check.

    Scanning a long alternation at every position of every line is the slowest thing a
    cleaner can do in Python. Each phrase has an *anchor* (its longest word): the pattern only
    runs when the line's word set holds an anchor. Phrases without letters ("©") are tested
    as plain substrings.
    """

    pattern: re.Pattern[str]
    anchors: frozenset[str]
    literals: tuple[str, ...]

    def search(self, norm: str, words: frozenset[str]) -> bool:
        for lit in self.literals:
            if lit in norm:
                return True
        if self.anchors.isdisjoint(words):
            return False
        return self.pattern.search(norm) is not None


@cache
def searcher(family: str, key: str, languages: tuple[str, ...] = (ALL,)) -> PhraseSearch | None:
    """A :class:`PhraseSearch` for one family/key, or None if the list is empty."""
    pattern = matcher(family, key, "contains", languages)
    if pattern is None:
        return None
    anchors: set[str] = set()
    literals: list[str] = []
    for p in phrases(family, key, languages):
        words = _WORD.findall(p.casefold())
        if words:
            anchors.add(max(words, key=len))
        else:
            literals.append(p)
    return PhraseSearch(pattern, frozenset(anchors), tuple(literals))


_HEAD = re.compile(r"#|[^\W\d_]+")


def head_word(norm: str) -> str:
    """The casefolded first word of a normalised line ("#" for a leading number)."""
    m = _HEAD.match(norm.casefold())
    return m.group(0) if m else ""


@dataclass(frozen=True)
class PhraseMatch:
    """``line`` / ``prefix`` matching gated by the first word.

    Most lines start with a word no phrase starts with; a set lookup rules them out before
    any pattern runs. Phrases that start with a symbol ("©") disable the gate.
    """

    pattern: re.Pattern[str]
    heads: frozenset[str]
    gated: bool

    def hit(self, norm: str, head: str) -> bool:
        if self.gated and head not in self.heads:
            return False
        return self.pattern.match(norm) is not None


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
