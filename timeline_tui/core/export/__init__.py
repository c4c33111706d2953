"""Exports: pure functions from a Timeline and the indexes of the events to export
(in timeline order) to text, one module per format. The CLI's `export`, the app's
"Export view…" and its `y` (markdown_citation, quote_line) all use these."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Timeline
from .csv_table import csv_table
from .json_document import json_document
from .markdown import markdown_chronology, markdown_citation
from .plain import quote_line
from .target import file_bytes, refusal
from .timelinejs import GROUP_BY, timelinejs_document

__all__ = ["FORMATS", "GROUP_BY", "SUFFIXES", "export", "file_bytes", "markdown_citation",
           "quote_line", "refusal"]

FORMATS = ("markdown", "csv", "json", "timelinejs")
SUFFIXES = {"markdown": ".md", "csv": ".csv", "json": ".json", "timelinejs": ".json"}
"""The usual file name ending of each format."""


def export(timeline: Timeline, indexes: Sequence[int], output_format: str,
           group_by: str = "none") -> str:
    """The chosen events in `output_format` (one of FORMATS); `group_by` is for
    timelinejs only."""
    if output_format == "markdown":
        return markdown_chronology(timeline, indexes)
    if output_format == "csv":
        return csv_table(timeline, indexes)
    if output_format == "json":
        return json_document(timeline, indexes)
    if output_format == "timelinejs":
        return timelinejs_document(timeline, indexes, group_by)
    raise ValueError(f"unknown export format {output_format!r}")
