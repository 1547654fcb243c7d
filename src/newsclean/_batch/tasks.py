"""Work units: a chunk of records that a worker parses, cleans and serialises.

A task is plain picklable data. ``run(cleaner)`` does the work with the cleaner it is given
(the worker's, see :mod:`newsclean._batch.runner`); ``split``, ``crashed`` and ``merge`` let
the runner re-run a chunk whose worker died one record at a time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from .._removal import Article
from .cleaner import MISSING, Cleaner
from .options import ERROR_FIELD, ERROR_TYPE_FIELD, LINE_FIELD, BatchOptions
from .tally import Tally

__all__ = ["ColumnResult", "ColumnTask", "JsonlResult", "JsonlTask", "dumps", "where"]


def removal_dicts(article: Article | None) -> list[dict[str, Any]] | None:
    return [r.to_dict() for r in article.removals] if article is not None else None


def where(kind: str, n: int, ident: object) -> str:
    """How error messages name a record: ``line 3 (id 'a')``."""
    if isinstance(ident, (str, int)) and not isinstance(ident, bool):
        return f"{kind} {n} (id {ident!r})"
    return f"{kind} {n}"


def loads(raw: bytes) -> tuple[Any, bool, str | None]:
    """(value, had_invalid_utf8, error message or None)."""
    try:
        return orjson.loads(raw), False, None
    except orjson.JSONDecodeError as e:
        first_error = str(e)
    try:
        text = raw.decode("utf-8")
        bad_utf8 = False
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace")
        bad_utf8 = True
    try:
        return orjson.loads(text), bad_utf8, None
    except orjson.JSONDecodeError:
        pass
    try:  # the standard library takes what orjson refuses: NaN, huge ints, lone surrogates
        return json.loads(text), bad_utf8, None
    except (ValueError, RecursionError) as e:
        msg = str(e) if not bad_utf8 else f"{e} (the line also has invalid UTF-8)"
        return None, bad_utf8, msg or first_error


def _default(value: Any) -> Any:
    """JSON for what Parquet holds and JSON lacks: bytes as UTF-8 text, the rest as str."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def dumps(obj: Mapping[str, Any]) -> bytes:
    """One JSONL line (orjson; the standard library for what orjson refuses)."""
    try:
        return orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE, default=_default)
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(obj, ensure_ascii=True, default=_default).encode("ascii") + b"\n"


def error_line(o: BatchOptions, tally: Tally, line_no: int, etype: str, msg: str) -> bytes:
    """The row of a line that is not a JSON object (or whose worker died)."""
    message = f"line {line_no}: {msg}"
    tally.error(f"line {line_no}", etype, message)
    row: dict[str, Any] = {}
    if o.id_field:
        row[o.id_field] = None
    row[LINE_FIELD] = line_no
    row[o.output_field] = None
    if o.removals_field:
        row[o.removals_field] = None
    row[ERROR_TYPE_FIELD] = etype
    row[ERROR_FIELD] = message
    return dumps(row)


@dataclass
class JsonlResult:
    data: bytes
    tally: Tally


@dataclass
class JsonlTask:
    """Raw JSONL lines; the worker parses, cleans and serialises them."""

    lines: list[tuple[int, bytes]]
    end_line: int = 0
    end_offset: int = 0
    blank: int = 0

    def __len__(self) -> int:
        return len(self.lines)

    def run(self, cleaner: Cleaner) -> JsonlResult:
        tally = Tally()
        out = [self._one(cleaner, tally, n, raw) for n, raw in self.lines]
        return JsonlResult(b"".join(out), tally)

    @staticmethod
    def _one(c: Cleaner, tally: Tally, line_no: int, raw: bytes) -> bytes:
        o = c.options
        obj, bad_utf8, err = loads(raw)
        tally.invalid_utf8_lines += bad_utf8
        if err is not None:
            return error_line(o, tally, line_no, "invalid_json", err)
        if not isinstance(obj, dict):
            msg = f"a JSON {type(obj).__name__}, not an object"
            return error_line(o, tally, line_no, "not_an_object", msg)
        ident = obj.get(o.id_field) if o.id_field else None
        value = obj.get(o.input_field, MISSING)
        url = obj.get(o.url_field) if o.url_field else None
        here = where("line", line_no, ident)
        article, etype, msg_ = c.clean(value, url, here, tally, present=obj.keys())
        obj[o.output_field] = article.text if article is not None else None
        if o.removals_field:
            obj[o.removals_field] = removal_dicts(article)
        obj[ERROR_TYPE_FIELD] = etype
        obj[ERROR_FIELD] = msg_
        return dumps(obj)

    def split(self) -> list[JsonlTask]:
        return [type(self)([line]) for line in self.lines]

    def crashed(self, message: str, options: BatchOptions) -> JsonlResult:
        tally = Tally()
        out = [error_line(options, tally, n, "worker_crash", message) for n, _ in self.lines]
        return JsonlResult(b"".join(out), tally)

    def merge(self, results: list[JsonlResult]) -> JsonlResult:
        tally = Tally()
        for r in results:
            tally.add(r.tally)
        return JsonlResult(b"".join(r.data for r in results), tally)


@dataclass
class ColumnResult:
    clean: list[str | None]
    error_type: list[str | None]
    error: list[str | None]
    removals: list[list[dict[str, Any]] | None] | None
    tally: Tally


@dataclass
class ColumnTask:
    """One column of values (a Parquet record batch's text or HTML column)."""

    values: list[Any] | None  # None: the column does not exist
    first_row: int
    urls: list[Any] | None = None
    ids: list[Any] | None = None
    n: int = 0

    def __len__(self) -> int:
        return self.n

    def _where(self, i: int) -> str:
        return where("row", self.first_row + i + 1, self.ids[i] if self.ids else None)

    def run(self, cleaner: Cleaner) -> ColumnResult:
        tally = Tally()
        keep = cleaner.options.removals_field is not None
        out = ColumnResult([], [], [], [] if keep else None, tally)
        for i in range(self.n):
            value = self.values[i] if self.values is not None else MISSING
            url = self.urls[i] if self.urls is not None else None
            article, etype, msg = cleaner.clean(value, url, self._where(i), tally)
            out.clean.append(article.text if article is not None else None)
            out.error_type.append(etype)
            out.error.append(msg)
            if out.removals is not None:
                out.removals.append(removal_dicts(article))
        return out

    def _sub(self, i: int) -> ColumnTask:
        def one(xs: list[Any] | None) -> list[Any] | None:
            return None if xs is None else xs[i : i + 1]

        return ColumnTask(one(self.values), self.first_row + i, one(self.urls), one(self.ids), 1)

    def split(self) -> list[ColumnTask]:
        return [self._sub(i) for i in range(self.n)]

    def crashed(self, message: str, options: BatchOptions) -> ColumnResult:
        tally = Tally()
        msgs: list[str | None] = []
        for i in range(self.n):
            here = self._where(i)
            tally.error(here, "worker_crash", f"{here}: {message}")
            msgs.append(f"{here}: {message}")
        rem: list[Any] | None = [None] * self.n if options.removals_field else None
        return ColumnResult([None] * self.n, ["worker_crash"] * self.n, msgs, rem, tally)

    def merge(self, results: list[ColumnResult]) -> ColumnResult:
        tally = Tally()
        out = ColumnResult([], [], [], None, tally)
        for r in results:
            tally.add(r.tally)
            out.clean += r.clean
            out.error_type += r.error_type
            out.error += r.error
            if r.removals is not None:
                out.removals = (out.removals or []) + r.removals
        return out
