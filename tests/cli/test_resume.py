"""A batch killed half-way (SIGTERM or SIGKILL) and then ``--resume``d writes exactly the rows
of an uninterrupted run: none lost, none duplicated."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from .conftest import doc_text, popen_cli, run_cli, write_jsonl

N_DOCS = 20_000

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("resume")
    rng = random.Random(42)
    rows = [{"id": i, "text": doc_text(rng, 2), "k": i % 13} for i in range(N_DOCS)]
    rows[1234] = {"id": 1234, "text": None, "k": 0}  # an error row among them
    src = d / "in.jsonl"
    write_jsonl(src, rows)
    out = {"jsonl": src}
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return out
    pq.write_table(pa.Table.from_pylist(rows), d / "in.parquet", row_group_size=3000)
    out["parquet"] = d / "in.parquet"
    return out


@pytest.fixture(scope="module")
def reference(inputs: dict[str, Path]) -> dict[str, Path]:
    """Uninterrupted runs, one per input format."""
    refs = {}
    for fmt, src in inputs.items():
        ref = src.parent / f"ref.{fmt}"
        run_cli(["batch", str(src), "-o", str(ref), "-j", "2", "-q"])
        refs[fmt] = ref
    return refs


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as fh:
            state = next(line for line in fh if line.startswith("State:"))
    except (OSError, StopIteration):
        return False
    return "Z" not in state.split()[1]


def _wait_for_checkpoint(ckpt: Path, proc: object, limit: float = 120) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            records = int(json.loads(ckpt.read_text())["records"])
        except (OSError, ValueError, KeyError):
            records = 0
        if records > 0:
            return records
        assert proc.poll() is None, "the run ended before its first checkpoint"  # type: ignore[attr-defined]
        time.sleep(0.05)
    pytest.fail("no checkpoint appeared")


def _rows(path: Path) -> list[bytes]:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as fh:
            return fh.read().splitlines()
    return path.read_bytes().splitlines()


CASES = [
    ("TERM", "jsonl", "jsonl", "2"),
    ("KILL", "jsonl", "jsonl", "1"),
    ("KILL", "jsonl", "jsonl.gz", "2"),
    ("TERM", "parquet", "parquet", "1"),
    ("KILL", "parquet", "parquet", "2"),
]


@pytest.mark.parametrize(("sig", "fmt", "suffix", "resume_jobs"), CASES)
def test_kill_then_resume(
    inputs: dict[str, Path],
    reference: dict[str, Path],
    tmp_path: Path,
    sig: str,
    fmt: str,
    suffix: str,
    resume_jobs: str,
) -> None:
    if fmt not in inputs:
        pytest.skip("pyarrow is not installed")
    src = inputs[fmt]
    out = tmp_path / f"out.{suffix}"
    ckpt = tmp_path / f"out.{suffix}.checkpoint.json"
    args = ["batch", str(src), "-o", str(out), "--chunk-size", "200", "--checkpoint-every", "0"]
    proc = popen_cli([*args, "-j", "2", "-q"], cwd=tmp_path)
    try:
        done = _wait_for_checkpoint(ckpt, proc)
        workers = _children(proc.pid)
        proc.send_signal(getattr(signal, f"SIG{sig}"))
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert 0 < done < N_DOCS
    if sig == "TERM":
        assert proc.returncode == 128 + signal.SIGTERM, err.decode()
        assert b"--resume" in err
    else:
        assert proc.returncode == -signal.SIGKILL
    assert not out.exists()  # only the temporary output and the checkpoint are left
    assert ckpt.exists()
    # the workers do not outlive their parent, even after SIGKILL
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), workers
    # without --resume the leftover run is not silently overwritten
    again = run_cli(args, check=False)
    assert again.returncode == 2 and b"--resume" in again.stderr

    resumed = run_cli(
        [*args, "-j", resume_jobs, "--resume", "--summary-json", "s.json"], cwd=tmp_path
    )
    assert b"resumed at record" in resumed.stderr
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["records"] == N_DOCS and summary["errors"] == 1
    assert summary["resumed_from_record"] >= done
    assert not ckpt.exists()
    ref = reference[fmt]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        got, want = pq.read_table(out), pq.read_table(ref)
        assert got.num_rows == N_DOCS
        assert got.equals(want)
    else:
        got_rows, want_rows = _rows(out), _rows(ref)
        assert len(got_rows) == N_DOCS
        assert got_rows == want_rows


def test_resume_after_finish_marker(inputs: dict[str, Path], tmp_path: Path) -> None:
    """A finished run leaves no checkpoint; --resume then just runs again from the start."""
    out = tmp_path / "o.jsonl"
    small = tmp_path / "small.jsonl"
    with open(inputs["jsonl"], "rb") as fh, open(small, "wb") as dst:
        for _ in range(300):
            dst.write(fh.readline())
    run_cli(["batch", str(small), "-o", str(out), "-q"])
    first = out.read_bytes()
    run_cli(["batch", str(small), "-o", str(out), "--resume", "-q"])
    assert out.read_bytes() == first
    assert sorted(os.listdir(tmp_path)) == ["o.jsonl", "small.jsonl"]
