"""The recipes of docs/scale.md, read from the page itself so the tests run what users read."""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path
from typing import Any

from ..cli.conftest import ARTICLE, doc_text

DOC = Path(__file__).resolve().parents[2] / "docs" / "scale.md"


def recipe(title: str) -> str:
    """The first ```python block under the ``## title`` heading of docs/scale.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, f"no python block under '## {title}' in {DOC}"
    return match.group(1)


def write_pages(root: Path, n: int = 60) -> list[dict[str, Any]]:
    """``pages/`` as the recipes expect: JSONL files with a ``text`` field (one gzipped)."""
    rng = random.Random(5)
    rows: list[dict[str, Any]] = [{"id": i, "text": doc_text(rng)} for i in range(n)]
    rows[0]["text"] = ARTICLE
    (root / "pages").mkdir()
    half = n // 2
    for name, part in (("a.jsonl", rows[:half]), ("b.jsonl", rows[half:])):
        (root / "pages" / name).write_text("".join(json.dumps(r) + "\n" for r in part))
    return rows


def read_json_lines(paths: list[Path]) -> list[Any]:
    out: list[Any] = []
    for p in sorted(paths):
        data = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
        out += [json.loads(x) for x in data.splitlines() if x.strip()]
    return out
