"""`newsclean batch` stops early and clearly on what would fail every record (real runs).

Exit status as documented in docs/cli.md: 0 done, 1 I/O failure (damaged input, unwritable
output, workers that cannot start), 2 bad usage/format/fields, 128+N stopped by signal N.
"""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import cli_env, doc_text, read_jsonl, run_cli, write_jsonl

pytestmark = pytest.mark.timeout(300)


def _rows(n: int, field: str = "text", seed: int = 4) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [{"id": i, field: doc_text(rng, 2), "lang": "en"} for i in range(n)]


def _error_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err, err
    lines = [x for x in err.splitlines() if x.startswith("newsclean: error:")]
    assert len(lines) == 1, err
    return lines[0]


def test_workers_that_cannot_start_stop_the_run(tmp_path: Path) -> None:
    """Every spawned worker dies at start (here: a sitecustomize that exits in them)."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(
        "import os, sys\nif '--multiprocessing-fork' in sys.argv:\n    os._exit(1)\n"
    )
    src = tmp_path / "in.jsonl"
    write_jsonl(src, _rows(2000))
    out = tmp_path / "out.jsonl"
    env = cli_env()
    env["PYTHONPATH"] = f"{tmp_path / 'site'}:{env['PYTHONPATH']}"
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean", "batch", str(src), "-o", str(out), "-j", "2"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "worker processes failed to start 3 times in a row" in _error_line(proc)
    assert time.monotonic() - started < 60
    assert not out.exists()
    assert out.with_name("out.jsonl.tmp").read_bytes() == b""  # not one worker_crash row
    # the same run in-process (-j 1) does not need workers and completes
    run_cli(["batch", str(src), "-o", str(out), "--fresh", "-q"])
    assert len(read_jsonl(out)) == 2000


@pytest.mark.parametrize("n", [3, 500])
def test_a_wrong_text_field_stops_the_run_and_lists_the_fields(tmp_path: Path, n: int) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, _rows(n, field="body"))
    out = tmp_path / "out.jsonl"
    proc = run_cli(["batch", str(src), "-o", str(out), "--chunk-size", "50"], check=False)
    assert proc.returncode == 2
    line = _error_line(proc)
    assert f"none of the first {min(n, 100)} records has the field 'text'" in line
    assert "(fields: body, id, lang)" in line and "--text-field" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]  # nothing left behind
    run_cli(["batch", str(src), "-o", str(out), "--text-field", "body", "-q"])
    assert all(r["error_type"] is None for r in read_jsonl(out))


def test_some_records_without_the_field_are_error_rows_not_a_failure(tmp_path: Path) -> None:
    rows = _rows(300)
    for r in rows[1:]:
        r["body"] = r.pop("text")  # only the first record has it
    src = tmp_path / "in.jsonl"
    write_jsonl(src, rows)
    out = tmp_path / "out.jsonl"
    run_cli(["batch", str(src), "-o", str(out), "-q"])
    got = read_jsonl(out)
    assert got[0]["error_type"] is None
    assert {r["error_type"] for r in got[1:]} == {"missing_field"}
    assert "(fields: body, id, lang)" in got[1]["error"]


def _gz_input(tmp_path: Path, n: int = 3000) -> tuple[Path, bytes]:
    data = b"".join(json.dumps(r).encode() + b"\n" for r in _rows(n))
    return tmp_path / "in.jsonl.gz", gzip.compress(data)


@pytest.mark.parametrize("damage", ["truncated", "trailing garbage", "corrupt"])
def test_a_damaged_gzip_input_fails_before_any_work(tmp_path: Path, damage: str) -> None:
    src, good = _gz_input(tmp_path)
    bad = {
        "truncated": good[: len(good) * 2 // 3],
        "trailing garbage": good + b"this is not gzip",
        "corrupt": good[:2000] + bytes(b ^ 0x5A for b in good[2000:2400]) + good[2400:],
    }[damage]
    src.write_bytes(bad)
    out = tmp_path / "out.jsonl"
    proc = run_cli(["batch", str(src), "-o", str(out), "-j", "2"], check=False)
    assert proc.returncode == 1
    assert f"the input {src} is damaged" in _error_line(proc)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl.gz"]
    # once the input is whole again, the same command with --resume just runs
    src.write_bytes(good)
    done = run_cli(["batch", str(src), "-o", str(out), "--resume", "-q"])
    assert b"starting from the beginning" in done.stderr
    assert [r["id"] for r in read_jsonl(out)] == list(range(3000))


def test_output_that_cannot_be_written_is_refused_before_any_work(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, _rows(5))
    (tmp_path / "adir.jsonl").mkdir()
    proc = run_cli(["batch", str(src), "-o", str(tmp_path / "adir.jsonl")], check=False)
    assert proc.returncode == 2
    assert "is a directory" in _error_line(proc)
    missing = tmp_path / "no" / "such" / "out.jsonl"
    proc = run_cli(["batch", str(src), "-o", str(missing)], check=False)
    assert proc.returncode == 1
    assert "does not exist" in _error_line(proc)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir.jsonl", "in.jsonl"]
    assert list((tmp_path / "adir.jsonl").iterdir()) == []


def test_exit_status_of_bad_usage_and_success(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, _rows(5))
    bad = run_cli(["batch", str(src), "-o", str(tmp_path / "out.csv")], check=False)
    assert bad.returncode == 2 and "format" in _error_line(bad)
    ok = run_cli(["batch", str(src), "-o", str(tmp_path / "out.jsonl")], check=False)
    assert ok.returncode == 0 and b"newsclean batch: 5 records" in ok.stderr


def test_an_unwritable_summary_json_does_not_fail_a_complete_run(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, _rows(5))
    out = tmp_path / "out.jsonl"
    bad = tmp_path / "missing-dir" / "s.json"
    proc = run_cli(["batch", str(src), "-o", str(out), "--summary-json", str(bad)], check=False)
    assert proc.returncode == 0
    err = proc.stderr.decode()
    assert f"newsclean: warning: cannot write --summary-json {bad}" in err
    assert "Traceback" not in err and len(read_jsonl(out)) == 5
