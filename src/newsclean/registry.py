"""Detectors registered by name; third-party ones arrive through the entry-point group
``newsclean.detectors`` (each entry point names a Detector subclass)."""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TypeVar

from .detector import Detector
from .errors import UnknownDetectorError

__all__ = ["ENTRY_POINT_GROUP", "get", "names", "register"]

ENTRY_POINT_GROUP = "newsclean.detectors"
_REGISTRY: dict[str, type[Detector]] = {}
_loaded_entry_points = False
D = TypeVar("D", bound=type[Detector])


def register(cls: D) -> D:
    """Class decorator: make ``cls`` available under ``cls.name``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing is not cls:
        raise ValueError(f"detector name {cls.name!r} is taken by {existing.__qualname__}")
    _REGISTRY[cls.name] = cls
    return cls


def _load_builtins() -> None:
    from . import detectors  # noqa: F401  (registers on import)


def _load_entry_points() -> None:
    global _loaded_entry_points
    if _loaded_entry_points:
        return
    _loaded_entry_points = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        if isinstance(obj, type) and issubclass(obj, Detector) and obj.name not in _REGISTRY:
            register(obj)


def get(name: str) -> type[Detector]:
    """The detector class registered as ``name`` (built-in or from an entry point)."""
    _load_builtins()
    if name not in _REGISTRY:
        _load_entry_points()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownDetectorError(
            f"no detector named {name!r}; registered: {', '.join(sorted(_REGISTRY))}"
        ) from None


def names() -> list[str]:
    """All registered detector names, sorted."""
    _load_builtins()
    _load_entry_points()
    return sorted(_REGISTRY)


def catalogue() -> list[tuple[str, str, str, dict[str, object]]]:
    """(name, stage, summary, default config) for every registered detector."""
    return [(n, get(n).stage, get(n).summary, get(n)().config()) for n in names()]
