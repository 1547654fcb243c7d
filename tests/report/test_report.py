"""The report's data and page, without a browser: totals, sampling, escaping, the CLI."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

import newsclean
from newsclean._removal import Removal
from newsclean._report import (
    ReportCollector,
    ReportError,
    collect_file,
    embed_json,
    render_html,
)
from newsclean._report.segments import KEPT, MARK, doc_segments, fit_budget
from tests.cli.conftest import read_jsonl, run_cli, write_jsonl

from .data import HOSTILE_ID, SCRIPT, articles, hostile_row, make_batch


def _collect(rows: list[tuple[str, str]], **kw: int) -> ReportCollector:
    rc = ReportCollector(**kw)
    for i, (ident, text) in enumerate(rows):
        rc.add_article(i, ident, newsclean.analyze(text))
    return rc


def _texts() -> list[tuple[str, str]]:
    return [(r["id"], r["text"]) for r in articles(40) if isinstance(r["text"], str)]


def test_totals_cover_every_document() -> None:
    rows = _texts()
    data = _collect(rows, per_detector=1, per_reason=1, top=2).result()
    t = data["totals"]
    arts = [newsclean.analyze(text) for _, text in rows]
    assert t["documents"] == len(rows) and t["errors"] == 0
    assert t["removals"] == sum(len(a.removals) for a in arts)
    assert sum(d["removals"] for d in data["detectors"]) == t["removals"]
    assert sum(r["removals"] for r in data["reasons"]) == t["removals"]
    assert sum(data["histogram"]["counts"]) == len(rows)
    assert t["untouched"] == sum(1 for a in arts if not a.removals)
    assert t["bytes_out"] == sum(len(a.text.encode()) for a in arts)
    assert t["sampled"] == len(data["docs"]) < len(rows)


def test_sample_is_seeded_and_independent_of_row_order() -> None:
    rows = _texts()
    kw = {"per_detector": 2, "per_reason": 1, "top": 0}
    a = _collect(rows, seed=7, **kw).result()
    shuffled = rows[:]
    random.Random(1).shuffle(shuffled)
    b = _collect(shuffled, seed=7, **kw).result()
    c = _collect(rows, seed=8, **kw).result()
    assert sorted(d["id"] for d in a["docs"]) == sorted(d["id"] for d in b["docs"])
    assert sorted(d["id"] for d in a["docs"]) != sorted(d["id"] for d in c["docs"])
    for d in a["docs"]:
        assert d["why"]


def test_most_lost_come_first() -> None:
    data = _collect(_texts(), top=5).result()
    lost = [d["lost"] for d in data["docs"]]
    assert lost == sorted(lost, reverse=True)
    top = [data["docs"][i]["lost"] for i in data["most_lost"]]
    assert top == sorted(top, reverse=True) and top[0] == max(lost)


def test_segments_rebuild_the_document() -> None:
    text = "Headline\nShare this article\nBody one is here and long enough.\nAdvertisement"
    art = newsclean.analyze(text)
    rows = [
        Removal(r.start, r.end, r.detector, r.reason, r.confidence, r.text, r.line)
        for r in art.removals
    ]
    segs = doc_segments(text, art.text, rows, None)
    assert "".join(str(s[1]) for s in segs) == text
    removed = "".join(str(s[1]) for s in segs if isinstance(s[0], int) and s[0] >= 0)
    assert "Advertisement" in removed


def test_budget_shortens_kept_text_but_keeps_removals() -> None:
    body = "word " * 5000
    text = f"{body}\nAdvertisement\n{body}"
    start = text.index("Advertisement")
    rows = [Removal(start, start + 13, "ads", "advertisement.line", 1.0, "Advertisement", 1)]
    ((segs, context),) = fit_budget([(text, None, rows)], budget=3000)
    assert context is not None and context < 1500
    assert [0, "Advertisement"] in segs
    assert any(s[0] == MARK for s in segs)
    assert sum(len(str(s[1])) for s in segs if s[0] == KEPT) <= 2 * 2 * context


def test_rows_without_positions_are_listed() -> None:
    rc = ReportCollector()
    rc.add_removals(
        0,
        "h",
        None,
        "Kept body.",
        [{"start": 0, "end": 3, "detector": "d", "reason": "r.x", "confidence": 1, "text": "Ads"}],
    )
    doc = rc.result()["docs"][0]
    assert doc["in_place"] is False
    assert [0, "Ads"] in doc["segments"] and [KEPT, "Kept body."] in doc["segments"]


def test_embedded_json_cannot_close_the_script_element() -> None:
    s = embed_json({"t": "</script><script>alert(1)</script><!-- &amp; \u2028"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s)["t"].startswith("</script>")


def test_page_holds_no_document_markup(tmp_path: Path) -> None:
    rc = ReportCollector()
    row = hostile_row()
    rc.add_removals(0, row["id"], row["text"], row["text_clean"], row["removals"])
    page = render_html(rc.result({"title": "<script>alert('t')</script>"}))
    assert page.count("<script") == 2  # the data element and the page's own script
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert m is not None and "<" not in m.group(1) and "window.__pwned" in m.group(1)
    assert "window.__pwned" not in page.replace(m.group(1), "")  # document text: only in the JSON
    assert "&lt;script&gt;alert(&#x27;t&#x27;)" in page
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None and "default-src 'none'" in csp.group(1)
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page


def test_cli_report_from_batch_output(tmp_path: Path) -> None:
    out = make_batch(tmp_path)
    html = tmp_path / "r.html"
    js = tmp_path / "r.json"
    proc = run_cli(["report", str(out), "-o", str(html), "--report-json", str(js)])
    assert b"newsclean report:" in proc.stderr
    data = json.loads(js.read_text())
    assert data["format"] == "newsclean-report/1"
    assert data["totals"]["documents"] == len(read_jsonl(out))
    assert data["totals"]["errors"] == 1
    assert HOSTILE_ID in {d["id"] for d in data["docs"]}
    assert SCRIPT not in html.read_text()


def test_cli_batch_report_implies_removals(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, articles(12))
    out = tmp_path / "out.jsonl"
    html = tmp_path / "r.html"
    run_cli(["batch", str(src), "-o", str(out), "--no-progress", "-q", "--report", str(html)])
    assert all("removals" in r for r in read_jsonl(out))
    assert html.stat().st_size > 10_000
    assert "report-data" in html.read_text()


def test_cli_report_clean_on_the_fly(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [*articles(8), b"{not json\n"])
    js = tmp_path / "r.json"
    run_cli(
        [
            "report",
            str(src),
            "--clean",
            "-o",
            str(tmp_path / "r.html"),
            "--report-json",
            str(js),
            "-q",
        ]
    )
    data = json.loads(js.read_text())
    assert data["totals"]["documents"] == 10
    assert data["errors"]["types"] == {"bad_field_type": 1, "invalid_json": 1}


def test_report_needs_removals(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"id": 1, "text": "x", "text_clean": "x", "error_type": None}])
    with pytest.raises(ReportError, match="--removals"):
        collect_file(str(src), ReportCollector())
    proc = run_cli(["report", str(src), "-o", str(tmp_path / "r.html")], check=False)
    assert proc.returncode == 2 and b"--removals" in proc.stderr
