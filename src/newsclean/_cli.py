"""The ``newsclean`` command line.

::

    newsclean clean [FILE|-] [--html|--text] [--json | --explain] [--config F] [--disable D]
    newsclean batch IN -o OUT [-j N] [--text-field F | --html-field F] [--removals] [--resume]
                   [--report REPORT.html] [--report-json REPORT.json]
    newsclean report OUT -o REPORT.html [--report-json F] [--clean]
    newsclean detectors [--json]
    newsclean config --default | --check FILE

``clean`` prints the clean text on stdout. ``--explain`` also prints the removal report, on
**stderr**, so that ``newsclean clean page.txt --explain > clean.txt`` keeps a clean file and
shows the report. ``--json`` prints ``Article.to_dict()`` instead of the text.

Exit status: 0 success (a batch with error rows still succeeds: the errors are in the output
and the summary); 1 an I/O or unexpected failure (a damaged input, an unwritable output,
workers that cannot start); 2 bad usage, config, input format or fields; 128+N when stopped
by signal N (a batch from a file can then be continued with ``--resume``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any

import orjson

from . import __version__
from ._batch_command import add_batch_parser
from ._pipeline import Pipeline
from ._removal import Article
from .errors import NewscleanError

__all__ = ["looks_like_html", "main"]

_HTML_TAG = re.compile(
    rb"<(?:!doctype|html|head|body|p|div|article|section|main|span|meta|title|br|table|ul|a)\b",
    re.IGNORECASE,
)


def looks_like_html(data: bytes) -> bool:
    """True if ``data`` starts (after a BOM and whitespace) with ``<`` and has a common tag."""
    head = data[:8192]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    head = head.lstrip()
    return head.startswith(b"<") and _HTML_TAG.search(head) is not None


def _decode_text(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        print(f"newsclean: {name} is not UTF-8; read it as {best.encoding}", file=sys.stderr)
        return str(best)
    print(f"newsclean: {name} is not UTF-8; undecodable bytes became U+FFFD", file=sys.stderr)
    return data.decode("utf-8", "replace")


def _pipeline(args: argparse.Namespace) -> Pipeline:
    if args.config:
        try:
            with open(args.config, encoding="utf-8") as fh:
                pipe = Pipeline.from_config(fh.read())
        except OSError as e:
            raise NewscleanError(f"cannot read config {args.config}: {e.strerror}") from None
    else:
        pipe = Pipeline.default()
    return pipe


def _add_pipeline_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("pipeline")
    g.add_argument("--config", metavar="FILE.toml", help="pipeline config (see `config --default`)")
    g.add_argument(
        "--disable",
        metavar="NAME",
        action="append",
        default=[],
        help="switch a detector off (repeatable; names from `newsclean detectors`)",
    )


def _print_json(obj: Any) -> None:
    opts = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    sys.stdout.buffer.write(orjson.dumps(obj, option=opts))
    sys.stdout.flush()


# -- clean -----------------------------------------------------------------------------------


def _cmd_clean(args: argparse.Namespace) -> int:
    name = args.file
    if name in (None, "-"):
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        try:
            with open(name, "rb") as fh:
                data = fh.read()
        except OSError as e:
            print(f"newsclean: error: cannot read {name}: {e.strerror}", file=sys.stderr)
            return 1
    if data[:2] == b"\x1f\x8b":  # page.html.gz, article.txt.gz: read what they hold
        from ._html.decode import inflate

        try:
            data = inflate(data)
        except NewscleanError as e:
            print(f"newsclean: error: cannot read {name}: {e}", file=sys.stderr)
            return 1
    pipe = _pipeline(args)
    disable = tuple(args.disable)
    is_html = args.html or (not args.text and looks_like_html(data))
    article: Article
    if is_html:
        from ._batch import analyze_html

        pipe = pipe.disable(*disable) if disable else pipe
        article = analyze_html(data, url=args.url, pipeline=pipe)
    elif args.mode == "page":  # whole-page text (html2text, inscriptis, WET): docs/whole-page.md
        from ._page import analyze_page

        text = _decode_text(data, name)
        article = analyze_page(text, pipe, title_hint=args.title, disable=disable)
    else:
        text = _decode_text(data, name)
        article = pipe.analyze(text, title_hint=args.title, disable=disable)
    if args.json:
        _print_json(article.to_dict())
    else:
        out = sys.stdout
        out.write(article.text)
        if article.text and not article.text.endswith("\n"):
            out.write("\n")
        out.flush()
    if args.explain:
        sys.stderr.write(article.explain() + "\n")
    return 0


# -- batch -----------------------------------------------------------------------------------


def _cmd_batch(args: argparse.Namespace) -> int:
    from ._batch_command import run_batch_command

    return run_batch_command(args, _pipeline(args))


# -- report ----------------------------------------------------------------------------------


def _cmd_report(args: argparse.Namespace) -> int:
    from ._report.command import run_report

    return run_report(args, _pipeline(args))


# -- detectors / config ----------------------------------------------------------------------


def _fmt_value(v: object) -> str:
    if isinstance(v, (list, tuple)):
        return ",".join(str(x) for x in v)
    return str(v)


def _cmd_detectors(args: argparse.Namespace) -> int:
    from ._config import DEFAULT_DETECTORS
    from ._registry import catalogue

    rows = catalogue()
    if args.json:
        _print_json(
            [
                {
                    "name": n,
                    "stage": stage,
                    "summary": summary,
                    "in_default_pipeline": n in DEFAULT_DETECTORS,
                    "default_config": conf,
                }
                for n, stage, summary, conf in rows
            ]
        )
        return 0
    width = max((len(r[0]) for r in rows), default=4)
    out = [f"{'name':<{width}}  {'stage':<6}  summary"]
    for n, stage, summary, conf in rows:
        mark = "" if n in DEFAULT_DETECTORS else " (not in the default pipeline)"
        out.append(f"{n:<{width}}  {stage:<6}  {summary}{mark}")
        if conf:
            opts = " ".join(f"{k}={_fmt_value(v)}" for k, v in conf.items())
            out.append(f"{'':<{width}}  {'':<6}  defaults: {opts}")
    print("\n".join(out))
    return 0


def editable_toml(pipe: Pipeline) -> str:
    """The pipeline config as TOML with every detector's options spelled out, one table each.

    Each detector's registered defaults are filled in (and its summary given as a comment),
    so the file is a complete starting point to edit; it loads back to the same behaviour.
    """
    import tomli_w

    from . import _registry as registry

    conf = pipe.config.to_dict()
    steps = conf.pop("detectors")
    out = ["# newsclean pipeline config: `newsclean clean --config FILE` / `batch --config FILE`"]
    out.append(tomli_w.dumps(conf).rstrip())
    for step in steps:
        cls = registry.get(step["name"])
        options = {**cls().config(), **step["config"]}
        out.append("")
        out.append(f"# {step['name']} ({cls.stage}): {cls.summary}")
        out.append("[[detectors]]")
        out.append(tomli_w.dumps({"name": step["name"], "enabled": step["enabled"]}).rstrip())
        if options:
            out.append("[detectors.config]")
            out.append(tomli_w.dumps(options).rstrip())
    return "\n".join(out) + "\n"


def _cmd_config(args: argparse.Namespace) -> int:
    if args.check:
        with open(args.check, encoding="utf-8") as fh:
            pipe = Pipeline.from_config(fh.read())
        print(f"# {args.check} is valid (fingerprint {pipe.config.fingerprint()})")
        sys.stdout.write(editable_toml(pipe))
        return 0
    sys.stdout.write(editable_toml(Pipeline.default()))
    return 0


# -- parser ----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Strip scraper noise from article text and explain every removal.",
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser(
        "clean",
        help="clean one document (text or HTML) to stdout",
        description="Clean one document. Input is HTML if it starts with '<' and has an HTML "
        "tag (override with --html/--text). The clean text goes to stdout; --explain writes "
        "the removal report to stderr.",
    )
    p.add_argument("file", nargs="?", metavar="FILE|-", help="input file (default: stdin)")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--html", action="store_true", help="treat the input as HTML")
    kind.add_argument("--text", action="store_true", help="treat the input as plain text")
    p.add_argument("--json", action="store_true", help="print Article.to_dict() as JSON")
    p.add_argument("--explain", action="store_true", help="print the removal report on stderr")
    p.add_argument("--title", help="known headline of a text input")
    p.add_argument("--url", help="page URL of an HTML input")
    p.add_argument(
        "--mode",
        choices=("article", "page"),
        default="article",
        help="text input: 'article' = extractor output (default); 'page' = the text of a whole "
        "page, menus and footers still in (html2text, inscriptis, WET)",
    )
    _add_pipeline_args(p)
    p.set_defaults(func=_cmd_clean)

    add_batch_parser(sub, _add_pipeline_args).set_defaults(func=_cmd_batch)
    from ._report.command import add_report_parser

    add_report_parser(sub, _add_pipeline_args).set_defaults(func=_cmd_report)

    d = sub.add_parser("detectors", help="list the registered detectors")
    d.add_argument("--json", action="store_true", help="machine-readable output")
    d.set_defaults(func=_cmd_detectors)

    c = sub.add_parser("config", help="print the default pipeline config, or check one")
    what = c.add_mutually_exclusive_group()
    what.add_argument(
        "--default", action="store_true", help="print the default config as TOML (the default)"
    )
    what.add_argument("--check", metavar="FILE.toml", help="validate a config and print it")
    c.set_defaults(func=_cmd_config)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        rc: int = args.func(args)
    except NewscleanError as e:
        print(f"newsclean: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - `newsclean clean x | head`
        return 0
    except OSError as e:
        print(f"newsclean: error: {e}", file=sys.stderr)
        return 1
    return rc


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
