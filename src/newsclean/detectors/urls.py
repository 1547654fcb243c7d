"""Lines with nothing to read: bare URLs, e-mail addresses, handles, lone symbols."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..detector import Detector
from ..document import Document
from ..registry import register
from ..removal import Removal

__all__ = ["SymbolLineDetector", "UrlLineDetector"]

_LINKISH = re.compile(
    r"(?:https?://|www\.)\S+"  # URL
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|@\w{2,}"  # handle
    r"|(?:[\w-]+\.)+(?:com|org|net|co|uk|de|fr|io|news|info|gov|edu|ly|st|be|tv|me)(?:/\S*)?"
)
_CONNECTORS = re.compile(r"(?i)(?:and|or|at|on|&|\||,|;|/|·|•|-|–|—)")
_LABEL = re.compile(r"^[^\W\d_][\w' ]{0,30}:\s+")
_SECTION_BREAK = re.compile(r"^[\s*\-_=~•·#⁂◆◇■□●○]{3,}$")


@register
@dataclass(frozen=True)
class UrlLineDetector(Detector):
    name = "url_line"
    summary = "Lines made only of URLs, e-mail addresses or @handles (with at most a short label)."

    max_label_words: int = 3
    confidence: float = 0.85

    def detect(self, doc: Document) -> Iterable[Removal]:
        for b in doc.blocks:
            t = b.text
            if "." not in t and "@" not in t:
                continue
            m = _LABEL.match(t)
            if m and len(m.group(0).split()) <= self.max_label_words:
                t = t[m.end():]
            tokens = t.split()
            if tokens and len(tokens) <= 12 and all(
                _LINKISH.fullmatch(tok.strip("()[]<>.,;:\"'")) or _CONNECTORS.fullmatch(tok)
                for tok in tokens
            ) and any(_LINKISH.fullmatch(tok.strip("()[]<>.,;:\"'")) for tok in tokens):
                yield self.remove(b, "url.bare", self.confidence)


@register
@dataclass(frozen=True)
class SymbolLineDetector(Detector):
    name = "symbol_line"
    summary = "Lines with no letters or digits ('|', '»'), except section breaks ('* * *')."

    confidence: float = 0.95

    def detect(self, doc: Document) -> Iterable[Removal]:
        for b in doc.blocks:
            if b.words == 0 and not any(ch.isalnum() for ch in b.text) and not _SECTION_BREAK.match(b.text):
                yield self.remove(b, "symbols.only", self.confidence)
