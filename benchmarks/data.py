"""Loading the shared evaluation data, which lives beside the repository and never inside it."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ENV_VAR",
    "HtmlPage",
    "TextPair",
    "data_dir",
    "default_shared",
    "load_ground_truth",
    "load_html_pages",
    "load_text_pairs",
    "resolve_shared",
]

#: Environment variable overriding where ``shared/`` is.
ENV_VAR = "NEWSCLEAN_SHARED"
TEXT_PAIR_FILES = ("text_pairs.jsonl", "text_pairs_more.jsonl")


def default_shared() -> Path:
    """``<repo>/../shared``: the layout every checkout of this project has."""
    return Path(__file__).resolve().parent.parent.parent / "shared"


def resolve_shared(flag: str | os.PathLike[str] | None = None) -> Path:
    """The shared directory from the flag, else the environment, else the default."""
    if flag:
        return Path(flag)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_shared()


def data_dir(shared: Path) -> Path:
    """Accept either ``shared/`` or ``shared/data/`` itself."""
    return shared if (shared / "text_pairs.jsonl").exists() else shared / "data"


@dataclass(frozen=True)
class TextPair:
    """One extractor output beside the gold body of the same page."""

    id: str
    url: str
    tool: str
    noisy: str
    gold: str
    tool_version: str = ""


def load_text_pairs(data: Path, name: str) -> list[TextPair]:
    """Rows of one ``text_pairs*.jsonl`` file (a ``null`` output is read as empty text)."""
    rows: list[TextPair] = []
    with (data / name).open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            rows.append(
                TextPair(
                    id=r["id"],
                    url=r.get("url", ""),
                    tool=r["tool"],
                    noisy=r.get("noisy") or "",
                    gold=r.get("gold") or "",
                    tool_version=str(r.get("tool_version") or ""),
                )
            )
    return rows


def load_ground_truth(data: Path) -> dict[str, dict[str, str]]:
    """``{id: {"articleBody": ..., "url": ...}}`` of the AEB pages."""
    with (data / "aeb" / "ground-truth.json").open(encoding="utf-8") as f:
        gt: dict[str, dict[str, str]] = json.load(f)
    return gt


@dataclass(frozen=True)
class HtmlPage:
    """One AEB page: raw HTML (decoded as UTF-8, as the benchmark does) and its gold body."""

    id: str
    url: str
    html: str
    gold: str


def load_html_pages(data: Path, limit: int | None = None) -> Iterator[HtmlPage]:
    """The AEB pages in id order, so that ``--quick N`` always picks the same ones."""
    gt = load_ground_truth(data)
    for n, pid in enumerate(sorted(gt)):
        if limit is not None and n >= limit:
            return
        raw = gzip.decompress((data / "aeb" / "html" / f"{pid}.html.gz").read_bytes())
        yield HtmlPage(
            id=pid,
            url=gt[pid].get("url", ""),
            html=raw.decode("utf-8", errors="replace"),
            gold=gt[pid].get("articleBody", ""),
        )
