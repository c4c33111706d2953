"""YAML files to a Timeline, with a located Problem for everything wrong.

Loading has two stages so that a changed file can be parsed again alone:

1. `parse_file` turns one file's bytes into a `FileDraft`: its actors and sources,
   its events with references still as written, and the problems found in the file.
2. `build_timeline` merges drafts: it checks ids across files, resolves references
   and sorts the events.

Scalars are read from the YAML node tree as written, so YAML 1.1's implicit types
(`NO` as false, `1:30` as 90, an unquoted date as a date object) never change a
title or an id, and `2025-05-16` means the same quoted or not.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

import yaml
from yaml.composer import ComposerError
from yaml.reader import ReaderError

from .dates import DateError, PartialDate, parse_date
from .model import Actor, Event, Position, Problem, Quote, Source, Timeline
from .records import quick_pickle

__all__ = [
    "EventDraft",
    "FileDraft",
    "MergeMemo",
    "QuoteDraft",
    "Ref",
    "build_timeline",
    "discover_files",
    "load_paths",
    "parse_file",
    "read_bytes",
    "read_file",
]

_CORE = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL = _CORE + "str", _CORE + "null", _CORE + "bool"
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
                return _NULL
            if implicit[0] and value in _BOOL_WORDS:
                return _BOOL
            return _STR
        return _CORE + ("seq" if kind is yaml.SequenceNode else "map")


class _LibYamlLoader(_PlainResolver, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser where PyYAML has it: several times faster, and it bounds
    nesting depth."""


class _PythonLoader(_PlainResolver, yaml.SafeLoader):
    """PyYAML's own parser, with the same tags."""


_YamlLoader: type = _LibYamlLoader

YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES = 4_000_000
"""Bound on the values in one file, so that its nodes' memory stays bounded (about
1.5 GB): above the 3 million of the largest benchmark, 100,000 events in 65 MB."""
MAX_ALIASED_NODES = 250_000
"""Bound on the values read beyond those a file holds, by using aliases more than
once, so that an alias bomb cannot expand."""
MAX_DEPTH = 100
"""Bound on nesting; the pure-Python parser composes nodes recursively."""
MAX_EXTRA_NODES = 10_000
"""Bound on the nodes read from one `x-` field, so an alias bomb cannot expand."""
MAX_SUGGESTION_COMPARISONS = 100_000
"""Bound on the names compared to suggest "did you mean": each comparison costs
microseconds, and a file of broken references against a large timeline would take
minutes to suggest for."""

_PLAIN_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML 1.1 parsers count as a line break, so positions agree with theirs."""

KIND_KEYS = ("actors", "sources", "events")
ACTOR_KEYS = ("id", "name", "aliases", "role", "group", "description")
SOURCE_KEYS = ("id", "title", "outlet", "url", "author", "published", "accessed",
               "archived_url", "notes")
EVENT_KEYS = ("id", "date", "title", "end", "summary", "actors", "location", "tags",
              "sources", "quotes", "related", "notes")
QUOTE_KEYS = ("text", "speaker", "source", "reported", "context")


@quick_pickle
@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to an actor, source or event, as written, and where."""

    text: str
    position: Position


@quick_pickle
@dataclass(frozen=True, slots=True)
class QuoteDraft:
    text: str
    speaker: Ref
    position: Position
    source: Ref | None = None
    reported: bool = False
    context: str = ""


