"""Batches of our own text for the report tests, with a hostile document among them."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.cli.conftest import ARTICLE, read_jsonl, run_cli, sentence, write_jsonl

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
HOSTILE_ID = 'evil"><img src=x onerror=window.__pwned=4>&amp;'
SEARCH_WORD = "zebracrossingquux"

_NOISE = [
    "Share this article",
    "Advertisement",
    "google news",
    "Read more: The council's other decisions this week",
    "Sign up for our newsletter",
    "© 2024 Harbour Times. All rights reserved.",
    "Previous article",
]


def articles(n: int, seed: int = 3) -> list[dict[str, Any]]:
    """``n`` input records: prose with a varying amount of noise around it."""
    rng = random.Random(seed)
    rows = [{"id": "doc-article", "text": ARTICLE}]
    for i in range(1, n):
        body = [sentence(rng, rng.randint(12, 30)) for _ in range(rng.randint(1, 6))]
        if i == 5:
            body.append(f"The {SEARCH_WORD} was closed for repairs, the council said on Monday.")
        noise = rng.sample(_NOISE, rng.randint(0, 5)) if i != 5 else ["Advertisement"]
        lines = [*noise[: len(noise) // 2], *body, *noise[len(noise) // 2 :]]
        rows.append({"id": f"doc-{i:03d}", "text": "\n".join(lines)})
    rows.append({"id": "doc-bad", "text": None})  # an error row
    return rows


def hostile_row() -> dict[str, Any]:
    """A batch output row whose text, id, detector and reason all carry markup."""
    head = f"Read more: {IMG}\n"
    body = f"The page quoted {SCRIPT} and {IMG} in its body, which must read as text.\n"
    tail = "<b onmouseover=alert(1)>Subscribe</b>"
    text = head + body + tail
    removals = [
        {
            "start": 0,
            "end": len(head) - 1,
            "line": 0,
            "detector": '<img src=x onerror="window.__pwned=5">',
            "reason": "read_more.<script>window.__pwned=6</script>",
            "kind": "read_more",
            "confidence": 0.9,
            "text": head[:-1],
            "data": {},
        },
        {
            "start": len(head) + len(body),
            "end": len(text),
            "line": 2,
            "detector": "newsletter",
            "reason": "newsletter.phrase",
            "kind": "newsletter",
            "confidence": 0.5,
            "text": tail,
            "data": {},
        },
    ]
    return {
        "id": HOSTILE_ID,
        "text": text,
        "text_clean": body.strip(),
        "removals": removals,
        "error_type": None,
        "error": None,
    }


def make_batch(tmp: Path, n: int = 30) -> Path:
    """A real ``newsclean batch --removals`` output, plus the hostile row; returns its path."""
    src = tmp / "in.jsonl"
    out = tmp / "out.jsonl"
    write_jsonl(src, articles(n))
    run_cli(["batch", str(src), "-o", str(out), "--removals", "--no-progress", "-q"])
    rows = read_jsonl(out)
    rows.insert(3, hostile_row())
    write_jsonl(out, rows)
    return out
