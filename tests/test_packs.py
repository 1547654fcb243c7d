"""Phrase packs shipped by other packages (the ``newsclean.phrases`` entry-point group)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from newsclean import ConfigError
from newsclean import _packs as packs

CACHED = (
    packs._pack_dirs,
    packs.available_languages,
    packs._sources,
    packs.load_pack,
    packs.pack_meta,
    packs.families,
)


def _clear() -> None:
    for f in CACHED:
        f.cache_clear()


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Install packages made of ``{relative path: text}`` as pack entry points."""
    eps: list[EntryPoint] = []
    monkeypatch.syspath_prepend(str(tmp_path))

    def entry_points(group: str) -> list[EntryPoint]:
        return eps if group == packs.PACK_ENTRY_POINT_GROUP else []

    def add(pkg: str, files: dict[str, str], value: str | None = None) -> None:
        for rel, text in {"__init__.py": "", **files}.items():
            (tmp_path / pkg / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / pkg / rel).write_text(text, encoding="utf-8")
        eps.append(EntryPoint(pkg, value or pkg, packs.PACK_ENTRY_POINT_GROUP))
        _clear()  # entry points are read once per process: this test installs one more

    monkeypatch.setattr(packs, "entry_points", entry_points)
    _clear()
    yield add
    _clear()
    for name in [m for m in sys.modules if m.startswith("nc_test_")]:
        del sys.modules[name]


def test_a_plugin_pack_adds_families_phrases_and_languages(plugin: Callable[..., None]) -> None:
    builtin_share = packs.load_pack("en")["share"]["line"]
    plugin(
        "nc_test_pack",
        {
            "phrases/en.toml": '[share]\nline = ["Toot this story"]\n'
            '[audio_player]\nline = ["Listen to this story"]\n',
            "phrases/nl.toml": '[meta]\nfunction_words = ["het", "een"]\n'
            '[share]\nline = ["Deel dit artikel"]\n',
        },
    )
    en = packs.load_pack("en")
    assert en["share"]["line"] == (*builtin_share, "Toot this story")
    assert en["audio_player"]["line"] == ("Listen to this story",)
    assert "nl" in packs.available_languages()
    assert packs.pack_meta("nl")["function_words"] == ["het", "een"]
    assert "audio_player" in packs.families()


@pytest.mark.parametrize(
    ("files", "value", "message"),
    [
        ({"phrases/en.toml": "[share\n"}, None, "en.toml of nc_test_bad"),
        ({"phrases/en.toml": "[share]\nline = [1, 2]\n"}, None, "share.line must be a list"),
        ({"phrases/en.toml": 'share = "x"\n'}, None, r"\[share\] must be a table"),
        ({"data/en.toml": "[share]\n"}, None, "has no phrases/<lang>.toml"),
        ({"phrases/en.toml": "[share]\n"}, "nc_test_bad:packs", "must name a package"),
    ],
)
def test_a_malformed_plugin_pack_is_a_config_error(
    plugin: Callable[..., None], files: dict[str, str], value: str | None, message: str
) -> None:
    plugin("nc_test_bad", files, value)
    with pytest.raises(ConfigError, match=message):
        packs.load_pack("en")
