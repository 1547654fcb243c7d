#!/usr/bin/env python3
"""Fuzz ``newsclean.clean`` (text path) and ``newsclean.clean_html`` (HTML path).

Two engines:

- ``atheris`` (coverage-guided, libFuzzer) when it is installed
  (``.venv/bin/pip install atheris``);
- ``random``: seed inputs mutated at random (splices, repeats, deletions, hostile
  characters), always available.

Every input is checked against the invariants the library promises:

text   ``clean(x)`` returns a str; ``a = analyze(x)``: ``apply(x, a.removals) == a.text``;
       ``clean(a.text) == a.text`` (idempotent); no exception at all.
html   ``clean_html(x)`` returns a str or raises a :class:`newsclean.NewscleanError`
       subclass; for an :class:`Article`, ``apply(a.source_text, a.removals) == a.text``.

An input that breaks an invariant, raises something else, or takes longer than
``--input-timeout`` seconds is written to ``tests/reliability/crashes/`` (one file per crash,
at most ``--max-per-signature`` files per distinct failure), where
``tests/reliability/test_fuzz_regressions.py`` replays it. File names are
``<target>-<kind>-<sha1>.<ext>``: text inputs are stored as UTF-8 with ``surrogatepass``
(so lone surrogates survive), HTML inputs as the raw bytes.

Examples::

    .venv/bin/python scripts/fuzz.py text --seconds 300
    .venv/bin/python scripts/fuzz.py html --seconds 300 --engine random
    .venv/bin/python scripts/fuzz.py text --iterations 2000 --engine random --seed 7
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType

REPO = Path(__file__).resolve().parents[1]
CRASH_DIR = REPO / "tests" / "reliability" / "crashes"
TEXT_EXT = "txt"
HTML_EXT = "html"


class InputTimeout(Exception):
    """Raised by the alarm when one input takes longer than ``--input-timeout``."""


class InvariantError(AssertionError):
    """An invariant of the library did not hold for an input."""


# --- the checks (also imported by the regression test) ------------------------------------------


def check_text(text: str) -> None:
    """Run the text-path invariants on ``text``; raise :class:`InvariantError` if one breaks."""
    import newsclean

    cleaned = newsclean.clean(text)
    if not isinstance(cleaned, str):
        raise InvariantError(f"clean returned {type(cleaned).__name__}, not str")
    art = newsclean.analyze(text)
    if art.text != cleaned:
        raise InvariantError("analyze(x).text != clean(x)")
    replayed = newsclean.apply(text, art.removals)
    if replayed != art.text:
        raise InvariantError("apply(x, analyze(x).removals) != analyze(x).text")
    again = newsclean.clean(cleaned)
    if again != cleaned:
        raise InvariantError("clean(clean(x)) != clean(x)")


def check_html(data: bytes) -> None:
    """Run the HTML-path checks on ``data``; a NewscleanError is an allowed outcome."""
    import newsclean

    try:
        art = newsclean.analyze_html(data)
    except newsclean.NewscleanError:
        return
    if not isinstance(art.text, str):
        raise InvariantError(f"analyze_html returned text of type {type(art.text).__name__}")
    if newsclean.apply(art.source_text, art.removals) != art.text:
        raise InvariantError("apply(a.source_text, a.removals) != a.text for analyze_html")
    try:
        out = newsclean.clean_html(data)
    except newsclean.NewscleanError as e:  # pragma: no cover - would be an inconsistency
        raise InvariantError(f"analyze_html succeeded but clean_html raised {e!r}") from e
    if out != art.text:
        raise InvariantError("clean_html(x) != analyze_html(x).text")


def encode_text(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def decode_text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogatepass")


# --- seeds ----------------------------------------------------------------------------------------

NOISE = [
    "google news",
    "Advertisement",
    "You May Also Like",
    "Previous articleSome headline here",
    "Sept. 10, 202200:26",
    "Read more: a teaser headline",
    "3 Comments",
    "Leave a Reply",
    "Source: | This article originally belongs to Example.com",
    "By Jane Doe",
    "Photo: Jane Doe/AP",
    "A caption of the scene (Image: GETTY)",
    "Home » World » Europe",
    "https://example.com/x",
    "Tags: one, two",
    "|",
    "* * *",
    "5 min read",
    "Updated 12:30 PM ET, Tue March 5, 2024",
]
HOSTILE = [
    "\x00",
    "\r",
    "\u200f",
    "\u202e",
    "\u0301",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\u2028",
    "\u3000",
    "\u00a0",
    "\t",
    "\x0b",
    "ﬁ",
    "İ",
    "ß",
    "中文",
    "٣",
    "…",
    "»",
    "(",
    ")",
    ":",
    "|",
    "By ",
    "#",
    " " * 64,
    "A" * 64,
]
HTML_TEMPLATE = (
    "<!doctype html><html lang='en'><head><meta charset='{charset}'>"
    "<title>{title}</title><meta property='og:title' content='{title}'></head>"
    "<body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav><article><h1>{title}</h1>"
    "{body}</article><aside><h3>Related</h3><ul><li><a href='/x'>Other story</a></li></ul>"
    "</aside><footer>Copyright 2024 Example</footer></body></html>"
)


def text_seeds() -> list[str]:
    seeds = [(REPO / "src" / "newsclean" / "examples" / "article.txt").read_text("utf-8")]
    golden = sorted((REPO / "tests" / "golden").glob("*/*/input.txt"))
    seeds += [p.read_text("utf-8") for p in golden]
    seeds += ["\n".join(NOISE), "", "\n\n\n", "The plan was approved on Tuesday, officials said."]
    return seeds


def html_seeds() -> list[bytes]:
    out: list[bytes] = []
    for text in text_seeds()[:4]:
        paras = [ln for ln in text.splitlines() if ln.strip()]
        title = paras[0] if paras else "Title"
        body = "".join(f"<p>{ln}</p>" for ln in paras[1:])
        page = HTML_TEMPLATE.format(charset="utf-8", title=title, body=body)
        out.append(page.encode("utf-8"))
    out.append(
        HTML_TEMPLATE.format(charset="windows-1252", title="Café", body="<p>Naïve café</p>").encode(
            "cp1252"
        )
    )
    out.append(gzip.compress(out[0]))
    out += [b"", b"<html>", b"<p>x</p>", b"\xef\xbb\xbf<html><body><p>bom</p></body></html>"]
    return out


# --- random mutation engine -----------------------------------------------------------------------


def _mutate_text(rnd: random.Random, x: str, pool: list[str], max_len: int) -> str:
    for _ in range(rnd.randint(1, 4)):
        op = rnd.randrange(8)
        pos = rnd.randint(0, len(x))
        if op == 0:  # insert a hostile character or snippet
            x = x[:pos] + rnd.choice(HOSTILE) + x[pos:]
        elif op == 1:  # insert a noise line
            x = x[:pos] + "\n" + rnd.choice(NOISE) + "\n" + x[pos:]
        elif op == 2 and x:  # delete a chunk
            end = min(len(x), pos + rnd.randint(1, 200))
            x = x[:pos] + x[end:]
        elif op == 3 and x:  # repeat a chunk (long runs find superlinear paths)
            end = min(len(x), pos + rnd.randint(1, 20))
            x = x[:pos] + x[pos:end] * rnd.randint(2, 300) + x[end:]
        elif op == 4:  # splice another seed
            other = rnd.choice(pool)
            a = rnd.randint(0, len(other))
            x = x[:pos] + other[a : a + rnd.randint(0, 400)] + x[pos:]
        elif op == 5:  # random code points, any plane, surrogates included
            chunk = "".join(chr(rnd.randrange(0x110000)) for _ in range(rnd.randint(1, 8)))
            x = x[:pos] + chunk + x[pos:]
        elif op == 6:  # change line breaks
            x = x.replace("\n", rnd.choice(["\r", "\r\n", "\u2028", "\n\n", "\x00\n"]), 3)
        else:  # swap case of a chunk
            end = min(len(x), pos + rnd.randint(1, 50))
            x = x[:pos] + x[pos:end].swapcase() + x[end:]
    return x[:max_len]


def _mutate_bytes(rnd: random.Random, x: bytes, pool: list[bytes], max_len: int) -> bytes:
    b = bytearray(x)
    for _ in range(rnd.randint(1, 4)):
        op = rnd.randrange(7)
        pos = rnd.randint(0, len(b))
        if op == 0:
            b[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8)))
        elif op == 1 and b:
            del b[pos : pos + rnd.randint(1, 200)]
        elif op == 2 and b:
            chunk = b[pos : pos + rnd.randint(1, 20)]
            b[pos:pos] = bytes(chunk) * rnd.randint(2, 200)
        elif op == 3:
            other = rnd.choice(pool)
            a = rnd.randint(0, len(other))
            b[pos:pos] = other[a : a + rnd.randint(0, 400)]
        elif op == 4:
            tag = rnd.choice(
                [
                    b"<div>",
                    b"</div>",
                    b"<p>",
                    b"<b>",
                    b"&amp;",
                    b"<!--",
                    b"-->",
                    b"<script>",
                    b"</script>",
                    b"<meta charset='shift_jis'>",
                    b"<meta charset=utf-16>",
                    b"&#0;",
                    b"&#xD800;",
                    b"<![CDATA[",
                ]
            )
            b[pos:pos] = tag * rnd.randint(1, 50)
        elif op == 5:
            b = b[:pos]  # truncate
        else:
            text = rnd.choice(HOSTILE)
            b[pos:pos] = text.encode("utf-8", "surrogatepass")
    return bytes(b[:max_len])


# --- running one input ----------------------------------------------------------------------------


class Recorder:
    """Writes failing inputs to the crash folder, a few per distinct failure."""

    def __init__(self, target: str, crash_dir: Path, per_signature: int) -> None:
        self.target = target
        self.crash_dir = crash_dir
        self.per_signature = per_signature
        self.signatures: Counter[str] = Counter()
        self.written: list[Path] = []
        self.failures = 0

    def record(self, raw: bytes, kind: str, signature: str, detail: str) -> None:
        self.failures += 1
        self.signatures[signature] += 1
        if self.signatures[signature] > self.per_signature:
            return
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        ext = TEXT_EXT if self.target == "text" else HTML_EXT
        digest = hashlib.sha1(raw).hexdigest()[:16]
        path = self.crash_dir / f"{self.target}-{kind}-{digest}.{ext}"
        if not path.exists():
            path.write_bytes(raw)
            self.written.append(path)
            print(f"\n[fuzz] {kind}: {signature}\n{detail}\n[fuzz] wrote {path}", flush=True)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise InputTimeout


def run_one(target: str, raw: bytes, rec: Recorder, input_timeout: float) -> None:
    """Check one input (``raw`` is the stored form); record it if it fails."""
    check: Callable[[], None]
    if target == "text":
        text = decode_text(raw)

        def check() -> None:
            check_text(text)
    else:

        def check() -> None:
            check_html(raw)

    signal.setitimer(signal.ITIMER_REAL, input_timeout)
    try:
        check()
    except InputTimeout:
        rec.record(raw, "timeout", "timeout", f"input of {len(raw)} bytes took > {input_timeout}s")
    except InvariantError as e:
        rec.record(raw, "invariant", f"invariant: {e}", traceback.format_exc(limit=3))
    except Exception as e:  # anything else is a crash
        tb = traceback.extract_tb(e.__traceback__)
        where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?"
        rec.record(raw, "crash", f"{type(e).__name__} at {where}", traceback.format_exc(limit=6))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


# --- engines -------------------------------------------------------------------------------


def run_random(args: argparse.Namespace, rec: Recorder) -> int:
    rnd = random.Random(args.seed)
    deadline = time.monotonic() + args.seconds if args.seconds else None
    text_pool = text_seeds()
    html_pool = html_seeds()
    n = 0
    while True:
        if args.iterations and n >= args.iterations:
            break
        if deadline is not None and time.monotonic() >= deadline:
            break
        if args.target == "text":
            x = _mutate_text(rnd, rnd.choice(text_pool), text_pool, args.max_len)
            raw = encode_text(x)
            if rnd.random() < 0.05 and len(text_pool) < 500:
                text_pool.append(x)  # keep some mutants as new seeds
        else:
            raw = _mutate_bytes(rnd, rnd.choice(html_pool), html_pool, args.max_len)
            if rnd.random() < 0.05 and len(html_pool) < 500:
                html_pool.append(raw)
        run_one(args.target, raw, rec, args.input_timeout)
        n += 1
        if n % 500 == 0:
            print(f"[fuzz] random: {n} inputs, {rec.failures} failures", flush=True)
    return n


def run_atheris(args: argparse.Namespace, rec: Recorder) -> int:
    import atheris

    with atheris.instrument_imports():
        import newsclean._html.api  # noqa: F401  (instrumented: coverage guides the fuzzer)

    count = 0

    def one_input(data: bytes) -> None:
        nonlocal count
        count += 1
        if args.target == "text":
            fdp = atheris.FuzzedDataProvider(data)
            mode = fdp.ConsumeIntInRange(0, 2)
            if mode == 0:  # any code point, lone surrogates included
                text = fdp.ConsumeUnicode(fdp.remaining_bytes())
            elif mode == 1:
                text = fdp.ConsumeBytes(fdp.remaining_bytes()).decode("utf-8", "surrogateescape")
            else:
                text = fdp.ConsumeBytes(fdp.remaining_bytes()).decode("utf-8", "replace")
            raw = encode_text(text)
        else:
            raw = data
        run_one(args.target, raw, rec, args.input_timeout)
        if count % 2000 == 0:  # libFuzzer ends the process itself: report as we go
            print(
                f"[fuzz] atheris: {count} inputs, {rec.failures} failures, "
                f"distinct={dict(rec.signatures)}",
                flush=True,
            )

    corpus = Path(tempfile.mkdtemp(prefix=f"newsclean-fuzz-{args.target}-"))
    seeds = (
        [b"\x01" + encode_text(s) for s in text_seeds()] if args.target == "text" else html_seeds()
    )
    for i, s in enumerate(seeds):
        (corpus / f"seed{i}").write_bytes(s)
    libfuzzer = [
        sys.argv[0],
        str(corpus),
        f"-max_len={args.max_len}",
        f"-seed={args.seed}",
        f"-timeout={int(args.input_timeout * 3) + 5}",
        f"-artifact_prefix={rec.crash_dir}/{args.target}-libfuzzer-",
        "-print_final_stats=1",
        "-close_fd_mask=0",
    ]
    if args.iterations:
        libfuzzer.append(f"-runs={args.iterations}")
    if args.seconds:
        libfuzzer.append(f"-max_total_time={int(args.seconds)}")
    rec.crash_dir.mkdir(parents=True, exist_ok=True)
    atheris.Setup(libfuzzer, one_input)
    with contextlib.suppress(SystemExit):
        atheris.Fuzz()  # libFuzzer usually ends the process itself when the budget is spent
    return count


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("target", choices=["text", "html"])
    p.add_argument("--iterations", type=int, default=0, help="stop after N inputs (0: no limit)")
    p.add_argument("--seconds", type=float, default=0, help="stop after S seconds (0: no limit)")
    p.add_argument("--engine", choices=["auto", "atheris", "random"], default="auto")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--max-len", type=int, default=20_000, help="largest input, bytes/characters")
    p.add_argument("--input-timeout", type=float, default=10.0, help="seconds per input")
    p.add_argument("--crash-dir", type=Path, default=CRASH_DIR)
    p.add_argument("--max-per-signature", type=int, default=3)
    args = p.parse_args(argv)
    if not args.iterations and not args.seconds:
        args.iterations = 1000
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "random"
    signal.signal(signal.SIGALRM, _on_alarm)
    rec = Recorder(args.target, args.crash_dir, args.max_per_signature)
    start = time.monotonic()
    n = run_atheris(args, rec) if engine == "atheris" else run_random(args, rec)
    took = time.monotonic() - start
    print(
        f"[fuzz] done: engine={engine} target={args.target} inputs={n} seconds={took:.0f} "
        f"failures={rec.failures} distinct={len(rec.signatures)} files_written={len(rec.written)}"
    )
    for sig, k in rec.signatures.most_common():
        print(f"[fuzz]   {k:6d}  {sig}")
    return 1 if rec.failures else 0


if __name__ == "__main__":
    sys.exit(main())
