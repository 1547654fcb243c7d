"""The report as one self-contained HTML file: the page, its CSS and JS, and the data inline.

Everything taken from documents travels inside one ``<script type="application/json">``
element, with ``<``, ``>``, ``&`` and the line separators written as JSON ``\\u`` escapes, so
no document text can close the element or be parsed as markup. The page's script builds the
view from that data with ``textContent`` and DOM nodes only (never ``innerHTML`` of data), and
a Content-Security-Policy allows no network access and no script but the page's own (by
hash), so a payload that escaped anyway could not run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
from importlib import resources
from string import Template
from typing import Any

import orjson

__all__ = ["embed_json", "render_html", "write_json", "write_report"]

_ESCAPES = (
    (b"<", b"\\u003c"),
    (b">", b"\\u003e"),
    (b"&", b"\\u0026"),
    ("\u2028".encode(), b"\\u2028"),
    ("\u2029".encode(), b"\\u2029"),
)


def embed_json(data: Any) -> str:
    """``data`` as JSON safe to place inside a ``<script type="application/json">`` element."""
    raw = orjson.dumps(data)
    for a, b in _ESCAPES:
        raw = raw.replace(a, b)
    return raw.decode("utf-8")


def _asset(name: str) -> str:
    return resources.files("newsclean._report").joinpath("assets", name).read_text("utf-8")


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def render_html(data: dict[str, Any]) -> str:
    """The report page for ``data`` (the dict of :meth:`ReportCollector.result`)."""
    script = _asset("report.js")
    title = str(data.get("meta", {}).get("title") or "newsclean removal report")
    page = Template(_asset("report.html"))
    return page.substitute(
        title=html.escape(title),
        csp=html.escape(_csp(script), quote=False),
        css=_asset("report.css"),
        data=embed_json(data),
        script=script,
    )


def _write_atomic(path: str, payload: bytes) -> None:
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(payload)
    os.replace(tmp, path)


def write_report(path: str, data: dict[str, Any]) -> int:
    """Write the HTML report to ``path``; returns its size in bytes."""
    payload = render_html(data).encode("utf-8")
    _write_atomic(path, payload)
    return len(payload)


def write_json(path: str, data: dict[str, Any]) -> int:
    """Write the report data as JSON (``--report-json``); returns its size in bytes."""
    payload = orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    _write_atomic(path, payload)
    return len(payload)
