"""Everything a detector or phrase-pack author imports, in one place.

``newsclean`` itself exports what a *user* needs (``clean``, ``Pipeline``, ``Article``...).
This module adds what someone *extending* newsclean needs: the base classes, the document a
detector reads, the reason kinds a removal may have, the phrase-pack look-ups, the two
entry-point groups, and the extractor interface of the HTML front-end. See
``docs/writing-detectors.md`` for a worked example.
"""

from __future__ import annotations

from ._detector import Detector, Reviser
from ._detectors.phrase_lines import PhraseLineDetector
from ._document import Block, Document
from ._html.extractors import Extraction, Extractor, LineHint, register_extractor
from ._packs import PACK_ENTRY_POINT_GROUP, available_languages
from ._phrases import ALL, line_matcher, matcher, phrase_set, phrases, searcher
from ._registry import ENTRY_POINT_GROUP, register
from ._removal import KINDS, SOURCE_KIND, TITLE_KIND, Removal, check_reason

__all__ = [
    "ALL",
    "ENTRY_POINT_GROUP",
    "KINDS",
    "PACK_ENTRY_POINT_GROUP",
    "SOURCE_KIND",
    "TITLE_KIND",
    "Block",
    "Detector",
    "Document",
    "Extraction",
    "Extractor",
    "LineHint",
    "PhraseLineDetector",
    "Removal",
    "Reviser",
    "available_languages",
    "check_reason",
    "line_matcher",
    "matcher",
    "phrase_set",
    "phrases",
    "register",
    "register_extractor",
    "searcher",
]
