"""The worked example of docs/writing-detectors.md, run as a third-party package.

The files of the example package are read from the page itself, installed on a path of
their own (a ``.dist-info`` with the entry points, as pip writes one, so no network and no
build tools are needed) and run through ``newsclean detectors``, ``clean`` and
``batch -j 2`` in subprocesses: if the page is wrong, this fails.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOC = Path(__file__).parents[1] / "docs" / "writing-detectors.md"
FILE_BLOCK = re.compile(r"^File `(\S+)`:\n\n```\w+\n(.*?)^```", re.MULTILINE | re.DOTALL)

ARTICLE = """\
Ferry Timetable Cut as Crew Shortage Bites
Audio is not supported in your browser.
Narrated by an automated voice
The island ferry will run four crossings a day instead of seven from Monday, the operator said, after a third of its deck crew left for jobs on the mainland.
Commuters who rely on the early boat said the change would cost them their jobs.
"""
NOISE = ("Audio is not supported in your browser.", "Narrated by an automated voice")


def _install(root: Path) -> Path:
    """Write the page's package into ``root/site`` as an installed distribution."""
    site = root / "site"
    files = {m.group(1): m.group(2) for m in FILE_BLOCK.finditer(DOC.read_text("utf-8"))}
    assert {"pyproject.toml", "newsclean_audio/__init__.py"} <= set(files)
    for name, body in files.items():
        if name != "pyproject.toml":
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(body, encoding="utf-8")
    project = tomllib.loads(files["pyproject.toml"])["project"]
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir()
    meta = f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
    (info / "METADATA").write_text(meta, encoding="utf-8")
    groups = [
        f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items())
        for group, eps in project["entry-points"].items()
    ]
    (info / "entry_points.txt").write_text("\n".join(groups), encoding="utf-8")
    return site


def _run(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    src = Path(newsclean.__file__).parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(src)])}
    return subprocess.run(
        [sys.executable, "-m", "newsclean", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def plugin(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("plugin")
    site = _install(root)
    default = _run(site, "config", "--default", cwd=root)
    assert default.returncode == 0, default.stderr
    config = root / "pipeline.toml"
    config.write_text(default.stdout + '\n[[detectors]]\nname = "audio_player"\n', "utf-8")
    return site, root


def test_the_plugin_detector_is_listed(plugin: tuple[Path, Path]) -> None:
    site, root = plugin
    out = _run(site, "detectors", cwd=root)
    assert out.returncode == 0, out.stderr
    assert "audio_player" in out.stdout and "audio player" in out.stdout


def test_the_plugin_runs_through_clean(plugin: tuple[Path, Path]) -> None:
    site, root = plugin
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    out = _run(site, "clean", "--config", "pipeline.toml", "--explain", "article.txt", cwd=root)
    assert out.returncode == 0, out.stderr
    assert not any(n in out.stdout for n in NOISE)
    assert "The island ferry will run four crossings" in out.stdout
    assert "[audio_player / widget.line" in out.stderr
    assert "[audio_player / widget.prefix" in out.stderr
    # Without the config the plugin is installed but not in the pipeline.
    plain = _run(site, "clean", "article.txt", cwd=root)
    assert all(n in plain.stdout for n in NOISE)


def test_the_plugin_runs_in_batch_workers(plugin: tuple[Path, Path]) -> None:
    site, root = plugin
    rows = [{"id": i, "text": ARTICLE} for i in range(6)]
    (root / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    args = ("batch", "--config", "pipeline.toml", "-j", "2", "in.jsonl", "-o", "out.jsonl")
    out = _run(site, *args, "--no-progress", "-q", cwd=root)
    assert out.returncode == 0, out.stderr
    got = [json.loads(line) for line in (root / "out.jsonl").read_text("utf-8").splitlines()]
    assert len(got) == 6 and all(r["error"] is None for r in got)
    for r in got:
        assert not any(n in r["text_clean"] for n in NOISE)
        assert "The island ferry will run four crossings" in r["text_clean"]
