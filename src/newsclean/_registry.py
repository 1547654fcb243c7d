"""Detectors registered by name; third-party ones arrive through the entry-point group
``newsclean.detectors`` (each entry point names a Detector subclass).

Registration checks the class, because a detector that is wrong in shape does not fail: it
runs with options nobody meant, or none. Every refusal is a :class:`ConfigError` that says
what to change.
"""

from __future__ import annotations

import dataclasses
import inspect
from functools import cache
from importlib.metadata import entry_points
from typing import TypeVar

from ._detector import Detector
from .errors import ConfigError, UnknownDetectorError

__all__ = ["ENTRY_POINT_GROUP", "builtin_names", "get", "names", "register"]

ENTRY_POINT_GROUP = "newsclean.detectors"
_REGISTRY: dict[str, type[Detector]] = {}
D = TypeVar("D", bound=type[Detector])


def register(cls: D) -> D:
    """Class decorator: make ``cls`` available under ``cls.name``.

    Put it above ``@dataclass(frozen=True)``. Raises :class:`ConfigError` when ``cls`` is not
    a named Detector dataclass, when a class attribute of the contract (``name``, ``summary``,
    ``family``...) became an option by being annotated, or when the name is taken.
    """
    if not (isinstance(cls, type) and issubclass(cls, Detector)):
        raise ConfigError(f"{cls!r} is not a subclass of newsclean.Detector")
    if not isinstance(cls.name, str) or not cls.name:
        raise ConfigError(f'{cls.__qualname__} has no name: set `name = "..."` on the class')
    _check_options(cls)
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing is not cls:
        raise ConfigError(f"detector name {cls.name!r} is taken by {existing.__qualname__}")
    _REGISTRY[cls.name] = cls
    return cls


def _class_vars(cls: type) -> set[str]:
    """Names a base class declares as ``ClassVar``: the contract, not options."""
    out: set[str] = set()
    for base in cls.__mro__[1:]:
        for key, ann in inspect.get_annotations(base).items():
            if "ClassVar" in str(ann):
                out.add(key)
    return out


def _check_options(cls: type[Detector]) -> None:
    """A detector's options are exactly its dataclass fields; refuse the two ways a class
    gets options it did not mean to have, or loses ones it meant."""
    fields = {f.name for f in dataclasses.fields(cls)}
    clash = sorted(fields & _class_vars(cls))
    if clash:
        raise ConfigError(
            f"{cls.__qualname__}: {clash} became option(s) because they are annotated; "
            f"they are class attributes of the contract: write `name = ...` without a type"
        )
    own = inspect.get_annotations(cls)
    lost = sorted(k for k, ann in own.items() if "ClassVar" not in str(ann) and k not in fields)
    if lost:
        raise ConfigError(
            f"{cls.__qualname__}: annotated attribute(s) {lost} are not options because the "
            f"class is not a dataclass: decorate it with @dataclass(frozen=True) under @register"
        )


def _load_builtins() -> None:
    from . import _detectors as detectors  # noqa: F401  (registers on import)


@cache
def _load_entry_points() -> None:
    """Import every plugin detector once per process (a failing one names its entry point)."""
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        where = f"entry point {ep.name!r} = {ep.value!r} ({ENTRY_POINT_GROUP})"
        try:
            obj = ep.load()
        except Exception as e:  # a plugin's import error is the plugin's, named as such
            raise ConfigError(f"{where} cannot be loaded: {type(e).__name__}: {e}") from e
        if not (isinstance(obj, type) and issubclass(obj, Detector)):
            raise ConfigError(f"{where} is not a Detector subclass")
        if _REGISTRY.get(obj.name) is not obj:  # @register on import already did it
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


def builtin_names() -> list[str]:
    """The names of the detectors newsclean itself ships, sorted (plugins left out)."""
    _load_builtins()
    return sorted(n for n, c in _REGISTRY.items() if c.__module__.startswith("newsclean."))


def catalogue() -> list[tuple[str, str, str, dict[str, object]]]:
    """(name, stage, summary, default config) for every registered detector."""
    return [(n, get(n).stage, get(n).summary, get(n)().config()) for n in names()]
