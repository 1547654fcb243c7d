"""Main-text extractors behind one small protocol, chosen by name: the registry.

An :class:`Extractor` turns a decoded HTML page into an :class:`Extraction` (see
:mod:`.extraction`): plain text with one paragraph per line, the page metadata it could
read, and optional per-line hints (block kind, link density, DOM path) that become
:class:`~newsclean.Block` fields.

Built in, one module each:

- ``"trafilatura"`` (:mod:`.trafilatura_extractor`) — trafilatura 2.x with the settings of
  ``trafilatura.extract(include_comments=False)``, plus a ``favor_recall`` retry when the
  extraction is tiny next to the page's prose.
- ``"justext"`` (:mod:`.justext_extractor`) — jusText with the stoplist of the page
  language; non-boilerplate paragraphs, one per line.
- ``"readability"`` (:mod:`.readability_extractor`) — readability-lxml, when it is
  installed (``pip install readability-lxml``).

All parse with :func:`~.parse.parse_html`. Register more with :func:`register_extractor`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from ..errors import ConfigError
from .extraction import Extraction, Extractor, LineHint
from .justext_extractor import JustextExtractor, Paragraph, justext_paragraphs
from .parse import parse_html
from .readability_extractor import ReadabilityExtractor
from .trafilatura_extractor import TrafilaturaExtractor

__all__ = [
    "Extraction",
    "Extractor",
    "JustextExtractor",
    "LineHint",
    "Paragraph",
    "ReadabilityExtractor",
    "TrafilaturaExtractor",
    "available_extractors",
    "get_extractor",
    "justext_paragraphs",
    "parse_html",
    "register_extractor",
]

_REGISTRY: dict[str, Callable[[], Extractor]] = {
    "trafilatura": TrafilaturaExtractor,
    "justext": JustextExtractor,
    "readability": ReadabilityExtractor,
}


def register_extractor(name: str, factory: Callable[[], Extractor]) -> None:
    """Make ``factory()`` available as ``extractor=name`` (replaces an existing name)."""
    _REGISTRY[name] = factory
    _cached.cache_clear()


def _installed(name: str) -> bool:
    if name != "readability":
        return True
    try:
        import readability  # type: ignore[import-untyped,unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def available_extractors() -> list[str]:
    """Names usable as ``extractor=`` here (readability only when installed)."""
    return sorted(n for n in _REGISTRY if _installed(n))


@cache
def _cached(name: str) -> Extractor:
    return _REGISTRY[name]()


def get_extractor(name: str | Extractor) -> Extractor:
    """The extractor registered as ``name`` (an :class:`Extractor` instance passes through)."""
    if not isinstance(name, str):
        if isinstance(name, Extractor):
            return name
        raise ConfigError(f"extractor must be a name or an Extractor, got {type(name).__name__}")
    if name not in _REGISTRY:
        raise ConfigError(f"unknown extractor {name!r}; available: {available_extractors()}")
    return _cached(name)
