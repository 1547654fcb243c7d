"""Replay every input the fuzzer (scripts/fuzz.py) saved in tests/reliability/crashes/.

A file named ``text-*`` is a text-path input (UTF-8 with ``surrogatepass``), ``html-*`` the
raw bytes of an HTML-path input. Each is checked with the fuzzer's own invariants
(``check_text`` / ``check_html`` in scripts/fuzz.py), so a fixed bug stays fixed. Files for a
bug that is still open are listed in :data:`OPEN_BUGS` as strict xfails.

The bundled example article is always replayed too, so this module tests something real even
when the crash folder is empty.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import newsclean

REPO = Path(__file__).resolve().parents[2]
CRASH_DIR = Path(__file__).resolve().parent / "crashes"
EXAMPLE = Path(newsclean.__file__).resolve().parent / "examples" / "article.txt"

#: Crash files whose bug is not fixed yet: file name -> the bug. Strict: a fix must remove it.
OPEN_BUGS: dict[str, str] = {}


def _load_fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsclean_fuzz", REPO / "scripts" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("newsclean_fuzz", module)
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()


def crash_files() -> list[Path]:
    if not CRASH_DIR.is_dir():
        return []
    return sorted(p for p in CRASH_DIR.iterdir() if p.name.startswith(("text-", "html-")))


def _param(path: Path) -> object:
    marks = []
    if path.name in OPEN_BUGS:
        marks.append(pytest.mark.xfail(strict=True, reason=OPEN_BUGS[path.name]))
    return pytest.param(path, id=path.name, marks=marks)


def replay(path: Path) -> None:
    raw = path.read_bytes()
    if path.name.startswith("text-"):
        fuzz.check_text(fuzz.decode_text(raw))
    else:
        fuzz.check_html(raw)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("path", [_param(p) for p in crash_files()])
def test_crash_input_now_keeps_the_invariants(path: Path) -> None:
    replay(path)


def test_crash_folder_holds_only_replayable_inputs() -> None:
    names = [p.name for p in CRASH_DIR.iterdir()] if CRASH_DIR.is_dir() else []
    for name in names:
        assert name.startswith(("text-", "html-")), f"{name}: not a fuzzer input"
    if names:  # an emptied folder is fine; a stale OPEN_BUGS entry next to live files is not
        assert set(OPEN_BUGS) <= set(names), "OPEN_BUGS names a file that is not in crashes/"


@pytest.mark.timeout(120)
def test_example_article_replays_on_both_paths() -> None:
    text = EXAMPLE.read_text("utf-8")
    fuzz.check_text(text)
    art = newsclean.analyze(text)
    assert art.removals and art.text and len(art.text) < len(text)
    # The same article as a page, through the HTML path, in UTF-8 and as gzip.
    paragraphs = [ln for ln in text.splitlines() if ln.strip()]
    page = (
        f"<html><head><meta charset='utf-8'><title>{paragraphs[0]}</title></head><body>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</body></html>"
    ).encode()
    fuzz.check_html(page)
    fuzz.check_html(fuzz.encode_text(text))  # plain text given as a page
    art_html = newsclean.analyze_html(page)
    assert "The converted ferry" in art_html.text and "google news" not in art_html.text
    assert art_html.title is not None and "Floating Library" in art_html.title


def test_invariant_checks_catch_a_broken_invariant(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker is not vacuous: a clean() that is not idempotent is caught."""
    monkeypatch.setattr(newsclean, "clean", lambda text, **kw: text + "!")
    with pytest.raises(fuzz.InvariantError):
        fuzz.check_text("Some text.")
