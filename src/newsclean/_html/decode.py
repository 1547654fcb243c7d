"""Bytes to text for HTML pages: BOM, declared charset (validated), then detection.

The order, and why:

1. **Compressed payloads.** Bytes that start with the gzip magic number (``1f 8b``) are a
   compressed HTTP body or a ``.html.gz`` file that nobody inflated. We inflate them, capped at
   ``max_bytes`` of output (a decompression bomb raises :class:`InputTooLargeError`); a
   corrupt stream raises :class:`DecodeError`. Other known binary formats (PDF, images,
   archives) raise :class:`DecodeError` naming the format.
2. **Byte-order mark.** A BOM settles the encoding (UTF-8, UTF-16, UTF-32).
3. **Declared charset.** ``encoding=`` (say, from the HTTP ``Content-Type`` header), else the
   page's own ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` / XML declaration in
   its first bytes. A declaration is *validated*: it must decode the bytes strictly, and a
   legacy single-byte label (``iso-8859-1``, ``windows-1252``...) loses to UTF-8 when the bytes
   are valid UTF-8 with non-ASCII sequences, since such sequences almost never occur by
   chance in legacy text (the usual mislabelling is UTF-8 served as Latin-1). Labels are
   read the way browsers read them: ``iso-8859-1``, ``latin1`` and ``ascii`` mean
   ``windows-1252``.
4. **Valid UTF-8** is taken as UTF-8.
5. **Detection** with charset-normalizer on a sample of the bytes.
6. Otherwise windows-1252 (every byte decodes), as browsers do.

Text that is mostly control characters (NULs and friends), before or after decoding, is not
HTML: :class:`DecodeError`.
"""

from __future__ import annotations

import codecs
import re
import zlib

from ..errors import DecodeError, InputTooLargeError, InputTypeError

__all__ = ["DEFAULT_MAX_BYTES", "declared_charset", "decode_html", "inflate", "looks_binary"]

#: Inputs (and inflated gzip bodies) larger than this many bytes are refused.
DEFAULT_MAX_BYTES = 64_000_000
#: How far into the page a charset declaration is looked for (the HTML spec says 1024 bytes;
#: real pages put long <head> preambles first, so we look further).
DECLARATION_WINDOW = 8192
#: Share of control characters (other than tab, CR, LF, FF) above which input is binary.
BINARY_CONTROL_SHARE = 0.05
#: How many leading bytes/characters the binary check samples.
BINARY_SAMPLE = 8192
#: charset-normalizer sees at most this many bytes (head and tail of the page).
DETECTION_SAMPLE = 32_768

_GZIP_MAGIC = b"\x1f\x8b"
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x28\xb5\x2f\xfd", "zstandard-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same 2 bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x">, <meta http-equiv=... content="text/html; charset=x">, <?xml encoding="x"?>
_DECLARED = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
# Browsers (WHATWG Encoding) read these labels as windows-1252.
_AS_CP1252 = frozenset({"iso8859-1", "latin-1", "ascii", "cp1252"})
_UNICODE = frozenset(
    {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
)
# Control characters that never appear in text (everything below 0x20 but \t \n \r \f, and DEL).
_CONTROL_BYTES = bytes(sorted((set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}) | {0x7F}))
_CONTROL_STR = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def looks_binary(data: bytes | str) -> bool:
    """True when the start of ``data`` is mostly control characters: not text at all."""
    sample = data[:BINARY_SAMPLE]
    if not sample:
        return False
    if isinstance(sample, bytes):
        bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    else:
        bad = len(_CONTROL_STR.findall(sample))
    return bad > BINARY_CONTROL_SHARE * len(sample)


def _codec(label: str) -> str | None:
    """The Python codec for a charset label, read as browsers do; None if unknown."""
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    if name in _AS_CP1252:
        return "cp1252"
    # A declaration we could read as ASCII cannot name an ASCII-incompatible codec (EBCDIC,
    # UTF-7): browsers ignore such labels, and so do we.
    if name not in _UNICODE and not _ascii_compatible(name):
        return None
    return name


def _ascii_compatible(name: str) -> bool:
    try:
        return _PRINTABLE_ASCII.decode(name) == _PRINTABLE_ASCII.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def declared_charset(data: bytes) -> str | None:
    """The codec named by the page's own charset declaration in its first bytes, if any."""
    m = _DECLARED.search(data[:DECLARATION_WINDOW])
    if m is None:
        return None
    label = (m.group(1) or m.group(2) or b"").decode("ascii", "ignore")
    return _codec(label)