@quick_pickle
@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event as one file states it, before references are resolved."""

    id: str
    date: PartialDate
    title: str
    position: Position
    id_position: Position
    end: PartialDate | None = None
    summary: str = ""
    actors: tuple[Ref, ...] = ()
    location: str = ""
    tags: tuple[str, ...] = ()
    sources: tuple[Ref, ...] = ()
    quotes: tuple[QuoteDraft, ...] = ()
    related: tuple[Ref, ...] = ()
    notes: str = ""
    extras: tuple[tuple[str, object], ...] = ()


@quick_pickle
@dataclass(frozen=True, slots=True)
class FileDraft:
    """What one file holds, and what is wrong with it."""

    path: str
    actors: tuple[Actor, ...] = ()
    sources: tuple[Source, ...] = ()
    events: tuple[EventDraft, ...] = ()
    problems: tuple[Problem, ...] = ()


class _Invalid(Exception):
    """A field that cannot be read; its Problem is already recorded."""


class _TooLarge(Exception):
    """Aliases expand the file too far; its Problem is already recorded."""


def discover_files(paths: Iterable[str | os.PathLike]) -> tuple[list[str], list[Problem]]:
    """Expand files and directories to YAML files: directories recursively, sorted.

    A path that does not exist, or a directory that links back into itself, is a
    Problem rather than an exception.
    """
    found: list[str] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(path, problems))
        elif os.path.lexists(path):  # a file, or something read_file will explain
            found.append(str(path))
        else:
            problems.append(Problem(Position(str(path), 1, 1), "no such file or directory"))
    return list(dict.fromkeys(found)), problems


def _walk(top: Path, problems: list[Problem]) -> list[str]:
    # A stack of open listings rather than recursion: a tree can be thousands deep.
    found: list[str] = []
    visited: set[tuple[int, int]] = set()

    def listing(directory: Path) -> Iterator[os.DirEntry]:
        try:
            status = directory.stat()
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(Position(str(directory), 1, 1), _os_message(error)))
            return iter(())
        if (status.st_dev, status.st_ino) in visited:
            problems.append(Problem(Position(str(directory), 1, 1),
                                    "directory links back to one already read; skipped"))
            return iter(())
        visited.add((status.st_dev, status.st_ino))
        return iter(entries)

    pending = [(top, listing(top))]
    while pending:
        directory, entries = pending[-1]
        entry = next(entries, None)
        if entry is None:
            pending.pop()
            continue
        if entry.name.startswith("."):
            continue
        entry_path = directory / entry.name
        if _is_directory(entry):
            pending.append((entry_path, listing(entry_path)))
        elif entry.name.endswith(YAML_SUFFIXES) and (entry.is_symlink() or entry.is_file()):
            found.append(str(entry_path))
    return found


def _is_directory(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop; read_file reports it when it is a YAML file
        return False


def _os_message(error: OSError) -> str:
    return f"cannot read: {error.strerror or error}"


def read_file(path: str) -> FileDraft:
    """Read and parse one file; an unreadable file is a draft with one Problem."""
    data = read_bytes(path)
    return data if isinstance(data, FileDraft) else parse_file(path, data)


def read_bytes(path: str) -> bytes | FileDraft:
    """A file's bytes, or, when it cannot or must not be read, a draft saying why."""
    try:
        status = os.stat(path)
        # A FIFO or a device (a symlink to /dev/zero) would block or never end.
        if not stat.S_ISREG(status.st_mode):
            return _failed(path, 1, 1, "not a regular file")
        if status.st_size > MAX_FILE_BYTES:
            return _failed(path, 1, 1, f"file is {status.st_size:,} bytes; "
                                       f"the limit is {MAX_FILE_BYTES:,}")
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return _failed(path, 1, 1, _os_message(error))
    if len(data) > MAX_FILE_BYTES:  # it grew after stat
        return _failed(path, 1, 1, f"file is over the limit of {MAX_FILE_BYTES:,} bytes")
    return data


def _failed(path: str, line: int, column: int, message: str) -> FileDraft:
    return FileDraft(path=path, problems=(Problem(Position(path, line, column), message),))


