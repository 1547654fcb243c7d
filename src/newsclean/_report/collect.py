"""Streaming aggregation and seeded sampling of removals, for the curator report.

:class:`ReportCollector` sees every document once (a batch output row, or an
:class:`~newsclean.Article` cleaned on the fly) and keeps, in bounded memory:

* **totals over everything**: documents, errors, bytes and characters in and out, removals
  and removed characters per detector and per reason, and the histogram of the share of each
  document that was removed;
* **a fixed, seeded sample**: for every detector and every reason, the ``per_detector`` /
  ``per_reason`` documents with the smallest ``hash(seed, document id)`` among those it fired
  on. The choice depends on the seed and the ids only, not on the order of the rows or the
  number of workers, so the same batch gives the same sample;
* **the documents that lost most** (``top`` of them, by share removed): where false deletions
  hide.

:meth:`ReportCollector.result` turns this into the report's data (a JSON-able dict, the
``--report-json`` file); :mod:`newsclean._report.render` embeds it in the HTML page.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._batch.tally import nbytes
from .._removal import Article, Removal
from .segments import fit_budget, merged_length

__all__ = ["FORMAT", "HIST_BINS", "ReportCollector"]

FORMAT = "newsclean-report/1"
#: The histogram of "share of the document removed" has this many equal bins over [0, 1].
HIST_BINS = 20
_MAX_ERROR_EXAMPLES = 20


def _priority(seed: int, key: str) -> int:
    digest = hashlib.blake2b(f"{seed}\0{key}".encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


@dataclass
class _Doc:
    """What the report keeps of a document that may end up in the sample."""

    index: int
    ident: str
    chars: int
    removed: int
    share: float
    source: str | None
    clean: str | None
    removals: list[Removal]


@dataclass
class _Count:
    removals: int = 0
    chars: int = 0
    docs: int = 0
    detectors: dict[str, int] = field(default_factory=dict)


class ReportCollector:
    """Feed documents with :meth:`add_removals` / :meth:`add_article` / :meth:`add_error`."""

    def __init__(
        self,
        *,
        seed: int = 0,
        per_detector: int = 6,
        per_reason: int = 3,
        top: int = 40,
        budget_bytes: int = 3_500_000,
    ) -> None:
        self.seed = seed
        self.per_detector = per_detector
        self.per_reason = per_reason
        self.top = top
        self.budget_bytes = budget_bytes
        self.documents = 0
        self.ok = 0
        self.errors = 0
        self.error_types: dict[str, int] = {}
        self.error_examples: list[dict[str, Any]] = []
        self.bytes_in = 0
        self.bytes_out = 0
        self.chars_in = 0
        self.chars_removed = 0
        self.removals = 0
        self.untouched = 0
        self.hist = [0] * HIST_BINS
        self.in_place = 0
        self.by_detector: dict[str, _Count] = {}
        self.by_reason: dict[str, _Count] = {}
        # Samples: key -> max-heap (negated priority) of (−priority, doc index).
        self._samples: dict[str, list[tuple[int, int]]] = {}
        self._top: list[tuple[float, int, int]] = []  # min-heap (share, removed, −index)
        self._docs: dict[int, _Doc] = {}

    # -- input -----------------------------------------------------------------------------

    def add_error(self, index: int, ident: object, error_type: str, error: str | None) -> None:
        """A row that could not be cleaned (an error row of a batch)."""
        self.documents += 1
        self.errors += 1
        self.error_types[error_type] = self.error_types.get(error_type, 0) + 1
        if len(self.error_examples) < _MAX_ERROR_EXAMPLES:
            self.error_examples.append(
                {"id": _ident(ident, index), "error_type": error_type, "error": error or ""}
            )

    def add_article(self, index: int, ident: object, article: Article) -> None:
        """A document cleaned on the fly."""
        rows = list(article.removals)
        self._add(index, ident, article.source_text, article.text, rows)

    def add_removals(
        self,
        index: int,
        ident: object,
        source: str | None,
        clean: str | None,
        removals: Sequence[Mapping[str, Any]],
    ) -> None:
        """A batch output row: its input text (or None: HTML input), output and removal dicts."""
        rows = [_row(d) for d in removals if isinstance(d, Mapping)]
        self._add(index, ident, source, clean, rows)

    def _add(
        self,
        index: int,
        ident: object,
        source: str | None,
        clean: str | None,
        rows: list[Removal],
    ) -> None:
        self.documents += 1
        self.ok += 1
        key = _ident(ident, index)
        source, chars, removed = self._measure(source, clean or "", rows)
        share = min(1.0, removed / chars) if chars else 0.0
        if not rows:
            self.untouched += 1
        self.hist[min(int(share * HIST_BINS), HIST_BINS - 1)] += 1
        keys = self._count_rules(rows, in_place=source is not None)
        wanted = self._offer(keys, key, index) | self._offer_top(rows, share, removed, index)
        if wanted:
            self._docs[index] = _Doc(index, key, chars, removed, share, source, clean, rows)
            if len(self._docs) > 4 * self._capacity():
                self._prune()

    def _measure(
        self, source: str | None, clean_text: str, rows: list[Removal]
    ) -> tuple[str | None, int, int]:
        """Add a document's sizes to the totals: its source (None when the rows' positions
        cannot be trusted), its characters and the characters removed."""
        self.bytes_out += nbytes(clean_text)
        self.removals += len(rows)
        if source is not None and all(source[r.start : r.end] == r.text for r in rows):
            chars = len(source)
            removed = merged_length((r.start, r.end) for r in rows)
            self.bytes_in += nbytes(source)
            self.in_place += 1
        else:  # positions unknown (HTML input, or a row edited since): judge by the texts
            source = None
            removed = sum(len(r.text) for r in rows)
            chars = len(clean_text) + removed
            self.bytes_in += nbytes(clean_text) + sum(nbytes(r.text) for r in rows)
        self.chars_in += chars
        self.chars_removed += removed
        return source, chars, removed

    def _count_rules(self, rows: list[Removal], in_place: bool) -> list[str]:
        """Count the rows per detector and per reason; the sample keys they touch."""
        seen_det: set[str] = set()
        seen_reason: set[str] = set()
        for r in rows:
            n = r.end - r.start if in_place else len(r.text)
            for table, name, seen in (
                (self.by_detector, r.detector, seen_det),
                (self.by_reason, r.reason, seen_reason),
            ):
                c = table.get(name)
                if c is None:
                    c = table[name] = _Count()
                c.removals += 1
                c.chars += n
                if name not in seen:
                    seen.add(name)
                    c.docs += 1
            rc = self.by_reason[r.reason].detectors
            rc[r.detector] = rc.get(r.detector, 0) + 1
        return [f"d:{d}" for d in seen_det] + [f"r:{r}" for r in seen_reason]

    def _offer(self, keys: list[str], key: str, index: int) -> bool:
        """Offer the document to the seeded sample of each key; True if one takes it."""
        wanted = False
        if keys:
            prio = -_priority(self.seed, key)
            for k in keys:
                cap = self.per_detector if k[0] == "d" else self.per_reason
                heap = self._samples.setdefault(k, [])
                if len(heap) < cap:
                    heapq.heappush(heap, (prio, index))
                    wanted = True
                elif prio > heap[0][0]:
                    heapq.heapreplace(heap, (prio, index))
                    wanted = True
        return wanted

    def _offer_top(self, rows: list[Removal], share: float, removed: int, index: int) -> bool:
        """Offer the document to the most-lost list; True if it takes it."""
        if not rows or self.top <= 0:
            return False
        entry = (share, removed, -index)
        if len(self._top) < self.top:
            heapq.heappush(self._top, entry)
            return True
        if entry > self._top[0]:
            heapq.heapreplace(self._top, entry)
            return True
        return False

    # -- bookkeeping -------------------------------------------------------------------------

    def _capacity(self) -> int:
        return sum(len(h) for h in self._samples.values()) + self.top + 64

    def _held(self) -> dict[int, list[str]]:
        """Doc index -> why it is in the report (``top``, ``detector:X``, ``reason:Y``)."""
        why: dict[int, list[str]] = {}
        for _, _, neg in self._top:
            why.setdefault(-neg, []).append("top")
        for k in sorted(self._samples):
            label = ("detector:" if k[0] == "d" else "reason:") + k[2:]
            for _, i in self._samples[k]:
                why.setdefault(i, []).append(label)
        return why

    def _prune(self) -> None:
        held = self._held()
        self._docs = {i: d for i, d in self._docs.items() if i in held}

    # -- output ------------------------------------------------------------------------------

    def result(self, meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The report data: totals, per-rule tables, histogram, most-lost list and the sample."""
        held = self._held()
        docs = sorted((self._docs[i] for i in held), key=lambda d: (-d.share, -d.removed, d.index))
        detectors = _table(self.by_detector, with_detectors=False)
        reasons = _table(self.by_reason, with_detectors=True)
        det_ix = {d["name"]: i for i, d in enumerate(detectors)}
        reason_ix = {r["name"]: i for i, r in enumerate(reasons)}
        for r in reasons:
            r["detectors"] = [det_ix[d] for d in r["detectors"]]
        bodies = fit_budget([(d.source, d.clean, d.removals) for d in docs], self.budget_bytes)
        out_docs = [
            _doc_entry(d, held[d.index], segments, context, det_ix, reason_ix)
            for d, (segments, context) in zip(docs, bodies, strict=True)
        ]
        order = sorted(self._top, reverse=True)
        doc_pos = {d.index: i for i, d in enumerate(docs)}
        return {
            "format": FORMAT,
            "meta": {
                **(dict(meta) if meta else {}),
                "seed": self.seed,
                "per_detector": self.per_detector,
                "per_reason": self.per_reason,
                "top": self.top,
            },
            "totals": {**self._totals(), "sampled": len(out_docs)},
            "errors": {"types": dict(self.error_types), "examples": self.error_examples},
            "detectors": detectors,
            "reasons": reasons,
            "histogram": {"bins": HIST_BINS, "counts": list(self.hist)},
            "most_lost": [doc_pos[-neg] for _, _, neg in order],
            "docs": out_docs,
        }

    def _totals(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "cleaned": self.ok,
            "errors": self.errors,
            "untouched": self.untouched,
            "in_place": self.in_place,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "chars_in": self.chars_in,
            "chars_removed": self.chars_removed,
            "share_removed": round(self.chars_removed / self.chars_in, 5) if self.chars_in else 0.0,
            "removals": self.removals,
        }


