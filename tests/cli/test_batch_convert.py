"""`newsclean batch` converts between JSONL and Parquet, both ways (real subprocess runs)."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTICLE, BODY_LINE, doc_text, read_jsonl, run_cli, write_jsonl

pytest.importorskip("pyarrow")
import pyarrow as pa
import pyarrow.parquet as pq

pytestmark = pytest.mark.timeout(300)


def _rows(n: int) -> list[dict[str, Any]]:
    rng = random.Random(8)
    rows: list[dict[str, Any]] = [
        {"id": f"d{i}", "text": doc_text(rng), "meta": {"n": i, "tags": ["a", "ü"]}, "w": i / 4}
        for i in range(n)
    ]
    rows[0]["text"] = ARTICLE
    rows[4]["text"] = None
    return rows


def test_jsonl_gz_to_parquet_the_readme_example(tmp_path: Path) -> None:
    rows = _rows(120)
    lines: list[Any] = [*rows[:60], b'{"id": "broken", "text": \n', *rows[60:]]
    plain = tmp_path / "in.jsonl"
    write_jsonl(plain, lines)
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(gzip.compress(plain.read_bytes()))
    out = tmp_path / "out.parquet"
    run_cli(["batch", str(src), "-o", str(out), "--removals", "--chunk-size", "25", "-q"])
    table = pq.read_table(out)
    got = table.to_pylist()
    assert len(got) == 121
    # the record's own fields are typed from the first chunk; the added ones are fixed
    schema = table.schema
    assert schema.field("meta").type == pa.struct(
        [("n", pa.int64()), ("tags", pa.list_(pa.string()))]
    )
    assert schema.field("w").type == pa.float64() and schema.field("line").type == pa.int64()
    assert schema.field("text_clean").type == pa.string()
    assert pa.types.is_list(schema.field("removals").type)
    assert [r["id"] for r in got[:60]] == [r["id"] for r in rows[:60]]
    assert got[60]["error_type"] == "invalid_json" and got[60]["line"] == 61
    assert got[60]["id"] is None and got[60]["text"] is None
    assert [r["meta"] for r in got[61:]] == [r["meta"] for r in rows[60:]]
    assert BODY_LINE in got[0]["text_clean"] and "Advertisement" not in got[0]["text_clean"]
    assert got[4]["error_type"] == "bad_field_type" and got[4]["text_clean"] is None
    assert {x["reason"] for x in got[0]["removals"]} >= {"advertisement.line"}
    # the same clean text as a JSONL-to-JSONL run
    direct = tmp_path / "direct.jsonl"
    run_cli(["batch", str(src), "-o", str(direct), "-q"])
    assert [r["text_clean"] for r in read_jsonl(direct)] == [r["text_clean"] for r in got]


def test_parquet_to_jsonl(tmp_path: Path) -> None:
    rows = _rows(90)
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src, row_group_size=40)
    for name in ("out.jsonl", "out.jsonl.gz"):
        out = tmp_path / name
        run_cli(["batch", str(src), "-o", str(out), "-j", "2", "--chunk-size", "16", "-q"])
        got = read_jsonl(out)
        assert len(got) == 90
        for row, want in zip(got, rows, strict=True):
            assert {k: row[k] for k in want} == want  # every input field, same values
            assert list(row)[:4] == ["id", "text", "meta", "w"]
        assert got[4]["error_type"] == "bad_field_type"
        assert BODY_LINE in got[0]["text_clean"]
    # and back again: Parquet -> JSONL -> Parquet keeps every value
    back = tmp_path / "back.parquet"
    run_cli(["batch", str(tmp_path / "out.jsonl"), "-o", str(back), "--output-field", "x", "-q"])
    again = pq.read_table(back).to_pylist()
    assert [r["x"] for r in again] == [r["text_clean"] for r in read_jsonl(tmp_path / "out.jsonl")]


def test_a_field_outside_the_first_chunk_stops_the_conversion(tmp_path: Path) -> None:
    rows = _rows(40)
    rows[30]["late"] = "not in the first chunk"
    src = tmp_path / "in.jsonl"
    write_jsonl(src, rows)
    out = tmp_path / "out.parquet"
    proc = run_cli(["batch", str(src), "-o", str(out), "--chunk-size", "10"], check=False)
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.decode()
    assert err.startswith("newsclean: error:") and "['late']" in err and "Traceback" not in err
    assert not out.exists()
    # with the whole file in the first chunk the schema has the column
    run_cli(["batch", str(src), "-o", str(out), "--chunk-size", "100", "--fresh", "-q"])
    got = pq.read_table(out).to_pylist()
    assert got[30]["late"] == "not in the first chunk" and got[0]["late"] is None
    assert json.loads(json.dumps(got[1]["meta"])) == rows[1]["meta"]
