"""Sphinx configuration. The detector catalogue is generated from the registry at build time;
the API reference (api.md) is autodoc over the public surface."""

from __future__ import annotations

import json
from pathlib import Path

project = "newsclean"
author = "newsclean developers"
extensions = ["myst_parser", "sphinx.ext.autodoc"]
autodoc_typehints = "description"
autodoc_member_order = "bysource"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "alabaster"
myst_heading_anchors = 3


def _write_catalogue(app: object) -> None:
    from newsclean import _registry as registry

    lines = [
        "# Detector catalogue",
        "",
        "Generated from the registry when the docs are built (`newsclean detectors` prints the",
        "same). Options are the detector's dataclass fields; set them with",
        "`Pipeline.default().configure(name, option=value)` or in a TOML config.",
        "",
    ]
    for name, stage, summary, config in registry.catalogue():
        lines += [f"## `{name}`", "", f"*stage: {stage}*", "", summary or "(no summary)", ""]
        lines += ["```json", json.dumps(config, indent=1, ensure_ascii=False), "```", ""]
    Path(__file__).with_name("detectors.md").write_text("\n".join(lines), encoding="utf-8")


def setup(app: object) -> None:
    app.connect("builder-inited", _write_catalogue)  # type: ignore[attr-defined]
