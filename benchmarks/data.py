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
    "WCXB",
    "HtmlPage",
    "TextPair",
    "WcxbPage",
    "WcxbPair",
    "data_dir",
    "default_shared",
    "load_ground_truth",
    "load_html_pages",
    "load_text_pairs",
    "load_wcxb_pages",
    "load_wcxb_pairs",
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


#: Where the WCXB development split lives under ``data/`` (see ``shared/data/README.md``).
WCXB = "wcxb"


@dataclass(frozen=True)
class WcxbPair:
    """One WCXB page as an extractor rendered it (``wcxb/text_pairs.jsonl.gz``), with its gold."""

    id: str
    url: str
    page_type: str
    split: str
    tool: str
    noisy: str
    gold: str
    tool_version: str = ""


def _limited(keys: list[tuple[str, ...]], limit: int | None) -> list[bool]:
    """Keep-flags that let at most ``limit`` items of each key through (all if ``None``)."""
    seen: dict[tuple[str, ...], int] = {}
    keep = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        keep.append(limit is None or seen[k] <= limit)
    return keep


def load_wcxb_pairs(data: Path, limit: int | None = None) -> list[WcxbPair]:
    """The WCXB text rows in id order; ``limit`` keeps the first N of each (tool, split, type)."""
    rows: list[WcxbPair] = []
    with gzip.open(data / WCXB / "text_pairs.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            rows.append(
                WcxbPair(
                    id=r["id"],
                    url=r.get("url", ""),
                    page_type=r["page_type"],
                    split=r["split"],
                    tool=r["tool"],
                    noisy=r.get("noisy") or "",
                    gold=r.get("gold") or "",
                    tool_version=str(r.get("tool_version") or ""),
                )
            )
    rows.sort(key=lambda r: (r.id, r.tool))
    keep = _limited([(r.tool, r.split, r.page_type) for r in rows], limit)
    return [r for r, k in zip(rows, keep, strict=True) if k]


@dataclass(frozen=True)
class WcxbPage:
    """One WCXB article page: raw HTML (UTF-8, as every page of the split is) and its gold."""

    id: str
    url: str
    split: str
    html: str
    gold: str


def load_wcxb_pages(data: Path, limit: int | None = None) -> Iterator[WcxbPage]:
    """The WCXB article pages in id order; ``limit`` keeps the first N of each split."""
    with gzip.open(data / WCXB / "ground-truth.jsonl.gz", "rt", encoding="utf-8") as f:
        gt = sorted((json.loads(x) for x in f if x.strip()), key=lambda r: str(r["id"]))
    keep = _limited([(str(r["split"]),) for r in gt], limit)
    for r, k in zip(gt, keep, strict=True):
        if not k:
            continue
        raw = gzip.decompress((data / WCXB / "html" / f"{r['id']}.html.gz").read_bytes())
        yield WcxbPage(
            id=str(r["id"]),
            url=r.get("url") or "",
            split=str(r["split"]),
            html=raw.decode("utf-8", errors="replace"),
            gold=r.get("main_content") or "",
        )
