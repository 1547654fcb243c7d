"""decode_html: BOM, declared charset (validated), detection, gzip, binary input."""

from __future__ import annotations

import gzip

import pytest

from newsclean import DecodeError, InputTooLargeError
from newsclean._html.decode import declared_charset, decode_html, looks_binary

BODY = "<p>Le café “Chez René” a rouvert ses portes à Noël, après des travaux.</p>"


def page(charset_decl: str = "") -> str:
    return f"<html><head>{charset_decl}<title>Café</title></head><body>{BODY}</body></html>"


def test_str_passes_through_without_bom() -> None:
    assert decode_html("\ufeff<html></html>") == "<html></html>"


def test_utf8_plain() -> None:
    assert decode_html(page().encode("utf-8")) == page()


@pytest.mark.parametrize(
    "decl",
    [
        '<meta charset="iso-8859-1">',
        '<meta charset="windows-1252">',
        '<meta http-equiv="Content-Type" content="text/html; charset=latin1">',
    ],
)
def test_declared_legacy_charset(decl: str) -> None:
    # curly quotes exist in windows-1252 only: browsers read latin-1 labels as windows-1252
    text = decode_html(page(decl).encode("cp1252"))
    assert "“Chez René”" in text
    assert "Noël" in text


def test_declared_charset_other_scripts() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир! Новости дня.</p></body></html>'
    assert "Привет, мир!" in decode_html(html.encode("cp1251"))


def test_mislabelled_utf8_served_as_latin1() -> None:
    raw = page('<meta charset="iso-8859-1">').encode("utf-8")
    assert "“Chez René”" in decode_html(raw)


def test_mislabelled_cp1252_served_as_utf8() -> None:
    raw = page('<meta charset="utf-8">').encode("cp1252")
    text = decode_html(raw)
    assert "René" in text
    assert "Noël" in text


def test_http_encoding_argument_wins_over_page() -> None:
    raw = page('<meta charset="utf-8">').encode("cp1252")
    assert "“Chez René”" in decode_html(raw, encoding="windows-1252")


def test_unknown_declared_label_is_ignored() -> None:
    raw = page('<meta charset="no-such-charset">').encode("utf-8")
    assert "René" in decode_html(raw)


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_bom(codec: str) -> None:
    raw = page().encode(codec)
    assert decode_html(raw) == page()


def test_undeclared_legacy_detected() -> None:
    html = (
        "<html><body><p>Die Straße wird für drei Wochen gesperrt, weil die Brücke über den "
        "Fluss erneuert wird. Anwohner müssen Umwege über Süd fahren.</p></body></html>"
    )
    text = decode_html(html.encode("cp1252"))
    assert "Straße" in text
    assert "müssen" in text


def test_empty() -> None:
    assert decode_html(b"") == ""
    assert decode_html("") == ""


def test_gzip_is_inflated() -> None:
    raw = gzip.compress(page().encode("utf-8"))
    assert decode_html(raw) == page()


def test_corrupt_gzip() -> None:
    raw = gzip.compress(page().encode("utf-8"))
    with pytest.raises(DecodeError, match="gzip"):
        decode_html(raw[:20] + b"\x00garbage" + raw[28:])


def test_truncated_gzip() -> None:
    raw = gzip.compress(page().encode("utf-8") * 50)
    with pytest.raises(DecodeError, match="truncated"):
        decode_html(raw[: len(raw) // 2])


def test_gzip_bomb_is_refused() -> None:
    raw = gzip.compress(b"<html>" + b" " * 2_000_000)
    with pytest.raises(InputTooLargeError):
        decode_html(raw, max_bytes=100_000)


def test_too_large() -> None:
    with pytest.raises(InputTooLargeError):
        decode_html(b"<html>" + b" " * 1000, max_bytes=100)


def test_binary_junk() -> None:
    junk = bytes((i * 7919 + 13) % 256 for i in range(5000))
    assert looks_binary(junk)
    with pytest.raises(DecodeError, match="control characters"):
        decode_html(junk)


def test_nul_bytes() -> None:
    with pytest.raises(DecodeError):
        decode_html(b"\x00" * 1000)


@pytest.mark.parametrize(
    "magic", [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\xff\xd8\xff\xe0"]
)
def test_known_binary_formats(magic: bytes) -> None:
    with pytest.raises(DecodeError, match="not an HTML page"):
        decode_html(magic + b"\x00\x01\x02" * 100)


def test_str_with_control_characters() -> None:
    with pytest.raises(DecodeError):
        decode_html("\x00\x01\x02\x03" * 500)


def test_type_error_for_other_types() -> None:
    with pytest.raises(TypeError):
        decode_html(12345)  # type: ignore[arg-type]


def test_declared_charset_reader() -> None:
    assert declared_charset(b'<meta charset="ISO-8859-1">') == "cp1252"
    assert declared_charset(b"<?xml version='1.0' encoding='shift_jis'?>") == "shift_jis"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


def test_multi_member_gzip_page_is_read_whole() -> None:
    first = b"<html><body>" + b"".join(b"<p>Paragraph %d of the report.</p>" % i for i in range(6))
    second = b"".join(b"<p>Paragraph %d of the report.</p>" % i for i in range(6, 12))
    page = gzip.compress(first) + gzip.compress(second + b"</body></html>")
    text = decode_html(page)
    assert "Paragraph 0 of" in text and "Paragraph 11 of" in text


def test_gzip_with_trailing_garbage_is_refused() -> None:
    with pytest.raises(DecodeError):
        decode_html(gzip.compress(b"<p>Hello there.</p>") + b"not gzip at all")