def _declarations(data: bytes, encoding: str | None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    given = _codec(encoding) if encoding else None
    if given is not None:
        out.append((given, "given encoding"))
    declared = declared_charset(data)
    if declared is not None and declared != given:
        out.append((declared, "declared charset"))
    return out


def inflate(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Inflate every member of a gzip stream (``cat a.gz b.gz`` is one valid file), at most
    ``max_bytes`` in all; NUL padding after the last member is ignored, as gzip does."""
    parts: list[bytes] = []
    size = 0
    rest = data
    while rest:
        d = zlib.decompressobj(wbits=31)  # gzip header and trailer
        try:
            out = d.decompress(rest, max_bytes - size + 1)
        except zlib.error as e:
            raise DecodeError(
                f"input starts like gzip-compressed data but does not inflate: {e}"
            ) from e
        size += len(out)
        parts.append(out)
        if size > max_bytes or d.unconsumed_tail:
            raise InputTooLargeError(
                f"gzip-compressed input inflates to more than {max_bytes} bytes (max_bytes=...)"
            )
        if not d.eof:
            raise DecodeError("gzip-compressed input is truncated: the stream ends early")
        rest = d.unused_data
        if not rest.startswith(b"\x1f\x8b"):
            if rest.strip(b"\x00"):
                raise DecodeError("gzip-compressed input has trailing data after its last member")
            break
    return b"".join(parts)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    sample = data
    if len(data) > DETECTION_SAMPLE:
        half = DETECTION_SAMPLE // 2
        sample = data[:half] + data[-half:]
    results = from_bytes(sample)
    best = results.best()
    if best is None:
        return None
    # cp1250 and cp1252 often tie on Western text; browsers' default, cp1252, wins a tie.
    tie = (best.chaos, best.coherence)
    for match in results:
        if (match.chaos, match.coherence) == tie and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return _codec(str(best.encoding))


def _checked(text: str, how: str) -> str:
    if looks_binary(text):
        raise DecodeError(
            f"input decoded with {how} is mostly control characters: not an HTML page"
        )
    return text.removeprefix("\ufeff")


def _page_bytes(data: object, max_bytes: int) -> bytes:
    """The page's bytes, inflated if gzipped; refused if too large or another file type."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputTypeError(f"expected bytes or str, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > max_bytes:
        raise InputTooLargeError(f"input has {len(data)} bytes; the limit is {max_bytes}")
    if data[:2] == _GZIP_MAGIC:
        data = inflate(data, max_bytes)
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"input is {what}, not an HTML page")
    return data


def decode_html(
    data: bytes | str, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """Decode an HTML page to text (see the module docstring for the order of evidence).

    ``encoding`` is a charset known from outside the page (an HTTP header); it is validated
    like the page's own declaration. A ``str`` is returned as is, less a leading BOM.

    Raises :class:`DecodeError` for binary or undecodable input and
    :class:`InputTooLargeError` for input (or inflated gzip) over ``max_bytes``.
    """
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise InputTooLargeError(f"input has {len(data)} characters; the limit is {max_bytes}")
        return _checked(data, "no decoding (str input)")
    data = _page_bytes(data, max_bytes)
    if not data:
        return ""

    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is None:  # a BOM followed by garbage: salvage what decodes
                text = data[len(bom) :].decode(codec, errors="replace")
            return _checked(text, f"{codec} (byte-order mark)")

    if looks_binary(data):
        raise DecodeError(
            "input is mostly control characters (NUL bytes and the like): not an HTML page"
        )

    as_utf8 = _strict(data, "utf-8")
    for codec, origin in _declarations(data, encoding):
        if codec == "utf-8":
            if as_utf8 is not None:
                return _checked(as_utf8, f"utf-8 ({origin})")
            continue  # declared UTF-8 but invalid: mislabelled, look further
        if codec in _UNICODE:
            continue  # UTF-16/32 declared in ASCII-compatible bytes without a BOM: wrong
        if as_utf8 is not None and not as_utf8.isascii():
            return _checked(as_utf8, f"utf-8 (the {origin} {codec} was wrong)")
        text = _strict(data, codec)
        if text is not None:
            return _checked(text, f"{codec} ({origin})")

    if as_utf8 is not None:
        return _checked(as_utf8, "utf-8")
    detected = _detect(data)
    if detected is not None:
        text = _strict(data, detected)
        if text is not None:
            return _checked(text, f"{detected} (detected)")
    return _checked(data.decode("cp1252", errors="replace"), "windows-1252 (fallback)")
