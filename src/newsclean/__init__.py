"""newsclean: strip scraper noise from news articles, keep the body verbatim, explain why.

>>> import newsclean
>>> text = "The storm reached the coast on Monday, officials said.\\ngoogle news"
>>> newsclean.clean(text)
'The storm reached the coast on Monday, officials said.'
"""

from __future__ import annotations

from ._api import analyze, clean, clean_batch
from ._config import PipelineConfig, StepConfig
from ._detector import Detector, Reviser
from ._document import Block, Document
from ._html.api import analyze_html, clean_html
from ._html.decode import decode_html
from ._page import analyze_page
from ._pipeline import Pipeline
from ._registry import register
from ._removal import Article, Removal, apply
from .errors import (
    ConfigError,
    DecodeError,
    DocumentTimeoutError,
    ExtractionError,
    FormatError,
    InputTooLargeError,
    NewscleanError,
    RemovalMismatchError,
    UnknownDetectorError,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "ConfigError",
    "DecodeError",
    "Detector",
    "Document",
    "DocumentTimeoutError",
    "ExtractionError",
    "FormatError",
    "InputTooLargeError",
    "NewscleanError",
    "Pipeline",
    "PipelineConfig",
    "Removal",
    "RemovalMismatchError",
    "Reviser",
    "StepConfig",
    "UnknownDetectorError",
    "__version__",
    "analyze",
    "analyze_html",
    "analyze_page",
    "apply",
    "clean",
    "clean_batch",
    "clean_html",
    "decode_html",
    "register",
]
