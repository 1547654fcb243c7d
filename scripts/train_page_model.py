"""Train the whole-page line scorer and write ``src/newsclean/_page/model.json``.

    python scripts/train_page_model.py [--shared ../shared]      (or: make page-model)

Also writes ``gate.json``, the page gate (``benchmarks/page_gate.py``).

What it trains on and how: see ``benchmarks/page_training.py`` and ``docs/whole-page.md``.
Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from benchmarks.data import resolve_shared  # noqa: E402
from benchmarks.page_gate import gate_rows, train_gate  # noqa: E402
from benchmarks.page_training import fold_models, load, train  # noqa: E402

OUT = ROOT / "src" / "newsclean" / "_page" / "model.json"
GATE_OUT = OUT.with_name("gate.json")
#: Digits kept per weight: enough for identical verdicts, few enough for a readable diff.
DIGITS = 6


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train the whole-page line scorer.")
    ap.add_argument("--shared", default=None, help="the shared/ directory (default: ../shared)")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--gate-out", default=str(GATE_OUT))
    args = ap.parse_args(argv)
    pages = load(resolve_shared(args.shared))
    model = {k: [round(x, DIGITS) for x in v] for k, v in train(pages).items()}
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} from {len(pages)} pages")
    # The gate learns from cross-validated line scores (benchmarks/page_gate.py).
    gate = train_gate(*gate_rows(pages, fold_models(pages)))
    gate["weights"] = [round(x, DIGITS) for x in gate["weights"]]
    Path(args.gate_out).write_text(json.dumps(gate, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.gate_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
