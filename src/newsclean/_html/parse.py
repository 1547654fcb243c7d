"""HTML text to an ``lxml.html`` tree, parsed the way trafilatura expects it."""

from __future__ import annotations

from typing import Any

from ..errors import ExtractionError

__all__ = ["parse_html"]


def parse_html(html: str) -> Any | None:
    """An ``lxml.html`` tree of ``html`` as trafilatura parses it; fragments are wrapped.

    Returns None when there is nothing to parse.
    """
    import lxml.html
    from trafilatura.utils import load_html, repair_faulty_html

    if not html.strip():
        return None
    if not html.lstrip()[:200].lower().startswith(("<html", "<!doctype", "<?xml")):
        html = f"<html><body>{html}</body></html>"  # trafilatura rejects bare fragments
    html = repair_faulty_html(html, html[:50].lower())
    # huge_tree: without it libxml2 silently stops after ~10 MB of text or 256 levels of
    # nesting, and the article after that point would vanish without an error.
    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (ValueError, lxml.etree.ParserError) as e:
        raise ExtractionError(f"the page could not be parsed as HTML: {e}") from e
    if any(err.type_name == "ERR_RESOURCE_LIMIT" for err in parser.error_log):
        raise ExtractionError(
            "the page nests elements deeper than the HTML parser's limit; refusing rather "
            "than returning a partial article"
        )
    return load_html(tree)
