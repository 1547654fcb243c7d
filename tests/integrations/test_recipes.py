"""Each recipe of docs/scale.md, run as written (skipped when its library is not installed).

The Ray recipe runs in test_ray.py, on the module's 2-CPU cluster.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ..cli.conftest import BODY_LINE
from .recipes import read_json_lines, recipe, write_pages

pytestmark = pytest.mark.timeout(300)

SRC = Path(__file__).resolve().parents[2] / "src"


def _need(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed: the docs/scale.md recipe for it is not run")


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    monkeypatch.chdir(tmp_path)
    return write_pages(tmp_path)


def _check_texts(rows: list[dict[str, Any]], clean: list[Any]) -> None:
    assert len(clean) == len(rows)
    assert BODY_LINE in clean[0] and "Advertisement" not in clean[0]
    assert all("Share this article" not in c for c in clean)


def test_datatrove_recipe(pages: list[dict[str, Any]], tmp_path: Path) -> None:
    _need("datatrove")
    exec(recipe("datatrove"), {})
    out = read_json_lines(list((tmp_path / "clean").iterdir()))
    _check_texts(pages, [d["text"] for d in out])  # one task: files and rows in order
    assert "advertisement.line" in out[0]["metadata"]["newsclean"]["removals"]


def test_hugging_face_datasets_recipe(pages: list[dict[str, Any]], tmp_path: Path) -> None:
    _need("datasets")
    exec(recipe("Hugging Face datasets"), {})
    out = read_json_lines([tmp_path / "clean.jsonl"])
    assert [d["id"] for d in out] == [r["id"] for r in pages]
    _check_texts(pages, [d["text_clean"] for d in out])


def test_dask_recipe(pages: list[dict[str, Any]], tmp_path: Path) -> None:
    _need("dask")
    exec(recipe("Dask"), {})
    files = sorted((tmp_path / "clean").iterdir(), key=lambda p: int(p.name.split(".")[0]))
    out: list[Any] = []
    for f in files:
        out += read_json_lines([f])
    _check_texts(pages, out)


def test_spark_recipe(pages: list[dict[str, Any]], tmp_path: Path) -> None:
    """Ran with pyspark 4.3.0, pandas 3.1.1, pyarrow 26.0.1 and OpenJDK 17.0.15 (local[2]).
    The workers ran ``python3`` from PATH, without pandas, until the recipe pointed
    PYSPARK_PYTHON at the driver's Python."""
    _need("pyspark")
    _need("pandas")
    _need("pyarrow")
    if not os.environ.get("JAVA_HOME") and not any(
        os.access(os.path.join(d, "java"), os.X_OK) for d in os.environ["PATH"].split(":")
    ):
        pytest.skip("pyspark needs Java, which is not installed: the Spark recipe is not run")
    # As a script, in a process of its own: Spark's JVM and Python workers end with it
    # (run in this process, they would hold half a gigabyte and a core for the rest of the
    # suite). PYSPARK_PYTHON unset, as in a fresh shell: the recipe sets it.
    env = {k: v for k, v in os.environ.items() if k != "PYSPARK_PYTHON"}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    subprocess.run(
        [sys.executable, "-c", recipe("Spark")], cwd=tmp_path, env=env, check=True, timeout=280
    )
    import pyarrow.parquet as pq

    out = pq.read_table(tmp_path / "clean").to_pylist()
    out.sort(key=lambda d: d["id"])
    _check_texts(pages, [d["text_clean"] for d in out])