def parse_file(path: str, data: bytes) -> FileDraft:
    """Parse one file's bytes into a FileDraft. Never raises for bad input."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        # Its NUL bytes would otherwise call it binary.
        return _failed(path, 1, 1, "the file is UTF-16 or UTF-32 text (it starts with "
                                   "that byte order mark); save it as UTF-8")
    if b"\0" in data:
        line, column = _end_of(data[: data.index(b"\0")].decode("utf-8-sig", "replace"))
        return _failed(path, line, column, "binary data (a NUL byte), not YAML text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _end_of(data[: error.start].decode("utf-8-sig"))
        return _failed(path, line, column, f"not valid UTF-8 (byte 0x{data[error.start]:02x})")
    if not text.strip():
        return _failed(path, 1, 1, "empty file: expected a mapping with actors, sources or events")
    try:
        node_count = _check_bounds(text)
        root = yaml.compose(text, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = _yaml_message(error, text)
        return _failed(path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, message)
    except ReaderError as error:
        # libyaml gives the position in bytes, the Python reader in characters:
        # find the character itself.
        line, column = _end_of(text[: max(text.find(chr(error.character)), 0)])
        return _failed(path, line, column,
                       f"character U+{error.character:04X} is not allowed in YAML text; "
                       f"in a double-quoted string write it as \"\\u{error.character:04X}\"")
    except yaml.YAMLError as error:
        return _failed(path, 1, 1, f"YAML error: {error}")
    except RecursionError:
        return _failed(path, 1, 1, "nesting is too deep")
    if root is None:
        return _failed(path, 1, 1, "empty file: expected a mapping with actors, sources or events")
    return _FileParser(path, node_count).parse(root)


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


def _end_of(text: str) -> tuple[int, int]:
    """The line and column just after `text`, counting as YAML parsers count."""
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(text):
        line, line_start = line + 1, match.end()
    return line, len(text) - line_start + 1


def _yaml_message(error: yaml.MarkedYAMLError, text: str) -> str:
    parts = [part for part in (error.context, error.problem) if part]
    message = ": ".join(parts) or "YAML syntax error"
    if "\t" in message or "'\\t'" in message or _tab_at(text, error.problem_mark):
        message += " (YAML does not allow tabs for indentation; use spaces)"
    return message


def _tab_at(text: str, mark: yaml.Mark | None) -> bool:
    """Whether a tab is at the mark or in its line's indentation (libyaml's messages
    do not name the character)."""
    if mark is None:
        return False
    lines = _LINE_BREAK.split(text, maxsplit=mark.line + 1)
    line = lines[mark.line] if mark.line < len(lines) else ""
    indentation = line[: len(line) - len(line.lstrip(" \t"))]
    return line[mark.column: mark.column + 1] == "\t" or "\t" in indentation


class _FileParser:
    """Walks one file's node tree, recording a Problem for each thing wrong."""

    def __init__(self, path: str, node_count: int) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.nodes_left = node_count + MAX_ALIASED_NODES
        """Nodes still to read: an alias is read in full each time it is used."""

    def position(self, node: yaml.Node) -> Position:
        return Position(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.position(node), message))

    def parse(self, root: yaml.Node) -> FileDraft:
        actors: list[Actor] = []
        sources: list[Source] = []
        events: list[EventDraft] = []
        if not isinstance(root, yaml.MappingNode):
            self.error(root, f"expected a mapping with actors, sources or events, "
                             f"found {_describe(root)}")
            return FileDraft(self.path, problems=tuple(self.problems))
        builders = {"actors": (self.actor, actors), "sources": (self.source, sources),
                    "events": (self.event, events)}
        try:
            for key, value in self.mapping(root, KIND_KEYS, allow_extras=False).items():
                build, into = builders[key]
                for item in self.sequence(value, key):
                    try:
                        into.append(build(item, len(into)))
                    except _Invalid:
                        pass
        except (_Invalid, _TooLarge):
            # A tagged root, or aliases past MAX_ALIASED_NODES: the file is refused
            # whole, as a file that does not parse is.
            return FileDraft(self.path, problems=tuple(self.problems))
        return FileDraft(self.path, tuple(actors), tuple(sources), tuple(events),
                         tuple(self.problems))

    # Shapes

    def check_tag(self, node: yaml.Node) -> None:
        """Refuses a tag other than the plain ones; every node read passes here,
        so it also counts the nodes read."""
        self.nodes_left -= 1
        if self.nodes_left < 0:
            self.error(node, f"aliases repeat more than {MAX_ALIASED_NODES:,} values; "
                             "write the values out")
            raise _TooLarge
        if node.tag not in _PLAIN_TAGS:
            self.error(node, f"the tag {node.tag.replace(_CORE, '!!')} is not allowed: "
                             "timelines hold plain data")
            raise _Invalid

    def mapping(self, node: yaml.Node, known: Sequence[str],
                allow_extras: bool = True) -> dict[str, yaml.Node]:
        """Keys to value nodes; reports duplicate and unknown keys (with a suggestion)."""
        self.check_tag(node)
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"expected a mapping, found {_describe(node)}")
            raise _Invalid
        fields: dict[str, yaml.Node] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, f"expected a key, found {_describe(key_node)}")
                continue
            key = key_node.value
            if key in first_seen:
                first = first_seen[key]
                self.error(key_node, f"duplicate key {key!r} (first at line "
                                     f"{first.start_mark.line + 1}, column {first.start_mark.column + 1})")
                continue
            first_seen[key] = key_node
            if key in known or (allow_extras and key.startswith("x-")):
                fields[key] = value_node
            elif key == "<<":
                self.error(key_node, "merge keys (<<) are not supported; write the fields out")
            else:
                self.error(key_node, _unknown_key_message(key, known, allow_extras))
        return fields

    def sequence(self, node: yaml.Node, name: str) -> list[yaml.Node]:
        try:
            self.check_tag(node)
        except _Invalid:
            return []
        if isinstance(node, yaml.SequenceNode):
            return node.value
        if _is_null(node):
            return []
        self.error(node, f"{name} must be a list, found {_describe(node)}")
        return []

    def text(self, node: yaml.Node, name: str, required: bool = False) -> str:
        self.check_tag(node)
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{name} must be text, found {_describe(node)}")
            raise _Invalid
        value = "" if _is_null(node) else node.value
        if required and not value.strip():
            self.error(node, f"{name} must not be empty")
            raise _Invalid
        return value

    def texts(self, node: yaml.Node, name: str) -> tuple[str, ...]:
        values = []
        for item in self.sequence(node, name):
            try:
                values.append(self.text(item, f"each of {name}", required=True))
            except _Invalid:
                pass
        return tuple(values)

    def refs(self, node: yaml.Node, name: str) -> tuple[Ref, ...]:
        refs = []
        for item in self.sequence(node, name):
            try:
                refs.append(Ref(self.text(item, f"each of {name}", required=True).strip(),
                                self.position(item)))
            except _Invalid:
                pass
        return tuple(refs)

    def date(self, node: yaml.Node, name: str) -> PartialDate:
        value = self.text(node, name, required=True)
        try:
            return parse_date(value)
        except DateError as error:
            self.error(node, f"{name}: {error}")
            raise _Invalid from None

    def boolean(self, node: yaml.Node, name: str) -> bool:
        self.check_tag(node)
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            if node.value.lower() in ("true", "false"):
                return node.value.lower() == "true"
            self.error(node, f"{name} must be true or false; {node.value!r} is YAML 1.1 "
                             "for a boolean and other tools read it differently")
        else:
            self.error(node, f"{name} must be true or false, found {_describe(node)}")
        raise _Invalid

    def extras(self, fields: dict[str, yaml.Node]) -> tuple[tuple[str, object], ...]:
        return tuple((key, self.plain(node)) for key, node in fields.items()
                     if key.startswith("x-"))

    def plain(self, node: yaml.Node) -> object:
        """A user's own field as plain data, bounded against alias expansion."""
        budget = [MAX_EXTRA_NODES]

        def convert(current: yaml.Node, depth: int) -> object:
            budget[0] -= 1
            if budget[0] < 0 or depth > 50:
                self.error(node, "this x- field is too large or too deeply nested")
                raise _Invalid
            self.check_tag(current)
            if isinstance(current, yaml.SequenceNode):
                return tuple(convert(item, depth + 1) for item in current.value)
            if isinstance(current, yaml.MappingNode):
                return tuple((str(key.value), convert(value, depth + 1))
                             for key, value in current.value)
            return "" if _is_null(current) else current.value

        return convert(node, 0)

    # Records

    def required(self, fields: dict[str, yaml.Node], node: yaml.Node, kind: str,
                 names: Sequence[str]) -> None:
        missing = [name for name in names if name not in fields]
        if missing:
            listed = ", ".join(missing)
            self.error(node, f"{kind} is missing required field{'s' if len(missing) > 1 else ''} "
                             f"{listed}")
            raise _Invalid

    def optional(self, fields: dict[str, yaml.Node], read: dict) -> dict[str, object]:
        """Read each present optional field; a bad one is reported and left out."""
        values = {}
        for name, reader in read.items():
            if name in fields:
                try:
                    values[name] = reader(fields[name], name)
                except _Invalid:
                    pass
        return values

    def actor(self, node: yaml.Node, index: int) -> Actor:
        fields = self.mapping(node, ACTOR_KEYS)
        self.required(fields, node, "actor", ("id", "name"))
        return Actor(
            id=self.text(fields["id"], "id", required=True).strip(),
            name=self.text(fields["name"], "name", required=True).strip(),
            position=self.position(node),
            extras=self.extras(fields),
            **self.optional(fields, {"aliases": self.texts, "role": self.text,
                                     "group": self.text, "description": self.text}),
        )

    def source(self, node: yaml.Node, index: int) -> Source:
        fields = self.mapping(node, SOURCE_KEYS)
        self.required(fields, node, "source", ("id",))
        source_id = self.text(fields["id"], "id", required=True).strip()
        values = self.optional(fields, {
            "title": self.text, "outlet": self.text, "url": self.text, "author": self.text,
            "published": self.date, "accessed": self.date, "archived_url": self.text,
            "notes": self.text,
        })
        if not any(values.get(name) for name in ("title", "outlet", "url")):
            self.error(node, "source needs at least one of title, outlet or url")
            raise _Invalid
        return Source(id=source_id, position=self.position(node),
                      extras=self.extras(fields), **values)

    def event(self, node: yaml.Node, index: int) -> EventDraft:
        fields = self.mapping(node, EVENT_KEYS)
        self.required(fields, node, "event", ("id", "date", "title"))
        event_id = self.text(fields["id"], "id", required=True).strip()
        date = self.date(fields["date"], "date")
        title = self.text(fields["title"], "title", required=True)
        values = self.optional(fields, {
            "end": self.date, "summary": self.text, "actors": self.refs,
            "location": self.text, "tags": self.texts, "sources": self.refs,
            "quotes": self.quotes, "related": self.refs, "notes": self.text,
        })
        end = values.get("end")
        if end is not None and end.latest < date.earliest:
            self.error(fields["end"], f"end {end.text} is before date {date.text}")
            del values["end"]
        return EventDraft(id=event_id, date=date, title=title, position=self.position(node),
                          id_position=self.position(fields["id"]),
                          extras=self.extras(fields), **values)

    def quotes(self, node: yaml.Node, name: str) -> tuple[QuoteDraft, ...]:
        quotes = []
        for item in self.sequence(node, name):
            try:
                quotes.append(self.quote(item))
            except _Invalid:
                pass
        return tuple(quotes)

    def quote(self, node: yaml.Node) -> QuoteDraft:
        fields = self.mapping(node, QUOTE_KEYS, allow_extras=False)
        self.required(fields, node, "quote", ("text", "speaker"))
        speaker = fields["speaker"]
        values = self.optional(fields, {"reported": self.boolean, "context": self.text})
        if "source" in fields:
            source_node = fields["source"]
            try:
                values["source"] = Ref(self.text(source_node, "source", required=True).strip(),
                                       self.position(source_node))
            except _Invalid:
                pass
        return QuoteDraft(
            text=self.text(fields["text"], "text", required=True),
            speaker=Ref(self.text(speaker, "speaker", required=True).strip(),
                        self.position(speaker)),
            position=self.position(node),
            **values,
        )


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL and not node.style


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if _is_null(node):
        return "nothing"
    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"{value!r}"


