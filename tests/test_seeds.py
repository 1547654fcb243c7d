"""The two documents the project was born from: exact body, title and removals."""

from __future__ import annotations

import json

import pytest

import newsclean

from .conftest import shared_path

SEEDS = ("seed-000", "seed-002")


@pytest.mark.parametrize("name", SEEDS)
def test_seed_clean_equals_gold(name: str) -> None:
    src = shared_path("seeds", f"{name}.input.txt").read_text(encoding="utf-8")
    gold = shared_path("seeds", f"{name}.gold.txt").read_text(encoding="utf-8")
    assert newsclean.clean(src).rstrip("\n") == gold.rstrip("\n")


@pytest.mark.parametrize("name", SEEDS)
def test_seed_analyze_title_and_removals(name: str) -> None:
    src = shared_path("seeds", f"{name}.input.txt").read_text(encoding="utf-8")
    expected = json.loads(shared_path("seeds", "seeds.expected.json").read_text(encoding="utf-8"))[
        name
    ]
    art = newsclean.analyze(src)
    assert art.title == expected["title"]
    # The lifted headline is reported as Article.title; every other removal is noise.
    noise = [r for r in art.removals if r.kind != "title"]
    got = [(r.line, r.text, r.kind) for r in noise]
    want = [(e["line"], e["text"], e["kind"]) for e in expected["removed"]]
    assert got == want
    for e in expected["removed"]:
        if "source" in e:
            assert art.source == e["source"]
    lifted = [r for r in art.removals if r.kind == "title"]
    assert [r.text for r in lifted] == ([expected["title"]] if expected["title"] else [])
    assert newsclean.apply(src, art.removals) == art.text
