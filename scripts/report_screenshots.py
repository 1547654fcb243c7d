"""Regenerate the screenshots of the removal report in docs/img/ (``make screenshots``).

The report is made from the repository's own texts (the bundled example article, the golden
inputs and variations of them), never from the evaluation data, and photographed with
Debian's headless Chromium: the summary at the top of the page, and one document's view.

    .venv/bin/python scripts/report_screenshots.py [--out docs/img] [--chromium PATH]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import newsclean
from newsclean._report import ReportCollector, render_html

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_ID = "harbour-library"
NOISE = [
    "Share this article",
    "Advertisement",
    "google news",
    "Sign up for our newsletter",
    "Read more: Council approves new cycle lanes on Quay Road",
    "© 2024 Harbour Town Gazette. All rights reserved.",
    "Previous articleWeekend Weather: Sunshine Expected After Stormy Week",
    "Photo: Harbour Town Gazette",
]
# Headless Chromium photographs the top of the page, not a scrolled position: the document
# shot hides everything above the documents and lists the example first (so it is selected
# without a #doc= permalink, which would scroll).
DOC_VIEW_CSS = "<style>header.top, #summary, #rules, #loss { display: none; }</style></head>"


def documents() -> list[tuple[str, str]]:
    example = (REPO / "src/newsclean/examples/article.txt").read_text("utf-8")
    docs = [(EXAMPLE_ID, example)]
    for p in sorted((REPO / "tests/golden").glob("*/*/input.txt")):
        docs.append((f"golden-{p.parent.parent.name}-{p.parent.name}", p.read_text("utf-8")))
    paragraphs = [p for p in example.split("\n\n") if len(p) > 120]
    rng = random.Random(11)
    for i in range(60):
        body = rng.sample(paragraphs, rng.randint(1, len(paragraphs)))
        noise = rng.sample(NOISE, rng.randint(0, 5))
        cut = rng.randint(0, len(noise))
        docs.append((f"variant-{i:02d}", "\n\n".join([*noise[:cut], *body, *noise[cut:]])))
    return docs


def _example_first(data: dict[str, Any]) -> dict[str, Any]:
    docs = data["docs"]
    at = next(i for i, d in enumerate(docs) if d["id"] == EXAMPLE_ID)
    order = [at, *(i for i in range(len(docs)) if i != at)]
    pos = {old: new for new, old in enumerate(order)}
    return {
        **data,
        "docs": [docs[i] for i in order],
        "most_lost": [pos[i] for i in data["most_lost"]],
    }


def shoot(chromium: str, page: Path, png: Path, size: str) -> None:
    with tempfile.TemporaryDirectory(prefix="newsclean-shot-") as profile:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={size}",
                f"--screenshot={png}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
    print(f"wrote {png}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(REPO / "docs/img"))
    ap.add_argument("--chromium", default=shutil.which("chromium") or "")
    args = ap.parse_args()
    if not args.chromium:
        print("report_screenshots: no chromium (apt-get install chromium)", file=sys.stderr)
        return 1
    rc = ReportCollector(seed=0, per_detector=4, per_reason=2, top=10)
    for i, (ident, text) in enumerate(documents()):
        rc.add_article(i, ident, newsclean.analyze(text))
    data = rc.result({"title": "newsclean removal report: demo batch", "input": "demo.jsonl"})
    data["meta"]["generated"] = ""  # stable screenshots
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsclean-report-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(render_html(data), "utf-8")
        doc_page = Path(tmp) / "document.html"
        doc_page.write_text(render_html(_example_first(data)).replace("</head>", DOC_VIEW_CSS, 1))
        shoot(args.chromium, page, out / "report-summary.png", "1280,1500")
        shoot(args.chromium, doc_page, out / "report-document.png", "1280,900")
    return 0


if __name__ == "__main__":
    sys.exit(main())
