"""Whole-document phrase scans: find every phrase key in one pass at C speed.

Running each family's patterns over each line costs a regex call per line and family; most
lines hold no phrase at all. Instead, one Aho-Corasick automaton (``ahocorasick_rs``, the
Rust ``aho-corasick`` crate compiled to a DFA) holds the
*scan keys* of every phrase pack (each phrase's anchor word, or the phrase itself when it
has no letters, see :class:`~newsclean._phrases.PhraseSearch`) and walks the lower-cased
document once. A line is then handed to a family's patterns only if it holds one of that
family's keys. The scan may report a key that no phrase around it completes ("have" in a
line that says nothing about newsletters); the patterns decide. It never misses one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from ._phrases import searched_keys

__all__ = ["LINK_KEYS", "LINK_TLDS", "NO_KEYS", "block_keys", "document_keys"]

NO_KEYS: frozenset[str] = frozenset()

try:  # pragma: no branch - the wheel is a dependency; the fallback keeps odd platforms working
    import ahocorasick_rs

    _HAVE_AC = True
except ImportError:  # pragma: no cover
    _HAVE_AC = False


#: Endings of bare domains ("example.com") that link-line detection recognises.
LINK_TLDS = (
    "com",
    "org",
    "net",
    "co",
    "uk",
    "de",
    "fr",
    "io",
    "news",
    "info",
    "gov",
    "edu",
    "ly",
    "st",
    "be",
    "tv",
    "me",
)
#: Language-neutral keys the scan also reports, anywhere in a word: every web address or
#: e-mail address holds one, so link-line detectors only look at lines that do.
LINK_KEYS = frozenset(("://", "www.", "@", *(f".{t}" for t in LINK_TLDS)))


@cache
def _keys() -> tuple[str, ...]:
    """The scan key of every searched phrase in every shipped pack (a superset for any
    choice of languages), and the link keys."""
    return tuple(sorted(searched_keys() | LINK_KEYS))


def _whole_word(key: str) -> bool:
    """Phrase keys with letters are whole words: a non-letter must sit on each side."""
    return key not in LINK_KEYS and any(ch.isalpha() for ch in key)


@cache
def _automaton() -> Any:
    # A DFA costs more to build than the default automaton (once per process, a few
    # milliseconds for these keys) and walks text several times faster.
    return ahocorasick_rs.AhoCorasick(_keys(), implementation=ahocorasick_rs.Implementation.DFA)


_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def _key_info() -> tuple[tuple[str, bool], ...]:
    """Per key index: the key and whether it must stand as a whole word."""
    return tuple((k, _whole_word(k)) for k in _keys())


def _hits(low: str) -> Iterable[tuple[int, int, str]]:
    """``(start, end, key)`` for every key occurrence in the lower-cased text ``low``."""
    if not _HAVE_AC:  # pragma: no cover
        yield from _hits_plain(low)
        return
    n = len(low)
    info = _key_info()
    try:
        found = _automaton().find_matches_as_indexes(low, overlapping=True)
    except UnicodeEncodeError:  # lone surrogates: the automaton reads UTF-8
        # One replacement character for each keeps every offset; no key holds either.
        found = _automaton().find_matches_as_indexes(
            _SURROGATE.sub("\ufffd", low), overlapping=True
        )
    for i, start, end in found:
        key, word = info[i]
        if word and ((start > 0 and low[start - 1].isalpha()) or (end < n and low[end].isalpha())):
            continue
        yield start, end, key


def _hits_plain(low: str) -> Iterable[tuple[int, int, str]]:
    """The same hits with ``str.find``: the reference the automaton is tested against."""
    n = len(low)
    for key in _keys():
        word = _whole_word(key)
        pos = low.find(key)
        while pos >= 0:
            end = pos + len(key)
            if not (
                word and ((pos > 0 and low[pos - 1].isalpha()) or (end < n and low[end].isalpha()))
            ):
                yield pos, end, key
            pos = low.find(key, pos + 1)


def block_keys(text: str) -> frozenset[str]:
    """The scan keys one line holds."""
    return frozenset(k for _, _, k in _hits(text.lower())) or NO_KEYS


def document_keys(texts: Sequence[str]) -> dict[int, frozenset[str]]:
    """The scan keys of each text that holds any, by position, found with one scan of all.

    The texts are joined by newlines (a word boundary, as a block's edge is) and
    lower-cased, which is what the phrase patterns' case-insensitive matching does letter by
    letter; when lower-casing changes the length ("İ" becomes two characters), offsets no
    longer line up and each text is scanned alone. Texts without keys are left out.
    """
    joined = "\n".join(texts)
    low = joined.lower()
    if len(low) != len(joined):
        alone = ((i, block_keys(t)) for i, t in enumerate(texts))
        return {i: keys for i, keys in alone if keys}
    ends: list[int] = []
    pos = -1
    for t in texts:
        pos += len(t) + 1
        ends.append(pos)  # offset of the newline after each text (or the end)
    acc: dict[int, set[str]] = {}
    for s, _, key in _hits(low):
        i = bisect_right(ends, s)
        got = acc.get(i)
        if got is None:
            acc[i] = {key}
        else:
            got.add(key)
    return {i: frozenset(keys) for i, keys in acc.items()}
