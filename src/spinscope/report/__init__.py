"""Reports of an Analysis: terminal (Rich), plain text, JSON, Markdown and a standalone HTML page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spinscope.report.terminal import print_terminal, render_text

if TYPE_CHECKING:
    from spinscope.analysis import Analysis

FORMATS = ("text", "json", "md", "html")


def render(analysis: Analysis, format: str) -> str:
    """The report of `analysis` in `format` ("text", "json", "md" or "html") as a string."""
    if format == "text":
        return render_text(analysis)
    if format == "json":
        return analysis.to_json()
    if format == "md":
        from spinscope.report.markdown import render_markdown

        return render_markdown(analysis)
    if format == "html":
        from spinscope.report.html import render_html

        return render_html(analysis)
    raise ValueError(f"unknown report format {format!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "print_terminal", "render"]
