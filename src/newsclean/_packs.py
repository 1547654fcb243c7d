"""Where phrase packs come from: the built-in ``newsclean/phrases/`` and other packages.

A package ships packs through the entry-point group ``newsclean.phrases``: each entry point
names a package (``mypkg``) whose ``phrases/`` directory holds ``<lang>.toml`` files laid
out like the built-in ones (``newsclean/phrases/en.toml``). A plugin file for a language
that ships (``en.toml``) adds families and phrases to it; a file for a new language
(``nl.toml``) adds the language. Entry points are read once per process, as detectors' are,
so the set of packs is fixed while a pipeline runs.

A malformed plugin pack is a :class:`~newsclean.errors.ConfigError` naming the file, raised
when the packs are first read, never a detector that silently matches nothing.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from importlib.metadata import entry_points
from typing import Any

from ._shape import normalize
from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["PACK_ENTRY_POINT_GROUP", "available_languages", "families", "load_pack", "pack_meta"]

PACK_ENTRY_POINT_GROUP = "newsclean.phrases"

Pack = dict[str, dict[str, tuple[str, ...]]]


@cache
def _pack_dirs() -> tuple[tuple[str, Traversable], ...]:
    """(label, directory) of every pack source: the built-in one first, then each plugin's
    in entry-point name order, so merging is deterministic."""
    dirs: list[tuple[str, Traversable]] = [("newsclean", resources.files("newsclean") / "phrases")]
    for ep in sorted(entry_points(group=PACK_ENTRY_POINT_GROUP), key=lambda e: e.name):
        where = f"entry point {ep.name!r} = {ep.value!r} ({PACK_ENTRY_POINT_GROUP})"
        if ep.attr:
            raise ConfigError(f"{where} must name a package (mypkg), not an object in it")
        try:
            root = resources.files(ep.module) / "phrases"
        except (ImportError, TypeError) as e:
            raise ConfigError(f"{where} cannot be read: {e}") from e
        if not root.is_dir() or not any(p.name.endswith(".toml") for p in root.iterdir()):
            raise ConfigError(f"{where}: the package has no phrases/<lang>.toml file")
        dirs.append((ep.name, root))
    return tuple(dirs)


@cache
def available_languages() -> tuple[str, ...]:
    """Every language some pack (built-in or plugin) has a file for."""
    names = {p.name[:-5] for _, d in _pack_dirs() for p in d.iterdir() if p.name.endswith(".toml")}
    return tuple(sorted(names))


@cache
def _sources(lang: str) -> tuple[dict[str, Any], ...]:
    """The parsed ``<lang>.toml`` of each pack source that has one, built-in first."""
    out = []
    for label, d in _pack_dirs():
        path = d / f"{lang}.toml"
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"phrase pack {lang}.toml of {label}: {e}") from e
        _check(data, f"phrase pack {lang}.toml of {label}")
        out.append(data)
    return tuple(out)


def _check(data: dict[str, Any], where: str) -> None:
    """Families are tables of lists of strings (``[meta]`` aside): anything else is a typo."""
    for family, lists in data.items():
        if family == "meta":
            continue
        if not isinstance(lists, dict):
            raise ConfigError(f"{where}: [{family}] must be a table of phrase lists")
        for name, items in lists.items():
            if not isinstance(items, list) or not all(isinstance(p, str) for p in items):
                raise ConfigError(f"{where}: {family}.{name} must be a list of strings")


@cache
def load_pack(lang: str) -> Pack:
    """The families of one language's packs (built-in and plugins merged), phrases normalised."""
    out: Pack = {}
    for data in _sources(lang):
        for family, lists in data.items():
            if family == "meta":
                continue
            fam = out.setdefault(family, {})
            for name, items in lists.items():
                fam[name] = fam.get(name, ()) + tuple(normalize(p) for p in items if normalize(p))
    return out


@cache
def pack_meta(lang: str) -> dict[str, Any]:
    """One language's ``[meta]`` table: lists merged across packs, a scalar from the first."""
    out: dict[str, Any] = {}
    for data in _sources(lang):
        for key, value in data.get("meta", {}).items():
            if isinstance(value, list) and isinstance(out.get(key), list):
                out[key] = out[key] + value
            else:
                out.setdefault(key, value)
    return out


@cache
def families() -> dict[str, frozenset[str]]:
    """Every family some pack has, with the names of the lists it has in any language."""
    out: dict[str, set[str]] = {}
    for lang in available_languages():
        for family, lists in load_pack(lang).items():
            out.setdefault(family, set()).update(lists)
    return {f: frozenset(names) for f, names in out.items()}
