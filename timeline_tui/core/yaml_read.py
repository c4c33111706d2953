"""Stage 2 of a load: one file's bytes, read within bounds, to a YAML node tree.

Every limit that protects memory and time is enforced here, before any record is
looked at: the file's size, its encoding, its nesting and its number of values.
Anything that stops the file from being read becomes a one-Problem FileDraft.
Plain scalars are tagged only as null, boolean or text: the next stage reads every
value from its text as written, so YAML 1.1's implicit types (`NO` as false, `1:30`
as 90, an unquoted date as a date object) never change a title or an id.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import NamedTuple

import yaml
from yaml.composer import ComposerError
from yaml.reader import ReaderError

from .discover import os_message
from .drafts import FileDraft, failed_draft
from .model import Position, Problem

__all__ = ["BOOL_TAG", "CORE_TAG", "MAX_ALIASED_NODES", "MAX_FILE_BYTES", "NULL_TAG",
           "Composed", "compose_file", "end_of", "needs_bounds_check", "plain_syntax_message",
           "read_bytes"]

CORE_TAG = "tag:yaml.org,2002:"
STR_TAG, NULL_TAG, BOOL_TAG = CORE_TAG + "str", CORE_TAG + "null", CORE_TAG + "bool"
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL_WORDS = frozenset(word for plain in ("yes", "no", "true", "false", "on", "off", "y", "n")
                        for word in (plain, plain.title(), plain.upper()))


class _PlainResolver:
    """Tags a plain scalar only as null, a boolean or text.

    The loader reads every other value from its text as written, so PyYAML's
    implicit resolver (regular expressions in Python, run on every scalar, most of
    a large file's parse) would be work thrown away. The booleans are YAML 1.1's,
    so that `reported: yes` can be explained rather than taken as text.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value in _NULL_WORDS:
                return NULL_TAG
            if implicit[0] and value in _BOOL_WORDS:
                return BOOL_TAG
            return STR_TAG
        return CORE_TAG + ("seq" if kind is yaml.SequenceNode else "map")


class _LibYamlLoader(_PlainResolver, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser where PyYAML has it: several times faster, and it bounds
    nesting depth."""


class _PythonLoader(_PlainResolver, yaml.SafeLoader):
    """PyYAML's own parser, with the same tags."""


_YamlLoader: type = _LibYamlLoader

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES = 4_000_000
"""Bound on the values in one file, so that its nodes' memory stays bounded (about
1.5 GB): above the 3 million of the largest benchmark, 100,000 events in 65 MB."""
MAX_ALIASED_NODES = 250_000
"""Bound on the values read beyond those a file holds, by using aliases more than
once, so that an alias bomb cannot expand."""
MAX_DEPTH = 100
"""Bound on nesting; the pure-Python parser composes nodes recursively."""

_ANCHOR = re.compile(r"&[^\s,\[\]{}]")
"""What could be an anchor (it may also be text inside a quoted scalar: then the
file is only pre-read without need)."""

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML 1.1 parsers count as a line break, so positions agree with theirs."""


def read_bytes(path: str) -> bytes | FileDraft:
    """A file's bytes, or, when it cannot or must not be read, a draft saying why."""
    try:
        status = os.stat(path)
        # A FIFO or a device (a symlink to /dev/zero) would block or never end.
        if not stat.S_ISREG(status.st_mode):
            return failed_draft(path, 1, 1, "not a regular file")
        if status.st_size > MAX_FILE_BYTES:
            return failed_draft(path, 1, 1, f"file is {status.st_size:,} bytes; "
                                       f"the limit is {MAX_FILE_BYTES:,}")
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return failed_draft(path, 1, 1, os_message(error))
    if len(data) > MAX_FILE_BYTES:  # it grew after stat
        return failed_draft(path, 1, 1, f"file is over the limit of {MAX_FILE_BYTES:,} bytes")
    return data



class Composed(NamedTuple):
    """A file's YAML nodes: all of them, or, after a syntax error, the records
    before it (`syntax_error` says where the rest could not be read)."""

    root: yaml.Node
    node_count: int | None
    """None when the values were not counted: the file has no anchors, so none is
    read twice."""
    text: str
    """The file's text, which the nodes' marks index."""
    syntax_error: Problem | None = None


def compose_file(path: str, data: bytes) -> Composed | FileDraft:
    """A file's root node and its number of values; or, when the bytes are not
    YAML within bounds, a draft with the one Problem that says why. A syntax
    error keeps the records before it when they can be cut off cleanly (see
    `_records_before`). Never raises for bad input."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        # Its NUL bytes would otherwise call it binary.
        return failed_draft(path, 1, 1, "the file is UTF-16 or UTF-32 text (it starts with "
                                   "that byte order mark); save it as UTF-8")
    body = data.removeprefix(codecs.BOM_UTF8)  # error offsets count from after the mark
    if b"\0" in body:
        line, column = end_of(body[: body.index(b"\0")].decode(errors="replace"))
        return failed_draft(path, line, column, "binary data (a NUL byte), not YAML text")
    try:
        text = body.decode()
    except UnicodeDecodeError as error:
        line, column = end_of(body[: error.start].decode())
        return failed_draft(path, line, column, f"not valid UTF-8 (byte 0x{body[error.start]:02x})")
    if not text.strip():
        return failed_draft(path, 1, 1, "empty file: expected a mapping with actors, sources "
                                        "or events", broken=False)
    try:
        composed = _compose(text)
    except yaml.MarkedYAMLError as error:
        line, column, message = plain_syntax_message(error, text)
        problem = Problem(Position(path, line, column), message, detail=_library_words(error))
        kept = _records_before(text, error)
        if kept is None:
            return FileDraft(path=path, problems=(problem,), broken=True)
        return kept._replace(syntax_error=problem)
    except ReaderError as error:
        # libyaml gives the position in bytes, the Python reader in characters:
        # find the character itself.
        line, column = end_of(text[: max(text.find(chr(error.character)), 0)])
        return failed_draft(path, line, column,
                       f"character U+{error.character:04X} is not allowed in YAML text; "
                       f"in a double-quoted string write it as \"\\u{error.character:04X}\"")
    except yaml.YAMLError as error:
        return failed_draft(path, 1, 1, f"YAML error: {error}")
    except RecursionError:
        return failed_draft(path, 1, 1, "nesting is too deep")
    if composed.root is None:
        return failed_draft(path, 1, 1, "empty file: expected a mapping with actors, sources "
                                        "or events", broken=False)
    return composed


def _compose(text: str) -> Composed:
    node_count = _check_bounds(text) if needs_bounds_check(text) else None
    return Composed(yaml.compose(text, Loader=_YamlLoader), node_count, text)


_RECORD_START = re.compile(r"( *)-(?: |$)")


def _records_before(text: str, error: yaml.MarkedYAMLError) -> Composed | None:
    """The nodes of the text before the record the error is in, or None.

    The text is cut at the start of that record: the nearest line at or above
    the error (or above where the broken construct opened: an unclosed quote is
    reported at the end of the file) that starts a list item at the least
    indentation of any item above it, or a top-level key. What is above the cut
    must then read as YAML without error; otherwise nothing is kept. Flow-style
    files (`events: [{…}, …]`) have no such lines and keep nothing.
    """
    marks = [mark.line for mark in (error.problem_mark, error.context_mark) if mark]
    if not marks:
        return None
    lines = _LINE_BREAK.split(text)[: min(marks) + 1]
    item_indents = [len(match[1]) for match in map(_RECORD_START.match, lines) if match]
    record_indent = min(item_indents, default=-1)
    cut = None
    for number in range(len(lines) - 1, -1, -1):
        line = lines[number]
        match = _RECORD_START.match(line)
        if (match and len(match[1]) == record_indent) or (line[:1].isalpha()):
            cut = number
            break
    if not cut:
        return None
    kept = "\n".join(lines[:cut]) + "\n"
    try:
        composed = _compose(kept)
    except yaml.YAMLError:
        return None
    return composed if isinstance(composed.root, yaml.MappingNode) else None


def needs_bounds_check(text: str) -> bool:
    """Whether the file must be read once before its nodes are built.

    libyaml bounds nesting itself, a file that cannot hold MAX_NODES values needs
    no count to protect memory, and without an anchor no alias can repeat a value:
    then the pre-read (a third of a large timeline's parse) is skipped. The
    pure-Python parser composes recursively, so it always needs the depth bound.
    """
    return (_YamlLoader is not _LibYamlLoader or _ANCHOR.search(text) is not None
            or (3 * len(text) >= MAX_NODES and _most_values(text) >= MAX_NODES))


def _most_values(text: str) -> int:
    """At least as many values as the text can hold. Each value but a document's
    only one is introduced by one of YAML's indicators, with at most two more
    (`- ` opens a list and its empty item; `:` in `[:]` makes a mapping, its empty
    key and its empty value; `{a}` a mapping, its key and an empty value), so
    counting indicators bounds it without the parse; text holds them too, which
    only makes the bound looser."""
    return 1 + 3 * sum(map(text.count, ":,{?")) + 2 * (text.count("-") + text.count("["))


def _check_bounds(text: str) -> int:
    """Read the file's events once before building its nodes, so that a file too
    large or too deeply nested is refused before it costs memory (or, in the
    pure-Python parser, recursion). Returns the number of nodes; raises
    ComposerError at the value past a bound."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_YamlLoader):
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise ComposerError(None, None, f"the file holds more than {MAX_NODES:,} "
                                                "values; split it into several files",
                                    event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nesting is deeper than {MAX_DEPTH} levels",
                                    event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return nodes


def end_of(text: str) -> tuple[int, int]:
    """The line and column just after `text`, counting as YAML parsers count."""
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(text):
        line, line_start = line + 1, match.end()
    return line, len(text) - line_start + 1


def _library_words(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.context, error.problem) if part]
    return ": ".join(parts) or "YAML syntax error"


def plain_syntax_message(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """The line, column and plain words for a YAML syntax error: what is wrong
    and how to fix it, at the spot to fix (an unclosed quote or bracket is
    pointed at where it opens). Both of PyYAML's parsers are understood."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    mark = problem_mark or context_mark
    if mark is None:
        return 1, 1, _library_words(error)
    context, problem = error.context or "", error.problem or ""
    lines = _LINE_BREAK.split(text)
    line = lines[mark.line] if mark.line < len(lines) else ""
    here = (mark.line + 1, mark.column + 1)
    if line[mark.column:].startswith("\t"):  # libyaml's messages do not name the character
        return (*here, "a tab in the indentation: YAML allows only spaces there; "
                       "replace the tab with spaces")
    if context_mark is not None and "quoted scalar" in context and "end of stream" in problem:
        quote = _char_at(lines, context_mark)
        return (context_mark.line + 1, context_mark.column + 1,
                f"this {quote} opens a quoted value that is never closed: add the closing "
                f"{quote} at the end of the value")
    if context_mark is not None and ("flow sequence" in context or "flow mapping" in context):
        opening = _char_at(lines, context_mark)
        what, closing = {"{": ("record", "}")}.get(opening, ("list", "]"))
        hidden = ""
        if " #" in lines[context_mark.line][context_mark.column:]:
            hidden = (f"; the \" #\" on its line starts a comment, which hides the rest of "
                      f"the line, {closing} included: quote the value that holds it")
        return (context_mark.line + 1, context_mark.column + 1,
                f"this {opening} is never closed: end the {what} with {closing}, with a "
                f"comma between its values (and quote a value that holds a comma or "
                f"a colon){hidden}")
    if "mapping values are not allowed" in problem:
        key, separator, value = line.partition(": ")
        if separator and len(key) < mark.column:
            quoted = value.strip().replace("\\", "\\\\").replace('"', '\\"')
            return (*here, f'this value contains ": " (a colon and a space), which YAML reads '
                           f'as the start of another key: put the whole value in double '
                           f'quotes, as in {key.strip()}: "{quoted}"')
        return (*here, "this line is indented more than the key above it, so YAML reads it "
                       "as part of that key's value: indent it like the other keys of its "
                       "record")
    before = line[: mark.column].rstrip()
    if "block mapping" in context:
        if before.endswith(('"', "'")):
            return (*here, "text after the closing quote: put all of the value inside the "
                           "quotes (inside double quotes write a quote as \\\")")
        if line[mark.column: mark.column + 1] == "-":
            return (*here, "a list item (- …) where a key (name: value) was expected: make it "
                           "a key, or indent it under a key that holds a list")
        return (*here, "this line's indentation does not match the keys around it: indent "
                       "it like the other keys of its record")
    if "block collection" in context:
        if context_mark is not None and mark.column == context_mark.column \
                and not line[mark.column:].startswith("-"):
            return (*here, "a key (name: value) where a list item was expected: start a new "
                           "record with \"- \", or indent the key under the record above it")
        return (*here, "this line's indentation does not match the lines around it: a list "
                       "item starts with \"- \" under the one above, a record's keys line up")
    return (*here, _library_words(error))


def _char_at(lines: list[str], mark: yaml.Mark) -> str:
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column: mark.column + 1] or "quote"

