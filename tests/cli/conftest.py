"""Helpers for the CLI tests: run ``python -m newsclean`` for real, and make test data."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

# A small article of our own, with noise around it.
ARTICLE = (
    "Council Approves New Harbour Bridge\n"
    "Share this article\n"
    "The city council voted on Tuesday to approve the long-delayed harbour bridge, "
    "ending a decade of argument over its cost and route.\n"
    "Construction is expected to begin next spring and to take about three years, "
    "the mayor told reporters after the vote.\n"
    "Advertisement\n"
    "google news\n"
)
BODY_LINE = "The city council voted on Tuesday to approve the long-delayed harbour bridge"

_TEXT = (
    "the council said on monday that a new bridge would open in spring after years of "
    "delays and rising costs while residents and shop owners waited for the harbour road"
)
_WORDS = _TEXT.split()


def sentence(rng: random.Random, n: int = 18) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n)).capitalize() + "."


def doc_text(rng: random.Random, paragraphs: int = 3) -> str:
    body = "\n".join(sentence(rng) for _ in range(paragraphs))
    return f"{body}\nShare this article\nAdvertisement"


def big_text(size: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        p = " ".join(sentence(rng, 20) for _ in range(3))
        parts.append(p)
        total += len(p) + 1
    return "\n".join(parts) + "\nAdvertisement"


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any] | bytes]) -> None:
    with open(path, "wb") as fh:
        for r in rows:
            fh.write(r if isinstance(r, bytes) else json.dumps(r).encode() + b"\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener: Any = open
    if path.suffix == ".gz":
        import gzip

        opener = gzip.open
    with opener(path, "rb") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_cli(
    args: Sequence[str],
    *,
    input: bytes | None = None,
    cwd: Path | None = None,
    timeout: float = 240,
    check: bool = True,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m newsclean ARGS`` as a subprocess; fail with its stderr if it fails."""
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean", *args],
        input=input if input is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=cli_env(),
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        pytest.fail(
            f"newsclean {' '.join(args)} exited {proc.returncode}\n"
            f"stderr:\n{proc.stderr.decode(errors='replace')}"
        )
    return proc


def popen_cli(args: Sequence[str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsclean", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=cli_env(),
    )
