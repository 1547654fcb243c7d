"""The HTML front-end: decode bytes, extract the main text, clean it with the pipeline.

``newsclean.clean_html`` / ``newsclean.analyze_html`` are the entry points (:mod:`.api`);
:mod:`.decode` turns bytes into text and :mod:`.extractors` holds the named extractors.
"""

from __future__ import annotations

from .api import analyze_html, clean_html
from .decode import decode_html
from .extractors import (
    Extraction,
    Extractor,
    LineHint,
    available_extractors,
    get_extractor,
    register_extractor,
)

__all__ = [
    "Extraction",
    "Extractor",
    "LineHint",
    "analyze_html",
    "available_extractors",
    "clean_html",
    "decode_html",
    "get_extractor",
    "register_extractor",
]
