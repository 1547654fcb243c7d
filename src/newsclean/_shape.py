"""Language-light measurements of a line's *shape*: length, ending, case, digits.

Detectors lean on these before phrases, because the shape of noise (short, unpunctuated,
link-like, all digits) is the same in every language. All functions are O(len(text)).
"""

from __future__ import annotations

import re

__all__ = [
    "CJK_CHARS_PER_WORD",
    "EDGE_JUNK",
    "closing_stripped",
    "has_unspaced_script",
    "is_all_caps",
    "is_quotation",
    "line_ending",
    "non_ascii",
    "normalize",
    "word_count",
    "word_units",
]

WORD_RE = re.compile(r"\w+")
_DIGITS_RE = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d")
#: Leading/trailing decoration that never changes what a line *says*: bullets, brackets,
#: pipes, dashes, quotes, arrows.
EDGE_JUNK = " \t\u00a0\u200b\ufeff|-–—•·*»«›‹>[](){}<>\"'“”‘’„:;,/\\_=~#"
# A trailing colon is kept: "More:" announces links, "More than..." does not.
_TRAIL_JUNK = EDGE_JUNK.replace(":", "")
_CLOSERS = "\"'”’»)]}›」』】"
SENTENCE_END = ".!?…。！？؟।"
_QUOTE_PAIRS = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("\u00a0", " "))

#: A run of CJK / kana / hangul characters has no spaces; count this many characters as one word.
CJK_CHARS_PER_WORD = 2


_CJK_RUN = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def word_units(text: str, tokens: int | None = None) -> int:
    """Number of words, counting unspaced CJK text by characters (see ``CJK_CHARS_PER_WORD``).

    ``tokens`` is the text's count of ``\\w+`` tokens when the caller already has it.
    """
    n = len(WORD_RE.findall(text)) if tokens is None else tokens
    if text.isascii():
        return n
    runs = _CJK_RUN.findall(text)
    if not runs:
        return n
    # Each CJK run was counted as (part of) one token; count it by characters instead.
    return max(1, n - len(runs) + sum(max(1, len(r) // CJK_CHARS_PER_WORD) for r in runs))


#: ASCII bytes that are not ``\\w`` become spaces: splitting then yields the ``\\w+`` runs.
ASCII_NON_WORD_TO_SPACE = bytes(
    c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(256)
)
_NON_WORD_PUNCTUATION = "\u2019\u2018\u201c\u201d\u2014\u2013\u2026\u00a0\u00ab\u00bb"
#: Lines with fewer spaces than this get an exact ``\\w+`` count.
EXACT_COUNT_SPACES = 30
#: Any character of an unspaced script (CJK, kana, hangul): a C-level search finds one.
_CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def word_count(text: str, unspaced_possible: bool = True) -> int:
    """Words of a line: ``\\w+`` tokens, unspaced CJK runs counted by characters.

    ``unspaced_possible=False`` says the caller knows the line holds no unspaced script
    (:func:`~newsclean._segment.segment` asks once for the whole text).

    From ``EXACT_COUNT_SPACES`` spaces on, the number of spaces plus one stands in: no
    threshold is that fine at such lengths, and counting a character runs in C where the
    regex costs several times more on the long lines that hold most of a text.
    """
    spaces = text.count(" ")
    if spaces >= EXACT_COUNT_SPACES:
        n = spaces + 1
    else:
        t = text
        if not t.isascii():
            # Curly quotes, dashes and the like are the usual non-ASCII characters, and none
            # is part of a word: as spaces they leave the count unchanged.
            for ch in _NON_WORD_PUNCTUATION:
                if ch in t:
                    t = t.replace(ch, " ")
        if t.isascii():  # the same count, with byte operations in C
            n = len(t.encode("ascii").translate(ASCII_NON_WORD_TO_SPACE).split())
        else:
            n = len(WORD_RE.findall(t))
    if unspaced_possible and not text.isascii() and has_unspaced_script(text):
        return word_units(text, n)
    return n


_ASCII_BYTES = bytes(range(128))


def non_ascii(text: str) -> str:
    """The characters of ``text`` beyond ASCII, in order.

    Deleting the ASCII bytes from the UTF-8 form leaves whole characters (every byte of a
    multi-byte character is 0x80 or more), all in C. A search for rare characters
    (invisibles, CJK) then reads the few that can match: a regex character class costs
    about fifteen times as much per character as these three passes.
    """
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return data.decode("utf-8", "surrogatepass")


def has_unspaced_script(text: str) -> bool:
    """True if ``text`` holds CJK, kana or hangul, written without spaces between words."""
    return _CJK_CHAR.search(text) is not None


def normalize(text: str) -> str:
    """Straight-quoted, single-spaced, digits as ``#``, edge decoration stripped; case kept.

    Phrase packs are matched case-insensitively against this form, so one phrase covers
    "Read More »", "[ READ MORE ]" and "- read more". Case is kept so that a phrase glued to
    the next word ("Previous articleOther") can still be told apart by the capital letter.
    """
    # ASCII text has no curly quotes or NBSP; skipping translate() halves the cost.
    t = text
    if not text.isascii():
        for src, dst in _QUOTE_PAIRS:
            if src in t:
                t = t.replace(src, dst)
    # A printable line (no control or separator character but the ASCII space) without a
    # double space is single-spaced already.
    if not t.isprintable() or "  " in t:
        t = " ".join(t.split())
    if _HAS_DIGIT.search(t):
        t = _DIGITS_RE.sub("#", t)
    return t.lstrip(EDGE_JUNK).rstrip(_TRAIL_JUNK)


_OPENING_QUOTES = "\"“„«‘'"
# A quotation closing before more text: '..., " the mayor said' / '...?” she asked'.
_SPEECH_CLOSE = re.compile(r"[,.?!…][\"”»’']\s")


def is_quotation(text: str) -> bool:
    """True for reported speech: the line opens with a quote that closes before its end."""
    return text[:1] in _OPENING_QUOTES and _SPEECH_CLOSE.search(text) is not None


def closing_stripped(text: str) -> str:
    """The text without trailing whitespace and closing quotes/brackets."""
    if text[-1:].isalnum():  # most lines: nothing to strip
        return text
    return text.rstrip().rstrip(_CLOSERS).rstrip()


def line_ending(text: str) -> tuple[bool, bool]:
    """How the line ends: ``(ends like a sentence, truncated)``. A sentence ends in a period,
    !, ?, an ellipsis or a CJK full stop; a truncated line (teaser text cut short by the site)
    ends in an ellipsis. Closing quotes and brackets after the mark do not count."""
    t = closing_stripped(text)
    if not t:
        return False, False
    return t[-1] in SENTENCE_END, t.endswith(("…", "...")) and not t.endswith("....")


def is_all_caps(text: str) -> bool:
    """True when the line has cased letters and none of them is lower case (a kicker or label)."""
    return text.isupper()
