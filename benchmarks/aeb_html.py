"""clean_html against trafilatura on the article-extraction benchmark (AEB), one process.

usage: python benchmarks/aeb_html.py [--shared ../shared] [--limit N] [--json]

Reads ``../shared/data/aeb`` (never copied into the repository). For every page, in turn and
in the same process: ``trafilatura.extract(include_comments=False)``, the same with
``favor_precision=True``, and ``newsclean.clean_html``; all three get the raw bytes and the
URL. Prints F1/P/R (the benchmark's metric, ``benchmarks/metric.py``), pages per second, and
F1 on the non-English pages by language (language of the gold text, guessed by
``newsclean._html.meta.guess_language``, else the page's ``<html lang>``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.metric import Score, score  # noqa: E402


def _load(shared: Path, limit: int | None) -> list[tuple[str, bytes, str, str]]:
    aeb = shared / "data" / "aeb"
    gt = json.loads((aeb / "ground-truth.json").read_text("utf-8"))
    ids = sorted(gt)[:limit] if limit else sorted(gt)
    return [
        (
            k,
            gzip.decompress((aeb / "html" / f"{k}.html.gz").read_bytes()),
            gt[k]["url"],
            gt[k]["articleBody"],
        )
        for k in ids
    ]


def _fmt(s: Score) -> str:
    return f"F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)

    import trafilatura

    import newsclean
    from newsclean._html.meta import guess_language

    pages = _load(a.shared, a.limit)
    tools: dict[str, Callable[[bytes, str], str]] = {
        "trafilatura": lambda h, u: trafilatura.extract(h, url=u, include_comments=False) or "",
        "trafilatura_precision": lambda h, u: (
            trafilatura.extract(h, url=u, include_comments=False, favor_precision=True) or ""
        ),
        "clean_html": lambda h, u: newsclean.clean_html(h, u),
    }
    # warm up (imports, phrase packs) outside the timings
    for fn in tools.values():
        fn(pages[0][1], pages[0][2])
    outputs: dict[str, dict[str, str]] = defaultdict(dict)
    seconds: dict[str, float] = defaultdict(float)
    for k, html, url, _gold in pages:
        for name, fn in tools.items():
            t = time.perf_counter()
            outputs[name][k] = fn(html, url)
            seconds[name] += time.perf_counter() - t

    gold = {k: g for k, _h, _u, g in pages}
    lang: dict[str, str] = {}
    for k, html, url, g in pages:
        lang[k] = guess_language(g) or newsclean.analyze_html(html, url).meta.get("language", "?")

    result: dict[str, object] = {"pages": len(pages)}
    for name in tools:
        s = score((outputs[name][k], gold[k]) for k in gold)
        result[name] = {
            "f1": s.f1,
            "precision": s.precision,
            "recall": s.recall,
            "pages_per_s": len(pages) / seconds[name],
        }
    by_lang: dict[str, list[str]] = defaultdict(list)
    for k in gold:
        if lang[k] != "en":
            by_lang[lang[k]].append(k)
    non_en = [k for ks in by_lang.values() for k in ks]
    result["non_english"] = {
        name: {
            "all": score((outputs[name][k], gold[k]) for k in non_en).f1,
            **{
                lg: score((outputs[name][k], gold[k]) for k in ks).f1
                for lg, ks in sorted(by_lang.items())
            },
        }
        for name in tools
    }
    result["non_english_pages"] = {lg: len(ks) for lg, ks in sorted(by_lang.items())}
    result["time_ratio_clean_html_vs_trafilatura"] = seconds["clean_html"] / seconds["trafilatura"]

    if a.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{len(pages)} pages")
    for name in tools:
        s = score((outputs[name][k], gold[k]) for k in gold)
        print(f"{name:22} {_fmt(s)}  {len(pages) / seconds[name]:6.1f} pages/s")
    print(
        f"clean_html time / trafilatura time: {result['time_ratio_clean_html_vs_trafilatura']:.3f}"
    )
    print(
        f"non-English pages ({len(non_en)}): "
        + ", ".join(f"{lg} {len(ks)}" for lg, ks in sorted(by_lang.items()))
    )
    ne = result["non_english"]
    assert isinstance(ne, dict)
    for name in tools:
        row = ne[name]
        print(
            f"  {name:22} all {row['all']:.4f}  "
            + "  ".join(f"{lg} {v:.3f}" for lg, v in row.items() if lg != "all")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
