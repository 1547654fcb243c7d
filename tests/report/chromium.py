"""Drive Debian's headless Chromium with the standard library only.

The report is opened from ``file://`` with ``--dump-dom``; a small harness injected into a copy
of the page records script errors, console errors and Content-Security-Policy violations, and
a self-test script (run after the report's own script) drives the filters and keys and writes
its findings as JSON into ``<pre id="selftest-result">``, which the dumped DOM carries back.
Chromium's own log (``--enable-logging=stderr``) is searched for console errors as well.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Runs first: collects what a browser console would show as errors.
HARNESS = """
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push("error: " + e.message); });
window.addEventListener("securitypolicyviolation", function (e) {
  window.__errors.push("csp: " + e.violatedDirective + " " + e.blockedURI);
});
(function () {
  var orig = console.error;
  console.error = function () {
    window.__errors.push("console.error: " + Array.prototype.join.call(arguments, " "));
    return orig.apply(console, arguments);
  };
})();
"""


def find_chromium() -> str | None:
    """The Chromium executable (``NEWSCLEAN_CHROMIUM`` overrides), or None."""
    env = os.environ.get("NEWSCLEAN_CHROMIUM")
    if env:
        return env if os.path.exists(env) else None
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def instrument(page: str, selftest: str) -> str:
    """``page`` with the harness first in <head>, ``selftest`` last in <body>, both allowed by
    the page's CSP (their hashes are added to ``script-src``; nothing else changes)."""
    csp = re.search(r"script-src ([^;\"]*)", page)
    assert csp is not None, "the report has no script-src policy"
    allowed = f"script-src {csp.group(1)} {_hash(HARNESS)} {_hash(selftest)}"
    page = page.replace(csp.group(0), allowed, 1)
    page = page.replace("<head>", f"<head>\n<script>{HARNESS}</script>", 1)
    tail = f'<pre id="selftest-result"></pre>\n<script>{selftest}</script>\n</body>'
    return page.replace("</body>", tail, 1)


def run(chromium: str, args: list[str], url: str, timeout: float = 90) -> tuple[str, str]:
    """(stdout, stderr) of one headless Chromium run on ``url``."""
    with tempfile.TemporaryDirectory(prefix="newsclean-chromium-") as profile:
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={profile}",
            *args,
            url,
        ]
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    return proc.stdout, proc.stderr


def console_errors(stderr: str) -> list[str]:
    """Lines of Chromium's log that report a page error (uncaught exception, CSP refusal)."""
    out = []
    for line in stderr.splitlines():
        if "CONSOLE" in line and ("Uncaught" in line or "Refused" in line or "Error" in line):
            out.append(line)
    return out


def selftest(chromium: str, report: Path, script: str, fragment: str = "") -> dict[str, Any]:
    """Open an instrumented copy of ``report`` and return the self-test's JSON result
    (plus ``console`` from Chromium's log)."""
    copy = report.with_name(report.stem + ".selftest.html")
    copy.write_text(instrument(report.read_text("utf-8"), script), "utf-8")
    dom, log = run(chromium, ["--dump-dom", "--virtual-time-budget=5000"], copy.as_uri() + fragment)
    m = re.search(r'<pre id="selftest-result">(.*?)</pre>', dom, re.S)
    assert m is not None and m.group(1).strip(), (
        f"no self-test result; chromium said:\n{log[-3000:]}"
    )
    result: dict[str, Any] = json.loads(html.unescape(m.group(1)))
    result["console"] = console_errors(log)
    return result
