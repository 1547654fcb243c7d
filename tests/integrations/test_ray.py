"""NewscleanMapper on plain batches, and inside Ray Data on a local 2-CPU cluster."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsclean.integrations.ray import NewscleanMapper, clean_batch

from ..cli.conftest import ARTICLE, BODY_LINE, doc_text
from .recipes import recipe, write_pages

pytestmark = pytest.mark.timeout(300)


def _rows(n: int) -> list[dict[str, Any]]:
    rng = random.Random(3)
    rows: list[dict[str, Any]] = [{"id": i, "text": doc_text(rng)} for i in range(n)]
    rows[0]["text"] = ARTICLE
    rows[5]["text"] = None
    return rows


def _check(rows: list[dict[str, Any]], out: list[dict[str, Any]]) -> None:
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    assert BODY_LINE in out[0]["text_clean"]
    assert "Advertisement" not in out[0]["text_clean"]
    assert out[5]["text_clean"] is None
    assert out[5]["newsclean_error"].startswith("bad_field_type")
    assert all(r["newsclean_error"] is None for i, r in enumerate(out) if i != 5)


def test_pandas_pyarrow_and_dict_batches() -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    np = pytest.importorskip("numpy")
    rows = _rows(12)
    m = NewscleanMapper(removals_column="removals")
    out_pd = m(pd.DataFrame(rows))
    _check(rows, out_pd.astype(object).where(out_pd.notna(), None).to_dict("records"))
    reasons = {r["reason"] for r in json.loads(out_pd["removals"][0])}
    assert "advertisement.line" in reasons
    _check(rows, m(pa.Table.from_pylist(rows)).to_pylist())
    cols = {
        "id": np.array([r["id"] for r in rows]),
        "text": np.array([r["text"] for r in rows], dtype=object),
    }
    out_np = m(cols)
    _check(rows, [{k: out_np[k][i] for k in out_np} for i in range(len(rows))])
    # the function form and a missing column
    out = clean_batch({"body": np.array(["x"], dtype=object)})
    assert out["newsclean_error"][0].startswith("missing_field")


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[Any]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def _recipe(ray: Any, ds: Any, fmt: str) -> list[dict[str, Any]]:
    """The recipe of the module docstring and docs/scale.md, on a 2-CPU cluster."""
    ds = ds.map_batches(
        NewscleanMapper,
        fn_constructor_kwargs={"removals_column": "removals"},
        compute=ray.data.ActorPoolStrategy(size=2),
        num_cpus=0.5,
        batch_size=32,
        batch_format=fmt,
    )
    return sorted(ds.take_all(), key=lambda r: r["id"])


@pytest.mark.timeout(120)
def test_read_json_recipe_finishes_on_two_cpus(
    ray_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The docs/scale.md recipe, as written: read_json's read tasks need a CPU beside the
    actors (with a whole CPU per actor and as many actors as CPUs they starve: a hang)."""
    monkeypatch.chdir(tmp_path)
    rows = write_pages(tmp_path, n=200)
    started = time.monotonic()
    exec(recipe("Ray Data"), {})
    assert time.monotonic() - started < 90
    import pyarrow.parquet as pq

    out = sorted(pq.read_table(tmp_path / "clean").to_pylist(), key=lambda r: r["id"])
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    assert BODY_LINE in out[0]["text_clean"] and "Advertisement" not in out[0]["text_clean"]
    assert all(r["newsclean_error"] is None for r in out)
    assert sum(1 for r in out if r["removals"] and "share" in r["removals"]) >= 150


@pytest.mark.parametrize("fmt", ["pandas", "numpy"])
def test_map_batches_on_local_cluster(ray_cluster: Any, fmt: str) -> None:
    rows = _rows(200)
    out = _recipe(ray_cluster, ray_cluster.data.from_items(rows, override_num_blocks=4), fmt)
    _check(rows, out)
