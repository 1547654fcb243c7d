"""newsclean: strip scraper noise from news articles, keep the body verbatim, explain why.

>>> import newsclean
>>> text = "The storm reached the coast on Monday, officials said.\\ngoogle news"
>>> newsclean.clean(text)
'The storm reached the coast on Monday, officials said.'
"""

from __future__ import annotations

from ._api import analyze, clean, clean_batch
from .config import PipelineConfig, StepConfig
from .detector import Detector, Reviser
from .document import Block, Document
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
from .html.api import analyze_html, clean_html
from .html.decode import decode_html
from .page import analyze_page
from .pipeline import Pipeline
from .registry import register
from .removal import Article, Removal, apply

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
