"""`newsclean clean`, `detectors` and `config`, run as real subprocesses."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsclean._cli import looks_like_html

from .conftest import ARTICLE, BODY_LINE, run_cli

pytestmark = pytest.mark.timeout(120)

PAGE = (
    "<!DOCTYPE html><html><head><title>Council Approves New Harbour Bridge</title></head>"
    "<body><article><h1>Council Approves New Harbour Bridge</h1>"
    "<p>The city council voted on Tuesday to approve the long-delayed harbour bridge, "
    "ending a decade of argument over its cost and route.</p>"
    "<p>Construction is expected to begin next spring and to take about three years, "
    "the mayor told reporters after the vote.</p><p>Advertisement</p></article></body></html>"
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_clean_text_file(article_file: Path) -> None:
    out = run_cli(["clean", str(article_file)]).stdout.decode()
    assert BODY_LINE in out
    assert "Advertisement" not in out
    assert "google news" not in out
    assert "Share this article" not in out
    assert out.endswith("\n")


def test_clean_stdin_matches_file(article_file: Path) -> None:
    from_file = run_cli(["clean", str(article_file)]).stdout
    assert run_cli(["clean"], input=ARTICLE.encode()).stdout == from_file
    assert run_cli(["clean", "-"], input=ARTICLE.encode()).stdout == from_file


def test_clean_json(article_file: Path) -> None:
    data = json.loads(run_cli(["clean", str(article_file), "--json"]).stdout)
    assert set(data) >= {"text", "title", "source", "meta", "removals"}
    assert BODY_LINE in data["text"]
    assert data["title"] == "Council Approves New Harbour Bridge"
    reasons = {r["reason"] for r in data["removals"]}
    assert "advertisement.line" in reasons
    for r in data["removals"]:
        assert ARTICLE[r["start"] : r["end"]] == r["text"]


def test_clean_explain_goes_to_stderr(article_file: Path) -> None:
    proc = run_cli(["clean", str(article_file), "--explain"])
    assert "Advertisement" not in proc.stdout.decode()  # stdout stays the clean text
    err = proc.stderr.decode()
    assert "removal(s)" in err
    assert "advertisement" in err and "'google news'" in err


def test_disable_keeps_that_noise(article_file: Path) -> None:
    out = run_cli(["clean", str(article_file), "--disable", "advertisement"]).stdout.decode()
    assert "Advertisement" in out
    assert "google news" not in out


def test_config_file(tmp_path: Path, article_file: Path) -> None:
    default = run_cli(["config", "--default"]).stdout.decode()
    assert "[[detectors]]" in default and 'name = "aggregator"' in default
    conf = tmp_path / "conf.toml"
    conf.write_text(
        default.replace(
            'name = "advertisement"\nenabled = true', 'name = "advertisement"\nenabled = false'
        )
    )
    checked = run_cli(["config", "--check", str(conf)]).stdout.decode()
    assert "valid" in checked
    out = run_cli(["clean", str(article_file), "--config", str(conf)]).stdout.decode()
    assert "Advertisement" in out and "google news" not in out
    # the unedited default config behaves exactly like no config
    (tmp_path / "same.toml").write_text(default)
    same = run_cli(["clean", str(article_file), "--config", str(tmp_path / "same.toml")])
    assert same.stdout == run_cli(["clean", str(article_file)]).stdout


def test_bad_usage_exit_codes(tmp_path: Path, article_file: Path) -> None:
    proc = run_cli(["clean", str(article_file), "--disable", "no_such"], check=False)
    assert proc.returncode == 2 and b"no_such" in proc.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("max_passes = 'x'\n")
    assert run_cli(["clean", str(article_file), "--config", str(bad)], check=False).returncode == 2
    assert run_cli(["clean", str(tmp_path / "missing.txt")], check=False).returncode == 1
    assert run_cli(["nonsense"], check=False).returncode == 2


def test_non_utf8_text_input(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes(ARTICLE.replace("harbour", "harbour café").encode("latin-1"))
    out = run_cli(["clean", str(p)]).stdout.decode()
    assert "café" in out


def test_html_sniffing() -> None:
    assert looks_like_html(b"\xef\xbb\xbf  \n<!doctype html><p>x")
    assert looks_like_html(b"<div class=a>text</div>")
    assert not looks_like_html(b"Plain text with <p> inside")
    assert not looks_like_html(b"<3 this story")


def test_clean_html(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    out = run_cli(["clean", str(p)]).stdout.decode()
    assert BODY_LINE in out
    assert "<p>" not in out and "Advertisement" not in out
    # forced text mode keeps the markup
    assert "<p>" in run_cli(["clean", "--text", str(p)]).stdout.decode()


def test_detectors_table_and_json() -> None:
    table = run_cli(["detectors"]).stdout.decode()
    assert table.splitlines()[0].split() == ["name", "stage", "summary"]
    assert "advertisement" in table and "defaults:" in table
    data = json.loads(run_cli(["detectors", "--json"]).stdout)
    names = {d["name"] for d in data}
    assert {"advertisement", "aggregator", "title"} <= names
    for d in data:
        assert d["stage"] in {"detect", "revise"}
        assert isinstance(d["default_config"], dict)


def test_version() -> None:
    assert run_cli(["--version"]).stdout.decode().startswith("newsclean ")


def test_clean_gzipped_page_and_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(PAGE.encode()))
    out = run_cli(["clean", str(page)]).stdout.decode()
    assert "The city council voted on Tuesday" in out
    assert "<p>" not in out and "\ufffd" not in out
    text = tmp_path / "article.txt.gz"
    text.write_bytes(gzip.compress(ARTICLE.encode()))
    out = run_cli(["clean", str(text)]).stdout.decode()
    assert BODY_LINE in out and "google news" not in out


def test_clean_corrupt_gzip_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "page.html.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage that does not inflate")
    r = run_cli(["clean", str(bad)], check=False)
    assert r.returncode == 1
    assert r.stderr.decode().startswith("newsclean: error:")
