"""`newsclean batch` on JSONL (plain, gzip, zstd) and Parquet, run as real subprocesses."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTICLE, BODY_LINE, big_text, doc_text, read_jsonl, run_cli, write_jsonl

pytestmark = pytest.mark.timeout(300)

FIVE_MB = 5_000_000


def _good_rows(n: int, seed: int = 3, start: int = 0) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        {
            "id": f"doc-{i}",
            "url": f"https://example.test/{i}",
            "text": doc_text(rng),
            "meta": {"n": i, "tags": ["a", "ü"], "score": i / 7},
        }
        for i in range(start, start + n)
    ]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    """A JSONL file with every kind of bad record among good ones; returns (path, expected).

    ``expected`` has one entry per record: an id for a good row, or ("error", type).
    """
    d = tmp_path_factory.mktemp("mixed")
    good = _good_rows(40)
    lines: list[Any] = []
    expected: list[Any] = []

    def add(line: Any, exp: Any) -> None:
        lines.append(line)
        expected.append(exp)

    add({"id": "article", "text": ARTICLE, "source": "own"}, "article")
    for r in good[:10]:
        add(r, r["id"])
    add(b'{"id": "broken", "text": "unterminated\n', ("error", "invalid_json"))
    add(b'{"id": "latin1", "text": "caf\xe9 au lait is served at the harbour."}\n', "latin1")
    add(b'{"id": "latin1-bad", "text": "caf\xe9\n', ("error", "invalid_json"))
    lines.append(b"\n")  # blank lines are not records
    lines.append(b"   \r\n")
    add({"id": "no-text", "body": "x"}, ("error", "missing_field"))
    add({"id": "int-text", "text": 42}, ("error", "bad_field_type"))
    add({"id": "null-text", "text": None}, ("error", "bad_field_type"))
    add(b"[1, 2, 3]\n", ("error", "not_an_object"))
    add({"id": "huge", "text": big_text(FIVE_MB)}, "huge")
    add({"id": "empty", "text": ""}, "empty")
    for r in good[10:]:
        add(r, r["id"])
    path = d / "mixed.jsonl"
    write_jsonl(path, lines)
    return path, expected


def _check_mixed(
    rows: list[dict[str, Any]], expected: list[Any], field: str = "text_clean"
) -> None:
    assert len(rows) == len(expected)
    for row, exp in zip(rows, expected, strict=True):
        if isinstance(exp, tuple):
            assert row["error_type"] == exp[1], row
            assert row[field] is None
            assert row["error"] and "line " in row["error"]
        else:
            assert row["id"] == exp
            assert row["error_type"] is None and row["error"] is None, row
            assert isinstance(row[field], str)


def test_jsonl_mixed_input(mixed: tuple[Path, list[Any]], tmp_path: Path) -> None:
    src, expected = mixed
    out = tmp_path / "out.jsonl"
    summary = tmp_path / "summary.json"
    proc = run_cli(["batch", str(src), "-o", str(out), "--summary-json", str(summary)])
    rows = read_jsonl(out)
    _check_mixed(rows, expected)
    by_id = {r["id"]: r for r in rows if r["id"]}

    # the article is cleaned; other fields pass through untouched
    art = by_id["article"]
    assert BODY_LINE in art["text_clean"] and "Advertisement" not in art["text_clean"]
    assert art["text"] == ARTICLE and art["source"] == "own"
    originals = {r["id"]: r for r in _good_rows(40)}
    for i in ("doc-0", "doc-25"):
        assert {k: by_id[i][k] for k in originals[i]} == originals[i]
        assert list(by_id[i])[:4] == ["id", "url", "text", "meta"]  # field order kept
        assert "Share this article" not in by_id[i]["text_clean"]
    # invalid UTF-8 inside a string: decoded with U+FFFD, still cleaned
    assert by_id["latin1"]["text_clean"].startswith("caf\ufffd au lait")
    # the 5 MB document made it through
    assert len(by_id["huge"]["text_clean"]) > FIVE_MB - 100
    assert by_id["empty"]["text_clean"] == ""
    # unparseable lines keep their line number
    broken = [r for r in rows if r.get("error_type") == "invalid_json"]
    assert [r["line"] for r in broken] == [12, 14]
    assert all(r["id"] is None for r in broken)

    s = json.loads(summary.read_text())
    assert s["records"] == len(expected) == s["ok"] + s["errors"]
    assert s["errors"] == 6
    assert s["error_types"] == {
        "invalid_json": 2,
        "missing_field": 1,
        "bad_field_type": 2,
        "not_an_object": 1,
    }
    assert s["blank_lines"] == 2 and s["invalid_utf8_lines"] == 2
    assert s["by_detector"]["advertisement"] >= 41
    assert s["bytes_in"] > FIVE_MB
    err = proc.stderr.decode()
    assert "records" in err and "errors: " in err and "removals by detector" in err
    assert not (tmp_path / "out.jsonl.tmp").exists()
    assert not (tmp_path / "out.jsonl.checkpoint.json").exists()


def test_jsonl_parallel_matches_serial(mixed: tuple[Path, list[Any]], tmp_path: Path) -> None:
    src, expected = mixed
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_cli(["batch", str(src), "-o", str(one), "--chunk-size", "3", "--removals", "-q"])
    run_cli(["batch", str(src), "-o", str(two), "-j", "2", "--chunk-size", "3", "--removals", "-q"])
    assert one.read_bytes() == two.read_bytes()
    _check_mixed(read_jsonl(two), expected)


def test_parallel_order_many_chunks(tmp_path: Path) -> None:
    rows = _good_rows(600, seed=9)
    src = tmp_path / "in.jsonl"
    write_jsonl(src, rows)
    out = tmp_path / "out.jsonl"
    run_cli(["batch", str(src), "-o", str(out), "-j", "2", "--chunk-size", "7", "-q"])
    got = read_jsonl(out)
    assert [r["id"] for r in got] == [r["id"] for r in rows]
    assert all(r["text_clean"] and "Advertisement" not in r["text_clean"] for r in got)


def test_removals_field(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"id": 1, "text": ARTICLE}])
    out = tmp_path / "out.jsonl"
    run_cli(["batch", str(src), "-o", str(out), "--removals", "--output-field", "clean", "-q"])
    (row,) = read_jsonl(out)
    assert "text_clean" not in row and BODY_LINE in row["clean"]
    reasons = [r["reason"] for r in row["removals"]]
    assert "advertisement.line" in reasons
    for r in row["removals"]:
        assert ARTICLE[r["start"] : r["end"]] == r["text"]


def test_compressed_jsonl(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    rows = _good_rows(300)
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wb") as fh:
        for r in rows:
            fh.write(json.dumps(r).encode() + b"\n")
    out = tmp_path / "out.jsonl.zst"
    run_cli(["batch", str(src), "-o", str(out), "--chunk-size", "50", "--checkpoint-every", "0"])
    with open(out, "rb") as fh:
        reader = zstandard.ZstdDecompressor().stream_reader(fh, read_across_frames=True)
        data = reader.read()
    got = [json.loads(x) for x in data.splitlines()]
    assert [r["id"] for r in got] == [r["id"] for r in rows]
    # and back to gzip, reading the multi-frame zstd file
    back = tmp_path / "back.jsonl.gz"
    run_cli(["batch", str(out), "-o", str(back), "--output-field", "again", "-q"])
    again = read_jsonl(back)
    assert [r["again"] for r in again] == [r["text_clean"] for r in got]


def test_html_field(tmp_path: Path) -> None:
    from .test_clean import PAGE

    src = tmp_path / "pages.jsonl"
    write_jsonl(
        src,
        [
            {"id": "p1", "html": PAGE, "url": "https://example.test/bridge"},
            {"id": "p2", "html": 7},
        ],
    )
    out = tmp_path / "out.jsonl"
    run_cli(["batch", str(src), "-o", str(out), "--html-field", "html", "-q"])
    r1, r2 = read_jsonl(out)
    assert BODY_LINE in r1["text_clean"] and "<p>" not in r1["text_clean"]
    assert r2["error_type"] == "bad_field_type"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_doc_timeout(tmp_path: Path, jobs: str) -> None:
    rows = _good_rows(5)
    rows.insert(2, {"id": "slow", "text": big_text(FIVE_MB, seed=2)})
    src = tmp_path / "in.jsonl"
    write_jsonl(src, rows)
    out = tmp_path / "out.jsonl"
    run_cli(["batch", str(src), "-o", str(out), "-j", jobs, "--doc-timeout", "0.1", "-q"])
    got = read_jsonl(out)
    assert [r["id"] for r in got] == [r["id"] for r in rows]
    slow = got[2]
    assert slow["error_type"] == "timeout" and slow["text_clean"] is None
    assert "0.1 s" in slow["error"]
    assert all(r["error_type"] is None for i, r in enumerate(got) if i != 2)


def test_unknown_disable_and_bad_paths(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, _good_rows(3))
    out = str(tmp_path / "out.jsonl")
    proc = run_cli(["batch", str(src), "-o", out, "--disable", "nope"], check=False)
    assert proc.returncode == 2 and b"nope" in proc.stderr
    proc = run_cli(["batch", str(tmp_path / "none.jsonl"), "-o", out], check=False)
    assert proc.returncode == 2
    proc = run_cli(["batch", str(src), "-o", str(tmp_path / "out.csv")], check=False)
    assert proc.returncode == 2 and b"format" in proc.stderr


def test_leftover_checkpoint_needs_resume_or_fresh(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, _good_rows(20))
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.checkpoint.json").write_text("{}")
    proc = run_cli(["batch", str(src), "-o", str(out)], check=False)
    assert proc.returncode == 2 and b"--resume" in proc.stderr
    proc = run_cli(["batch", str(src), "-o", str(out), "--resume"], check=False)
    assert proc.returncode == 2 and b"--fresh" in proc.stderr  # not this input's checkpoint
    run_cli(["batch", str(src), "-o", str(out), "--fresh", "-q"])
    assert len(read_jsonl(out)) == 20
    # --resume with no checkpoint simply starts from the beginning
    out.unlink()
    run_cli(["batch", str(src), "-o", str(out), "--resume", "-q"])
    assert len(read_jsonl(out)) == 20


def test_stdin_input(tmp_path: Path) -> None:
    rows = _good_rows(10)
    data = b"".join(json.dumps(r).encode() + b"\n" for r in rows)
    out = tmp_path / "out.jsonl"
    run_cli(["batch", "-", "-o", str(out), "-q"], input=data)
    assert [r["id"] for r in read_jsonl(out)] == [r["id"] for r in rows]


# -- Parquet -------------------------------------------------------------------------------


def _parquet_rows(n: int) -> list[dict[str, Any]]:
    rng = random.Random(11)
    rows: list[dict[str, Any]] = []
    for i in range(n):
        text: Any = doc_text(rng) if i % 50 != 7 else None
        rows.append({"id": i, "text": text, "info": {"lang": "en", "len": i * 3}, "w": i / 3})
    rows[3]["text"] = big_text(FIVE_MB)
    return rows


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_parquet(tmp_path: Path, jobs: str) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = _parquet_rows(500)
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src, row_group_size=120)
    out = tmp_path / "out.parquet"
    run_cli(
        [
            "batch",
            str(src),
            "-o",
            str(out),
            "-j",
            jobs,
            "--chunk-size",
            "50",
            "--removals",
            "-q",
            "--checkpoint-every",
            "0",
        ]
    )
    got = pq.read_table(out)
    assert got.num_rows == 500
    assert pq.ParquetFile(out).metadata.num_row_groups > 1
    schema_in = pq.read_schema(src)
    for f in schema_in:  # every input column passes through with its type
        assert got.schema.field(f.name).type == f.type
        assert got.column(f.name).to_pylist() == [r[f.name] for r in rows]
    clean = got.column("text_clean").to_pylist()
    etype = got.column("error_type").to_pylist()
    for i, r in enumerate(rows):
        if r["text"] is None:
            assert clean[i] is None and etype[i] == "bad_field_type"
        else:
            assert etype[i] is None and "Advertisement" not in clean[i]
    assert len(clean[3]) > FIVE_MB - 100
    rem = got.column("removals").to_pylist()
    assert rem[7] is None and {x["reason"] for x in rem[0]} >= {"advertisement.line"}
    assert not (tmp_path / "out.parquet.parts").exists()


def test_parquet_missing_column(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [1, 2, 3], "body": ["a", "b", "c"]}), src)
    out = tmp_path / "out.parquet"
    proc = run_cli(["batch", str(src), "-o", str(out), "-q"], check=False)
    # a column no row has would make an error row per record: the run stops before any work
    assert proc.returncode == 2
    assert b"no column 'text' (fields: body, id)" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]
