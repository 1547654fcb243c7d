"""The public surface is ``newsclean.__all__`` plus ``newsclean.plugin.__all__``, and
docs/api.md documents exactly that surface (each name once)."""

from __future__ import annotations

import re
from pathlib import Path

import newsclean
from newsclean import errors, plugin

API = Path(__file__).parents[1] / "docs" / "api.md"
DIRECTIVE = re.compile(r"^\.\. auto\w+:: (newsclean[\w.]*)\.(\w+)$", re.MULTILINE)


def test_api_reference_documents_exactly_the_public_surface() -> None:
    documented = [m.group(2) for m in DIRECTIVE.finditer(API.read_text("utf-8"))]
    assert len(documented) == len(set(documented)), "a name is documented twice"
    surface = set(newsclean.__all__) | set(plugin.__all__) | set(errors.__all__)
    assert set(documented) == surface - {"__version__"}


def test_every_public_name_resolves() -> None:
    for mod in (newsclean, plugin, errors):
        for name in mod.__all__:
            assert hasattr(mod, name), f"{mod.__name__}.{name}"
