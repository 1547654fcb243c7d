"""NewscleanStep inside a real datatrove pipeline: JSONL in, JSONL out, with stats."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from newsclean.errors import NewscleanError
from newsclean.integrations.datatrove import NewscleanStep

from ..cli.conftest import ARTICLE, BODY_LINE, doc_text

pytestmark = pytest.mark.timeout(300)


def _write_inputs(folder: Path, files: int, per_file: int) -> list[dict[str, object]]:
    folder.mkdir()
    rng = random.Random(7)
    rows: list[dict[str, object]] = []
    for f in range(files):
        with open(folder / f"part{f}.jsonl", "w") as fh:
            for i in range(per_file):
                row = {"id": f"{f}-{i}", "text": ARTICLE if i == 0 else doc_text(rng), "lang": "en"}
                rows.append(row)
                fh.write(json.dumps(row) + "\n")
    return rows


def test_local_executor_jsonl(tmp_path: Path) -> None:
    rows = _write_inputs(tmp_path / "in", files=2, per_file=30)
    out = tmp_path / "out"
    executor = LocalPipelineExecutor(
        [
            JsonlReader(str(tmp_path / "in")),
            NewscleanStep(removals="full"),
            JsonlWriter(str(out), compression=None),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    stats = executor.run()
    docs = []
    for p in sorted(out.glob("*.jsonl")):
        docs += [json.loads(x) for x in p.read_text().splitlines()]
    assert len(docs) == len(rows)
    by_id = {d["id"]: d for d in docs}
    art = by_id["0-0"]
    assert BODY_LINE in art["text"] and "Advertisement" not in art["text"]
    info = art["metadata"]["newsclean"]
    assert info["title"] == "Council Approves New Harbour Bridge"
    assert {r["reason"] for r in info["removals"]} >= {"advertisement.line", "title.headline"}
    assert art["metadata"]["lang"] == "en"
    assert all("Share this article" not in d["text"] for d in docs)

    step_stats = json.loads(stats.to_json()) if hasattr(stats, "to_json") else None
    text = json.dumps(step_stats) if step_stats is not None else str(stats)
    assert "removed/advertisement.line" in text
    assert "total" in text


def test_errors_and_options() -> None:
    step = NewscleanStep(removals="reasons", drop_empty=True)
    docs = [
        Document(text=ARTICLE, id="a"),
        Document(text="Advertisement\n", id="b"),  # all noise: emptied and dropped
        Document(text=None, id="c"),  # type: ignore[arg-type]
    ]
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["a", "c"]
    assert "advertisement.line" in out[0].metadata["newsclean"]["removals"]
    assert out[1].text is None and "bad_field_type" in out[1].metadata["newsclean_error"]
    assert step.stats["dropped_empty"].total == 1
    assert step.stats["errors/bad_field_type"].total == 1
    with pytest.raises(NewscleanError, match="newsclean failed on"):
        list(NewscleanStep(on_error="raise").run(iter([Document(text=None, id="x")])))  # type: ignore[arg-type]
    assert list(NewscleanStep(on_error="drop").run(iter([Document(text=None, id="x")]))) == []  # type: ignore[arg-type]


def test_gzip_roundtrip_with_config(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    with gzip.open(tmp_path / "in" / "a.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "1", "text": ARTICLE}) + "\n")
    conf = {"detectors": ["advertisement"]}
    LocalPipelineExecutor(
        [
            JsonlReader(str(tmp_path / "in")),
            NewscleanStep(conf, removals="none"),
            JsonlWriter(str(tmp_path / "out")),
        ],
        logging_dir=str(tmp_path / "logs"),
    ).run()
    (p,) = (tmp_path / "out").glob("*.jsonl.gz")
    with gzip.open(p, "rt") as fh:
        (doc,) = [json.loads(x) for x in fh]
    assert "Advertisement" not in doc["text"] and "google news" in doc["text"]
    assert "removals" not in doc["metadata"]["newsclean"]