def _doc_entry(
    d: _Doc,
    why: list[str],
    segments: list[Any],
    context: int | None,
    det_ix: Mapping[str, int],
    reason_ix: Mapping[str, int],
) -> dict[str, Any]:
    """One sampled document as the report stores it (rules by their table positions)."""
    return {
        "id": d.ident,
        "row": d.index,
        "chars": d.chars,
        "removed": d.removed,
        "lost": round(d.share, 5),
        "in_place": d.source is not None,
        "why": why,
        "context": context,
        "removals": [
            [
                det_ix[r.detector],
                reason_ix[r.reason],
                round(r.confidence, 3),
                r.start,
                r.end,
                r.line,
            ]
            for r in d.removals
        ],
        "segments": segments,
    }


def _ident(ident: object, index: int) -> str:
    if isinstance(ident, bool) or ident is None:
        return f"#{index}"
    if isinstance(ident, (str, int, float)):
        return str(ident)
    return f"#{index}"


def _row(d: Mapping[str, Any]) -> Removal:
    def num(key: str, default: int) -> int:
        v = d.get(key, default)
        return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else default

    conf = d.get("confidence", 0.0)
    text = d.get("text")
    return Removal(
        num("start", 0),
        num("end", 0),
        str(d.get("detector", "?")),
        str(d.get("reason", "?")),
        float(conf) if isinstance(conf, (int, float)) else 0.0,
        text if isinstance(text, str) else "",
        num("line", -1),
    )


def _table(counts: Mapping[str, _Count], *, with_detectors: bool) -> list[dict[str, Any]]:
    rows: Iterable[tuple[str, _Count]] = sorted(
        counts.items(), key=lambda kv: (-kv[1].removals, kv[0])
    )
    out: list[dict[str, Any]] = []
    for name, c in rows:
        row: dict[str, Any] = {"name": name, "removals": c.removals, "chars": c.chars}
        row["docs"] = c.docs
        if with_detectors:
            row["detectors"] = sorted(c.detectors, key=lambda k: (-c.detectors[k], k))
        out.append(row)
    return out
