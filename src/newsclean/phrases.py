"""Phrase packs: one TOML data file per language in ``newsclean/phrases/``.

Each file maps a family (``[read_more]``, ``[comments]``...) to lists of phrases under
match modes. Phrases are literals written naturally; they are normalised like block text
(:func:`~newsclean.shape.normalize`: straight quotes, single spaces, digits as ``#``) and
matched case-insensitively:

- ``line``: the whole normalised line is the phrase;
- ``prefix``: the line starts with the phrase, followed by a non-letter, the end, or an
  upper-case letter (so glued text like "Previous articleOther voices" still matches);
- ``contains``: the phrase occurs anywhere, on word boundaries.

Patterns are alternations of escaped literals, so matching is linear in the line length.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources

from .shape import normalize

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ALL", "available_languages", "load_pack", "matcher", "phrases"]

#: Use every pack that ships (phrases rarely collide across languages).
ALL = "*"
MODES = ("line", "prefix", "contains")
_BOUNDARY_AFTER = r"(?=$|[^\w]|(?-i:[A-Z]))"


@lru_cache(maxsize=None)
def available_languages() -> tuple[str, ...]:
    root = resources.files("newsclean") / "phrases"
    return tuple(sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".toml")))


@lru_cache(maxsize=None)
def load_pack(lang: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """The families of one language's pack, phrases normalised."""
    path = resources.files("newsclean") / "phrases" / f"{lang}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for family, modes in data.items():
        if family == "meta":
            continue
        out[family] = {
            mode: tuple(normalize(p) for p in phrases if normalize(p))
            for mode, phrases in modes.items()
        }
    return out


def _langs(languages: tuple[str, ...]) -> tuple[str, ...]:
    if ALL in languages:
        return available_languages()
    return tuple(lang for lang in languages if lang in available_languages())


@lru_cache(maxsize=None)
def phrases(family: str, key: str, languages: tuple[str, ...] = (ALL,)) -> tuple[str, ...]:
    """All phrases of ``family``/``key`` across ``languages``, longest first, deduplicated."""
    seen: set[str] = set()
    for lang in _langs(languages):
        seen.update(load_pack(lang).get(family, {}).get(key, ()))
    return tuple(sorted(seen, key=lambda p: (-len(p), p)))


@lru_cache(maxsize=None)
def matcher(
    family: str, key: str, mode: str, languages: tuple[str, ...] = (ALL,)
) -> re.Pattern[str] | None:
    """A compiled case-insensitive pattern for one family/key, or None if the list is empty.

    ``key`` names the list in the pack (often the mode's own name); ``mode`` is how to match.
    """
    items = phrases(family, key, languages)
    if not items:
        return None
    alt = "|".join(re.escape(p) for p in items)
    if mode == "line":
        pat = rf"^(?:{alt})$"
    elif mode == "prefix":
        pat = rf"^(?:{alt}){_BOUNDARY_AFTER}"
    elif mode == "contains":
        pat = rf"(?<!\w)(?:{alt})(?!\w)"
    else:
        raise ValueError(f"unknown match mode {mode!r}; expected one of {MODES}")
    return re.compile(pat, re.IGNORECASE)
