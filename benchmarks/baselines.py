"""Line filters that dataset builders apply, re-implemented as ``str -> str`` cleaners.

These are our own re-implementations from the published descriptions (the C4 paper, Raffel et
al. 2020, §2.2; Gopher, Rae et al. 2021, appendix A; FineWeb, Penedo et al. 2024; and the rule
lists of datatrove's ``C4QualityFilter``, ``GopherQualityFilter``/``GopherRepetitionFilter``
and ``FineWebQualityFilter``), not their code. They answer one question: how far does the
usual line-level filtering go on the noise newsclean targets?

Only *line* rules are applied. The document-level verdicts of those pipelines (C4's "fewer
than 5 sentences", "lorem ipsum" and curly-bracket page drops; Gopher's and FineWeb's ratio
thresholds) throw whole pages away instead of cleaning them, so a doc-dropper would score
recall 0 on a dropped page and say nothing about cleaning. Word counts use whitespace
splitting where the originals use nltk's ``word_tokenize`` (no nltk dependency).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

__all__ = ["BASELINES", "c4_lines", "fineweb_lines", "gopher_lines"]

# --- C4 -------------------------------------------------------------------------------------

#: Lines must end in one of these (C4 keeps ``! . " ?``; datatrove adds the apostrophe).
C4_END_PUNCTUATION = (".", "?", "!", '"', "'")
#: A line ending in an ellipsis is an unfinished teaser, not a sentence.
C4_ELLIPSIS = "..."
#: C4 keeps only lines with at least this many words.
C4_MIN_WORDS = 3
#: Lines holding a "word" longer than this are junk (minified code, base64...).
C4_MAX_WORD_LENGTH = 1000
#: Wikipedia-style citation markers C4 strips before judging a line.
C4_CITATION = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
#: Lines mentioning a site policy or cookies are boilerplate (C4's reference code).
C4_POLICY = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)


def c4_lines(text: str) -> str:
    """C4's line rule: keep punctuated lines of ≥3 words without javascript/policy text."""
    kept: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        words = line.split()
        if any(len(w) > C4_MAX_WORD_LENGTH for w in words):
            continue
        line = C4_CITATION.sub("", line)
        if not line.endswith(C4_END_PUNCTUATION) or line.endswith(C4_ELLIPSIS):
            continue
        if len(words) < C4_MIN_WORDS:
            continue
        low = line.lower()
        if "javascript" in low or any(p in low for p in C4_POLICY):
            continue
        kept.append(line)
    return "\n".join(kept)


# --- Gopher ---------------------------------------------------------------------------------

#: Gopher drops text whose words average outside 3..10 characters.
GOPHER_MIN_MEAN_WORD = 3.0
GOPHER_MAX_MEAN_WORD = 10.0
#: Ratio of "#" or ellipsis symbols to words above which text is junk.
GOPHER_MAX_SYMBOL_RATIO = 0.1
#: Share of words that must contain an alphabetic character.
GOPHER_MIN_ALPHA_WORDS = 0.8
_BULLETS = ("•", "●", "▪", "‣", "◦")
_ELLIPSES = ("...", "…")


def _words(line: str) -> list[str]:
    """Whitespace words with surrounding punctuation removed (punctuation-only words dropped)."""
    out = []
    for w in line.split():
        w = w.strip(string.punctuation + "«»“”‘’…")
        if w:
            out.append(w)
    return out


def gopher_lines(text: str) -> str:
    """Gopher's quality and repetition heuristics judged per line instead of per page.

    A line goes if it repeats an earlier line, starts with a bullet, ends with an ellipsis,
    has a "#"/ellipsis-to-word ratio over 0.1, fewer than 80% words with a letter, or a mean
    word length outside 3..10. The English stop-word rule is left out: per line it would
    delete every short line and every non-English text.
    """
    seen: set[str] = set()
    kept: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line in seen:
            continue
        seen.add(line)
        if line.startswith(_BULLETS) or line.endswith(_ELLIPSES):
            continue
        words = _words(line)
        if not words:
            continue
        n = len(words)
        symbols = max(line.count("#"), line.count("...") + line.count("…"))
        if symbols / n > GOPHER_MAX_SYMBOL_RATIO:
            continue
        if sum(any(c.isalpha() for c in w) for w in words) / n < GOPHER_MIN_ALPHA_WORDS:
            continue
        mean = sum(len(w) for w in words) / n
        if not GOPHER_MIN_MEAN_WORD <= mean <= GOPHER_MAX_MEAN_WORD:
            continue
        kept.append(line)
    return "\n".join(kept)


# --- FineWeb --------------------------------------------------------------------------------

#: FineWeb's "line ends with punctuation" characters.
FINEWEB_STOP_CHARS = (".", "'", '"', "!", "?")
#: FineWeb counts a line of at most this many characters as short.
FINEWEB_SHORT_LINE = 30


def fineweb_lines(text: str) -> str:
    """FineWeb's three line statistics turned into line removals.

    FineWeb drops a page when too few lines end in punctuation, too many lines are short
    (≤30 characters) or too many characters sit in duplicated lines. Here each offending line
    is removed instead: unpunctuated lines, short lines and repeats of an earlier line.
    """
    seen: set[str] = set()
    kept: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        dup = line in seen
        seen.add(line)
        if dup or len(line) <= FINEWEB_SHORT_LINE or not line.endswith(FINEWEB_STOP_CHARS):
            continue
        kept.append(line)
    return "\n".join(kept)


#: The baselines by the name the report uses.
BASELINES: dict[str, Callable[[str], str]] = {
    "C4 line rule": c4_lines,
    "Gopher-style lines": gopher_lines,
    "FineWeb-style lines": fineweb_lines,
}
