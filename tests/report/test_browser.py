"""The report in a real browser: Debian's headless Chromium, driven with the standard library.

Skips (with the reason) when no Chromium is installed; ``.ci/run`` installs it when it can.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.cli.conftest import run_cli

from . import chromium
from .data import HOSTILE_ID, IMG, SCRIPT, SEARCH_WORD, make_batch

pytestmark = pytest.mark.timeout(300)

SELFTEST = """
(function () {
  var R = {};
  function q(s) { return document.querySelector(s); }
  function ids() {
    return Array.prototype.map.call(document.querySelectorAll("#doc-list li[data-i]"),
      function (li) { return li.getAttribute("title"); });
  }
  function fire(el, type) { el.dispatchEvent(new Event(type, { bubbles: true })); }
  function key(k) { document.body.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true })); }
  try {
    var D = JSON.parse(document.getElementById("report-data").textContent);
    R.ready = document.documentElement.getAttribute("data-ready");
    R.docs = D.docs.length;
    R.initial = ids().length;
    var view = q("#doc-view");
    R.selected = view.getAttribute("data-id");
    R.view_text = view.textContent;
    R.markup = {
      img: document.querySelectorAll("main img").length,
      script: document.querySelectorAll("main script").length,
      onerror: document.querySelectorAll("[onerror], [onmouseover]").length,
      del: view.querySelectorAll("del").length
    };
    R.titles = Array.prototype.map.call(view.querySelectorAll("del"), function (d) { return d.title; });
    R.pwned = window.__pwned === undefined ? null : window.__pwned;
    R.detectors = D.detectors.map(function (d, i) {
      q("#f-detector").value = String(i); fire(q("#f-detector"), "change");
      var want = D.docs.filter(function (x) { return x.removals.some(function (r) { return r[0] === i; }); }).length;
      return [d.name, ids().length, want];
    });
    q("#f-detector").value = ""; fire(q("#f-detector"), "change");
    R.reasons = D.reasons.map(function (r, i) {
      q("#f-reason").value = String(i); fire(q("#f-reason"), "change");
      var want = D.docs.filter(function (x) { return x.removals.some(function (y) { return y[1] === i; }); }).length;
      return [r.name, ids().length, want];
    });
    q("#f-reason").value = ""; fire(q("#f-reason"), "change");
    q("#f-lost").value = "20"; fire(q("#f-lost"), "input");
    R.lost20 = [ids().length, D.docs.filter(function (d) { return d.lost * 100 > 20; }).length];
    q("#f-lost").value = "0"; fire(q("#f-lost"), "input");
    q("#f-search").value = "SEARCH_WORD"; fire(q("#f-search"), "input");
    R.search = ids();
    R.count_text = q("#f-count").textContent;
    q("#f-search").value = ""; fire(q("#f-search"), "input");
    R.after_reset = ids().length;
    q("#doc-list li[data-i]").click();
    R.clicked_hash = decodeURIComponent(location.hash);
    var order = ids(), before = q("#doc-view").getAttribute("data-id");
    key("j");
    R.j = [before, q("#doc-view").getAttribute("data-id"), order[order.indexOf(before) + 1] || before];
    R.hash_after_j = decodeURIComponent(location.hash);
    key("k");
    R.k = q("#doc-view").getAttribute("data-id");
    key("h");
    R.hidden = q("#doc-view").classList.contains("hide-removed");
    key("/");
    R.search_focused = document.activeElement === q("#f-search");
    R.bars = document.querySelectorAll("#chart-detectors svg .bar").length;
    R.hist = document.querySelectorAll("#histogram svg .bar").length;
  } catch (e) { R.exception = String(e && e.stack || e); }
  R.errors = window.__errors;
  document.getElementById("selftest-result").textContent = JSON.stringify(R);
})();
""".replace("SEARCH_WORD", SEARCH_WORD)


@pytest.fixture(scope="module")
def browser() -> str:
    exe = chromium.find_chromium()
    if exe is None:
        pytest.skip(
            "Chromium not found (apt-get install chromium, or set NEWSCLEAN_CHROMIUM); "
            "the browser test of the HTML report is skipped"
        )
    return exe


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("browser")
    out = make_batch(tmp)
    html = tmp / "report.html"
    run_cli(
        ["report", str(out), "-o", str(html), "-q", "--per-detector", "50", "--per-reason", "50"]
    )
    return html


@pytest.fixture(scope="module")
def result(browser: str, report: Path) -> dict[str, Any]:
    return chromium.selftest(browser, report, SELFTEST, "#doc=" + quote(HOSTILE_ID, safe=""))


def test_renders_without_errors(result: dict[str, Any]) -> None:
    assert "exception" not in result, result.get("exception")
    assert result["ready"] == "1"
    assert result["errors"] == []
    assert result["console"] == []
    assert result["docs"] > 10
    assert result["initial"] == result["docs"]
    assert result["bars"] > 3 and result["hist"] == 20


def test_hostile_document_shows_as_text(result: dict[str, Any]) -> None:
    assert result["selected"] == HOSTILE_ID  # the permalink opened it
    assert result["pwned"] is None
    assert result["markup"]["img"] == 0
    assert result["markup"]["script"] == 0
    assert result["markup"]["onerror"] == 0
    assert result["markup"]["del"] == 2
    assert SCRIPT in result["view_text"]
    assert IMG in result["view_text"]
    assert "onerror=" in result["view_text"]
    assert HOSTILE_ID in result["view_text"]
    assert any("<script>window.__pwned=6</script>" in t for t in result["titles"])


def test_filters_change_what_is_shown(result: dict[str, Any]) -> None:
    assert result["detectors"] and all(got == want for _, got, want in result["detectors"])
    assert any(got < result["docs"] for _, got, _ in result["detectors"])
    assert result["reasons"] and all(got == want for _, got, want in result["reasons"])
    got, want = result["lost20"]
    assert got == want and 0 < got < result["docs"]
    assert result["search"] == ["doc-005"]
    assert result["count_text"].startswith("1 of ")
    assert result["after_reset"] == result["docs"]


def test_keyboard_and_permalinks(result: dict[str, Any]) -> None:
    before, after, expected = result["j"]
    assert result["clicked_hash"] == "#doc=" + before
    assert after == expected != before
    assert result["hash_after_j"] == "#doc=" + after
    assert result["k"] == before
    assert result["hidden"] is True
    assert result["search_focused"] is True


def test_screenshot(browser: str, report: Path, tmp_path: Path) -> None:
    png = tmp_path / "summary.png"
    chromium.run(browser, [f"--screenshot={png}", "--window-size=1280,900"], report.as_uri())
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
