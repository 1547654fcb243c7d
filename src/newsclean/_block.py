"""A block: one non-blank line of the input (or one HTML element), verbatim, with its offsets.

A :class:`Block` is plain data. Its span ``[start, end)`` points into the document's source,
so every removal can be replayed; the features every detector reads (word count, gate word,
how the line ends) are fields computed once, from the text, when the block is built.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from sys import intern

from ._phrases import head_of
from ._shape import WORD_RE, is_all_caps, line_ending, normalize, word_count

__all__ = ["BULLETS", "PROSE_MIN_WORDS", "Block", "is_prose"]

#: How a plain-text list item starts.
BULLETS = frozenset(("- ", "* ", "• ", "· "))

#: A block with at least this many words that ends like a sentence counts as prose.
PROSE_MIN_WORDS = 12


@dataclass(slots=True)
class Block:
    """One line (or HTML element) of the document, verbatim, with its offsets.

    ``gap_before`` is True when a blank line (or a removed block) separates this block from
    the previous one, so paragraph breaks survive cleaning. ``kind``, ``link_density`` and
    ``dom_path`` are the HTML extractor's hints (defaults for plain text).

    Not frozen: a frozen dataclass pays one ``object.__setattr__`` per field, and a text
    makes a block per line. Nothing assigns to a block after it is built; a changed block is
    a new one (``dataclasses.replace``).
    """

    index: int
    line: int
    start: int
    end: int
    text: str
    gap_before: bool = False
    kind: str = "line"
    link_density: float = 0.0
    dom_path: str = ""
    #: Word count (see :func:`shape.word_count`).
    words: int = field(init=False, repr=False, compare=False)
    #: The casefolded first word of :attr:`norm`: the gate for phrase matching.
    head: str = field(init=False, repr=False, compare=False)
    #: Ends like a sentence (period, !, ?, ellipsis, CJK full stop).
    ends_sentence: bool = field(init=False, repr=False, compare=False)
    #: Ends in an ellipsis: teaser text cut short by the site.
    truncated: bool = field(init=False, repr=False, compare=False)

    #: False when the maker knows the text holds no unspaced script (CJK): the word count
    #: then skips looking for it. Not stored; ``replace()`` looks again.
    unspaced_possible: InitVar[bool] = True

    def __post_init__(self, unspaced_possible: bool) -> None:
        # The features are derived from ``text`` alone, so ``replace()`` recomputes them.
        text = self.text
        self.words = word_count(text, unspaced_possible)
        self.head = intern(head_of(text))  # few distinct first words: share one string each
        self.ends_sentence, self.truncated = line_ending(text)

    #: :attr:`norm`, once read (None before).
    _norm: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def norm(self) -> str:
        """The normalised form phrase packs match against (see :func:`shape.normalize`).

        Computed on the first read and kept: only lines that pass a phrase gate are read
        this way, several detectors read the same candidate, and most lines never are."""
        if self._norm is None:
            self._norm = normalize(self.text)
        return self._norm

    @property
    def tokens(self) -> tuple[str, ...]:
        """The casefolded ``\\w+`` tokens of the line."""
        return tuple(WORD_RE.findall(self.text.casefold()))

    @property
    def folded(self) -> str:
        """The text casefolded with its whitespace collapsed: how repeats are compared."""
        return " ".join(self.text.casefold().split())

    @property
    def all_caps(self) -> bool:
        """Has cased letters and none of them is lower case (a kicker or label)."""
        return is_all_caps(self.text)

    @property
    def is_list_item(self) -> bool:
        """Starts with a list bullet ("- ", "* ", "• ") or came from an HTML <li>."""
        return self.kind == "li" or self.text[:2] in BULLETS


def is_prose(b: Block) -> bool:
    """Article-like text: a real sentence of some length, not a label or teaser."""
    return b.words >= PROSE_MIN_WORDS and b.ends_sentence and not b.truncated