def _unknown_key_message(key: str, known: Sequence[str], allow_extras: bool) -> str:
    message = f"unknown key {key!r}"
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        message += f" (did you mean {close[0]!r}?)"
    else:
        message += f"; expected one of {', '.join(known)}"
    if allow_extras:
        message += "; name your own fields x-…"
    return message


def _closest(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


# Stage 2: merging drafts


class _Merger:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.actors: dict[str, Actor] = {}
        self.sources: dict[str, Source] = {}
        self.actor_keys: dict[str, str] = {}
        """Every casefolded id, name and alias -> actor id."""
        self.actor_spellings: dict[str, str] = {}
        """Casefolded spelling -> the spelling as written, for suggestions."""
        self.suggestions: dict[tuple[str, str], str] = {}
        """(kind, unknown name) -> its suggestion: a renamed id is often used many times."""
        self.comparisons_left = MAX_SUGGESTION_COMPARISONS

    def error(self, position: Position, message: str) -> None:
        self.problems.append(Problem(position, message))

    def add_actor(self, actor: Actor) -> None:
        if actor.id in self.actors:
            first = self.actors[actor.id]
            self.error(actor.position, f"duplicate actor id {actor.id!r} (first at {first.position})")
            return
        self.actors[actor.id] = actor
        for spelling in dict.fromkeys(actor.names):
            key = spelling.casefold()
            owner = self.actor_keys.get(key)
            if owner is not None and owner != actor.id:
                self.error(actor.position, f"{spelling!r} already refers to actor {owner!r} "
                                           f"(at {self.actors[owner].position})")
                continue
            self.actor_keys[key] = actor.id
            self.actor_spellings[key] = spelling

    def add_source(self, source: Source) -> None:
        if source.id in self.sources:
            first = self.sources[source.id]
            self.error(source.position, f"duplicate source id {source.id!r} (first at {first.position})")
            return
        self.sources[source.id] = source

    def suggest(self, kind: str, word: str, candidates: Collection[str]) -> str:
        """A "did you mean" for an unknown name, once the candidates of its kind are
        all known; nothing once MAX_SUGGESTION_COMPARISONS are spent."""
        key = (kind, word)
        if key not in self.suggestions:
            if len(candidates) > self.comparisons_left:
                return ""
            self.comparisons_left -= len(candidates)
            self.suggestions[key] = _closest(word, candidates)
        return self.suggestions[key]

    def actor(self, ref: Ref, what: str) -> str | None:
        actor_id = self.actor_keys.get(ref.text.casefold())
        if actor_id is None:
            spellings = self.actor_spellings.values()
            self.error(ref.position, f"{what} {ref.text!r} is not a known actor"
                                     f"{self.suggest('actor', ref.text, spellings)}")
        return actor_id

    def source(self, ref: Ref) -> str | None:
        if ref.text in self.sources:
            return ref.text
        self.error(ref.position, f"unknown source {ref.text!r}"
                                 f"{self.suggest('source', ref.text, self.sources)}")
        return None

    def event(self, draft: EventDraft, order: tuple[int, int]) -> Event:
        actor_ids = [self.actor(ref, "actor") for ref in draft.actors]
        source_ids = [self.source(ref) for ref in draft.sources]
        quotes = []
        for quote in draft.quotes:
            speaker_id = self.actor(quote.speaker, "speaker")
            if quote.source is not None:
                source_id = self.source(quote.source)
            elif len(draft.sources) == 1:
                source_id = source_ids[0]
            else:
                source_id = None
                self.error(quote.position, f"quote names no source and the event lists "
                                           f"{len(draft.sources)}: add source: <id>")
            if speaker_id is not None:
                quotes.append(Quote(text=quote.text, speaker_id=speaker_id,
                                    position=quote.position, source_id=source_id,
                                    reported=quote.reported, context=quote.context))
        return Event(
            id=draft.id, date=draft.date, title=draft.title, position=draft.position,
            order=order, end=draft.end, summary=draft.summary,
            actor_ids=tuple(dict.fromkeys(a for a in actor_ids if a is not None)),
            location=draft.location, tags=draft.tags,
            source_ids=tuple(dict.fromkeys(s for s in source_ids if s is not None)),
            quotes=tuple(quotes), related=tuple(ref.text for ref in draft.related),
            notes=draft.notes, extras=draft.extras,
        )


_Resolved = tuple[Event, EventDraft]
"""An event and the draft it was resolved from."""


@dataclass(frozen=True, slots=True)
class _ResolvedFile:
    draft: FileDraft
    file_index: int
    registry: tuple[tuple, ...]
    in_file_order: list[_Resolved]
    in_date_order: list[_Resolved]
    problems: list[Problem]


class MergeMemo:
    """What `build_timeline` resolved for each file, reused while neither that file
    nor any file's actors and sources changed: a reload after one file of many
    changes resolves only that file's events."""

    def __init__(self) -> None:
        self._files: dict[str, _ResolvedFile] = {}

    def resolved(self, draft: FileDraft, file_index: int, registry: tuple[tuple, ...],
                 merger: _Merger) -> _ResolvedFile:
        cached = self._files.get(draft.path)
        if cached is not None and cached.draft is draft and cached.file_index == file_index \
                and len(cached.registry) == len(registry) \
                and all(a is b for a, b in zip(cached.registry, registry)):
            return cached
        resolved = _resolve_file(draft, file_index, registry, merger)
        self._files[draft.path] = resolved
        return resolved

    def keep_only(self, paths: Iterable[str]) -> None:
        keep = set(paths)
        for path in [path for path in self._files if path not in keep]:
            del self._files[path]


def _by_date(resolved: _Resolved) -> tuple:
    return resolved[0].sort_key


def _resolve_file(draft: FileDraft, file_index: int, registry: tuple[tuple, ...],
                  merger: _Merger) -> _ResolvedFile:
    first_problem = len(merger.problems)
    in_file_order: list[_Resolved] = []
    for index, event_draft in enumerate(draft.events):
        event = merger.event(event_draft, (file_index, index))
        in_file_order.append((event, event_draft))
    problems = merger.problems[first_problem:]
    del merger.problems[first_problem:]
    return _ResolvedFile(draft, file_index, registry, in_file_order,
                         sorted(in_file_order, key=_by_date), problems)


def build_timeline(drafts: Sequence[FileDraft], extra_problems: Sequence[Problem] = (),
                   memo: MergeMemo | None = None) -> Timeline:
    """Merge file drafts, in the given order, into one sorted, resolved Timeline.

    With a `memo` from the previous build, files whose drafts are the same objects
    as then, among the same actors and sources, are not resolved again.
    """
    merger = _Merger()
    for draft in drafts:
        for actor in draft.actors:
            merger.add_actor(actor)
        for source in draft.sources:
            merger.add_source(source)
    # The actors and sources every reference is resolved against, by identity.
    registry = tuple(part for draft in drafts for part in (draft.actors, draft.sources))
    memo = memo if memo is not None else MergeMemo()
    files = [memo.resolved(draft, index, registry, merger) for index, draft in enumerate(drafts)]
    memo.keep_only(draft.path for draft in drafts)

    events: dict[str, Event] = {}
    for resolved in files:
        for event, event_draft in resolved.in_file_order:
            if event.id in events:
                first = events[event.id]
                merger.error(event_draft.id_position,
                             f"duplicate event id {event.id!r} (first at {first.position})")
            else:
                events[event.id] = event
    by_date = [item for resolved in files for item in resolved.in_date_order]
    by_date.sort(key=_by_date)  # runs already sorted per file: a merge
    ordered: list[Event] = []
    for event, event_draft in by_date:
        if events.get(event.id) is not event:
            continue  # a duplicate, reported above
        if event_draft.related:
            event = _checked_related(event, event_draft, events, merger)
        ordered.append(event)
    problems = [*extra_problems]
    for draft, resolved in zip(drafts, files):
        problems.extend(draft.problems)
        problems.extend(resolved.problems)
    problems.extend(merger.problems)
    problems.sort(key=lambda problem: (problem.position.path, problem.position.line,
                                       problem.position.column))
    return Timeline(
        events=tuple(ordered),
        index_of=MappingProxyType({event.id: index for index, event in enumerate(ordered)}),
        actors=MappingProxyType(merger.actors),
        sources=MappingProxyType(merger.sources),
        problems=tuple(problems),
        files=tuple(draft.path for draft in drafts),
    )


def _checked_related(event: Event, event_draft: EventDraft, events: dict[str, Event],
                     merger: _Merger) -> Event:
    kept = []
    for ref in event_draft.related:
        if ref.text in events:
            kept.append(ref.text)
        else:
            merger.error(ref.position, f"unknown related event {ref.text!r}"
                                       f"{merger.suggest('event', ref.text, events)}")
    return event if len(kept) == len(event.related) else replace(event, related=tuple(kept))


def load_paths(paths: Iterable[str | os.PathLike]) -> Timeline:
    """Discover, read, parse and merge: the whole load, for `check` and tests."""
    files, problems = discover_files(paths)
    return build_timeline([read_file(path) for path in files], problems)
