"""SIGTERM, stdin, worker restarts and HTML timeouts in real `newsclean batch` runs."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import cli_env, doc_text, popen_cli, read_jsonl, run_cli, write_jsonl

pytestmark = pytest.mark.timeout(300)

N_DOCS = 6000


def _rows(n: int) -> list[dict[str, object]]:
    rng = random.Random(17)
    return [{"id": i, "text": doc_text(rng, 2)} for i in range(n)]


def _wait_for_output(tmp: Path, proc: subprocess.Popen[bytes], size: int = 200_000) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if tmp.exists() and tmp.stat().st_size >= size:
            return
        assert proc.poll() is None, proc.communicate()[1].decode()
        time.sleep(0.02)
    pytest.fail("no output appeared")


def test_sigterm_writes_a_final_checkpoint_and_resume_is_byte_identical(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, _rows(N_DOCS))
    ref = tmp_path / "ref.jsonl"
    run_cli(["batch", str(src), "-o", str(ref), "-q"])
    out = tmp_path / "out.jsonl"
    ckpt = tmp_path / "out.jsonl.checkpoint.json"
    # no periodic checkpoint during the run: only the final one can record progress
    args = ["batch", str(src), "-o", str(out), "--chunk-size", "50", "--checkpoint-every", "999"]
    proc = popen_cli([*args, "-q"], cwd=tmp_path)
    try:
        _wait_for_output(tmp_path / "out.jsonl.tmp", proc)
    finally:
        err = _terminate(proc)
    assert proc.returncode == 128 + signal.SIGTERM, err.decode()
    assert b"run the same command with --resume" in err
    done = json.loads(ckpt.read_text())["records"]
    assert 0 < done < N_DOCS
    resumed = run_cli([*args, "--resume"], cwd=tmp_path)
    assert f"(resumed at record {done})".encode() in resumed.stderr
    assert out.read_bytes() == ref.read_bytes()


def _terminate(proc: subprocess.Popen[bytes]) -> bytes:
    """SIGTERM the run and return its stderr; a run that does not stop is killed."""
    try:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        return proc.communicate(timeout=60)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_interrupted_stdin_does_not_suggest_resume(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsclean", "batch", "-", "-o", str(out), "--chunk-size", "20"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=cli_env(),
    )
    assert proc.stdin is not None
    try:
        proc.stdin.write(b"".join(json.dumps(r).encode() + b"\n" for r in _rows(2000)))
        proc.stdin.flush()  # stdin stays open: the run waits for more
        _wait_for_output(tmp_path / "out.jsonl.tmp", proc, size=1)
        time.sleep(1.0)
    finally:
        err = _terminate(proc)
    text = err.decode()
    assert proc.returncode == 128 + signal.SIGTERM, text
    assert "interrupted (signal 15)" in text and "stdin cannot be resumed" in text
    assert "--resume" not in text
    assert list(tmp_path.iterdir()) == []  # nothing that would block the next run
    # ... and the next run from stdin just works
    run_cli(["batch", "-", "-o", str(out), "-q"], input=b'{"id": 1, "text": "Fine text."}\n')
    assert len(read_jsonl(out)) == 1


CRASHY = '''
import os
from newsclean._batch import JsonlTask, streams

class CrashingTask(JsonlTask):
    """Kills its worker on a record that says CRASH (pickled by name: workers import this)."""

    def run(self, cleaner):
        if any(b"CRASH" in raw for _, raw in self.lines):
            os._exit(7)
        return super().run(cleaner)

def main():
    streams.JsonlTask = CrashingTask
    from newsclean._cli import main as cli_main
    raise SystemExit(cli_main())
'''


def test_worker_restarts_show_in_the_human_summary(tmp_path: Path) -> None:
    (tmp_path / "crashy.py").write_text(CRASHY)
    rows = _rows(60)
    rows[33]["text"] = "CRASH"
    src = tmp_path / "in.jsonl"
    write_jsonl(src, rows)
    out = tmp_path / "out.jsonl"
    env = cli_env()
    env["PYTHONPATH"] = f"{tmp_path}:{env['PYTHONPATH']}"
    summary = tmp_path / "s.json"
    cmd = ["batch", str(src), "-o", str(out), "-j", "2", "--chunk-size", "10"]
    cmd += ["--summary-json", str(summary)]
    proc = subprocess.run(
        [sys.executable, "-c", "import crashy; crashy.main()", *cmd],
        capture_output=True,
        env=env,
        timeout=240,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    restarts = json.loads(summary.read_text())["worker_restarts"]
    assert restarts >= 1  # the chunk's pool, then the pool its culprit broke when isolated
    assert f"worker restarts: {restarts} (a worker process died" in err
    got = read_jsonl(out)
    assert got[33]["error_type"] == "worker_crash"
    assert sum(r["error_type"] is not None for r in got) == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_html_page_past_its_time_limit_is_a_timeout_row(tmp_path: Path, jobs: str) -> None:
    body = "<p>The council approved the bridge after a long debate about its cost.</p>" * 5
    # Under the shape guard's tag limit (so trafilatura, not the streaming reader, reads it)
    # and about a second of the extractor's work: far past the 0.3 s limit.
    words = " ".join(f"word{i}" for i in range(60))
    tail = "".join(f"<p>x{i} {words}.</p>" for i in range(8_000))
    slow = f"<html><body><article>{body}</article>{tail}</body></html>"
    fine = f"<html><body><article>{body}</article></body></html>"
    src = tmp_path / "pages.jsonl"
    write_jsonl(src, [{"id": "fine", "html": fine}, {"id": "slow", "html": slow}])
    out = tmp_path / "out.jsonl"
    cmd = ["batch", str(src), "-o", str(out), "--html-field", "html", "--doc-timeout", "0.3"]
    run_cli([*cmd, "-j", jobs, "-q"])
    got = read_jsonl(out)
    assert got[0]["error_type"] is None and "council approved" in got[0]["text_clean"]
    assert got[1]["error_type"] == "timeout", got[1]["error"]
    assert got[1]["error"] == "line 2 (id 'slow'): took longer than 0.3 s"
