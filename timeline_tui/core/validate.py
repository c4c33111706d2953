"""Stage 3 of a load: one file's node tree to a FileDraft, a Problem for each thing
wrong.

Each record is checked on its own: its keys (unknown ones get a "did you mean"),
the shape and type of every field, its dates. References to other records stay as
written (`Ref`), with their positions, for the merge to resolve across files.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

import yaml

from .dates import DateError, DateInterval, EventDate, check_zone, parse_date
from .drafts import DisputeDraft, EventDraft, FileDraft, QuoteDraft, Ref, SourceDraft, VersionDraft
from .model import Actor, Position, Problem, Source
from .yaml_read import BOOL_TAG, CORE_TAG, MAX_ALIASED_NODES, NULL_TAG, compose_file, read_bytes

__all__ = ["ACTOR_KEYS", "DISPUTE_KEYS", "EVENT_KEYS", "FILE_KEYS", "KIND_KEYS", "QUOTE_KEYS",
           "SOURCE_KEYS", "SOURCE_KINDS", "VERSION_KEYS", "parse_file", "read_file"]

T = TypeVar("T")

MAX_EXTRA_NODES = 10_000
"""Bound on the nodes read from one `x-` field, so an alias bomb cannot expand."""

_PLAIN_TAGS = frozenset(
    CORE_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)

_CUT_BY_COMMENT = re.compile(r" #[^ \t\r\n][^\n]*")
"""What follows an unquoted value that YAML read up to " #" and a word: the rest of the
line, which it dropped as a comment."""

KIND_KEYS = ("actors", "sources", "events")
FILE_KEYS = (*KIND_KEYS, "timezone")
"""A file's top-level keys: the kinds of record, and the IANA zone of the times
it writes with no zone."""
ACTOR_KEYS = ("id", "name", "aliases", "role", "group", "description")
SOURCE_KEYS = ("id", "title", "outlet", "url", "author", "published", "accessed",
               "archived_url", "notes", "kind", "based_on")
EVENT_KEYS = ("id", "date", "title", "end", "summary", "actors", "location", "tags",
              "sources", "quotes", "disputes", "related", "notes")
QUOTE_KEYS = ("text", "speaker", "source", "reported", "context")
DISPUTE_KEYS = ("about", "versions", "resolution")
VERSION_KEYS = ("says", "sources")
SOURCE_KINDS = ("primary", "report", "analysis", "other")
"""A source's `kind`: the actor's own words or documents, reporting, analysis, other."""


class _Invalid(Exception):
    """A field that cannot be read; its Problem is already recorded."""


class _TooLarge(Exception):
    """Aliases expand the file too far; its Problem is already recorded."""



def read_file(path: str) -> FileDraft:
    """Read and parse one file; an unreadable file is a draft with one Problem."""
    data = read_bytes(path)
    return data if isinstance(data, FileDraft) else parse_file(path, data)


def parse_file(path: str, data: bytes) -> FileDraft:
    """Parse one file's bytes into a FileDraft. Never raises for bad input."""
    composed = compose_file(path, data)
    if isinstance(composed, FileDraft):
        return composed
    draft = _FileParser(path, composed.node_count, composed.text).parse(composed.root)
    if composed.syntax_error is None:
        return draft
    # The records before a syntax error: kept, and the file marked broken.
    problems = sorted((*draft.problems, composed.syntax_error), key=_line_and_column)
    return replace(draft, problems=tuple(problems), broken=True)


class _FileParser:
    """Walks one file's node tree, recording a Problem for each thing wrong."""

    def __init__(self, path: str, node_count: int | None, file_text: str) -> None:
        self.path = path
        self.file_text = file_text
        """The file's text, to see what follows a value on its line."""
        self.problems: list[Problem] = []
        self.nodes_left = math.inf if node_count is None else node_count + MAX_ALIASED_NODES
        """Nodes still to read: an alias is read in full each time it is used
        (a file without anchors has no alias, and reads each node once)."""
        self.zone = ""
        """The file's `timezone:`, for its times written with no zone."""

    def position(self, node: yaml.Node) -> Position:
        return Position(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.position(node), message))

    def parse(self, root: yaml.Node) -> FileDraft:
        actors: list[Actor] = []
        sources: list[SourceDraft] = []
        events: list[EventDraft] = []
        if not isinstance(root, yaml.MappingNode):
            self.error(root, f"expected a mapping with actors, sources or events, "
                             f"found {_describe(root)}")
            return FileDraft(self.path, problems=tuple(self.problems))
        builders = {"actors": (self.actor, actors), "sources": (self.source, sources),
                    "events": (self.event, events)}
        try:
            fields = self.mapping(root, FILE_KEYS)
            if "timezone" in fields:
                self.zone = self.time_zone(fields.pop("timezone"))
            for key, value in fields.items():
                build, into = builders[key]
                for item in self.sequence(value, key):
                    try:
                        into.append(build(item))
                    except _Invalid:
                        pass
        except (_Invalid, _TooLarge):
            # A tagged root, or aliases past MAX_ALIASED_NODES: the file is refused
            # whole, as a file that does not parse is.
            return FileDraft(self.path, problems=tuple(self.problems), broken=True)
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
            self.error(node, f"the tag {node.tag.replace(CORE_TAG, '!!')} is not allowed: "
                             "timelines hold plain data")
            raise _Invalid

    def mapping(self, node: yaml.Node, known: Sequence[str],
                allow_extras: bool = False) -> dict[str, yaml.Node]:
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
        if not node.style:
            self.check_cut_by_comment(node, name)
        if required and not value.strip():
            self.error(node, f"{name} must not be empty")
            raise _Invalid
        return value

    def check_cut_by_comment(self, node: yaml.Node, name: str) -> None:
        """Warn when an unquoted value is followed by " #" and a word ("Talks #1
        open"): YAML ends the value there and drops the rest as a comment. A
        comment written as "  # words" is taken to be one."""
        cut = _CUT_BY_COMMENT.match(self.file_text, node.end_mark.index)
        if cut:
            dropped = cut[0].strip()
            self.problems.append(Problem(
                Position(self.path, node.end_mark.line + 1, node.end_mark.column + 2),
                f"{name}: YAML reads {dropped!r} as a comment and drops it: put the whole "
                f"value in quotes to keep it, as in \"{node.value} {dropped}\"",
                severity="warning"))

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
                refs.append(Ref.written(self.text(item, f"each of {name}", required=True).strip(),
                                        self.position(item)))
            except _Invalid:
                pass
        return tuple(refs)

    def date(self, node: yaml.Node, name: str) -> EventDate:
        if isinstance(node, yaml.SequenceNode) and node.flow_style:
            # `date: [2023-11-17,2023-11-18]` unquoted: YAML's list, not EDTF's set.
            self.error(node, f"{name} must be text, found a list; for one of several "
                             f"dates, quote it: {name}: \"[2023-11-17,2023-11-18]\"")
            raise _Invalid
        value = self.text(node, name, required=True)
        try:
            return parse_date(value, self.zone)
        except DateError as error:
            self.error(node, f"{name}: {error}")
            raise _Invalid from None

    def time_zone(self, node: yaml.Node) -> str:
        """The file's `timezone:`; a bad one is reported and the file's zone-less
        times stay zone-less."""
        try:
            return check_zone(self.text(node, "timezone", required=True))
        except _Invalid:
            return ""
        except DateError as error:
            self.error(node, f"timezone: {error}")
            return ""

    def boolean(self, node: yaml.Node, name: str) -> bool:
        self.check_tag(node)
        if isinstance(node, yaml.ScalarNode) and node.tag == BOOL_TAG:
            if node.value.lower() in ("true", "false"):
                return node.value.lower() == "true"
            self.error(node, f"{name} must be true or false; {node.value!r} is YAML 1.1 "
                             "for a boolean and other tools read it differently")
        else:
            self.error(node, f"{name} must be true or false, found {_describe(node)}")
        raise _Invalid

    def extras(self, fields: dict[str, yaml.Node]) -> tuple[tuple[str, object], ...]:
        """The user's own `x-` fields; one that cannot be read is reported and left
        out, as a bad optional field is, and its record kept."""
        values = []
        for key, node in fields.items():
            if key.startswith("x-"):
                try:
                    values.append((key, self.plain(node)))
                except _Invalid:
                    pass
        return tuple(values)

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

    def actor(self, node: yaml.Node) -> Actor:
        fields = self.mapping(node, ACTOR_KEYS, allow_extras=True)
        self.required(fields, node, "actor", ("id", "name"))
        return Actor(
            id=self.text(fields["id"], "id", required=True).strip(),
            name=self.text(fields["name"], "name", required=True).strip(),
            position=self.position(node),
            extras=self.extras(fields),
            **self.optional(fields, {"aliases": self.texts, "role": self.text,
                                     "group": self.text, "description": self.text}),
        )

    def source(self, node: yaml.Node) -> SourceDraft:
        fields = self.mapping(node, SOURCE_KEYS, allow_extras=True)
        self.required(fields, node, "source", ("id",))
        source_id = self.text(fields["id"], "id", required=True).strip()
        values = self.optional(fields, {
            "title": self.text, "outlet": self.text, "url": self.text, "author": self.text,
            "published": self.date, "accessed": self.date, "archived_url": self.text,
            "notes": self.text, "kind": self.source_kind, "based_on": self.refs,
        })
        if not any(values.get(name) for name in ("title", "outlet", "url")):
            self.error(node, "source needs at least one of title, outlet or url")
            raise _Invalid
        based_on = values.pop("based_on", ())
        return SourceDraft(Source(id=source_id, position=self.position(node),
                                  extras=self.extras(fields), **values), based_on)

    def source_kind(self, node: yaml.Node, name: str) -> str:
        value = self.text(node, name, required=True).strip()
        if value not in SOURCE_KINDS:
            close = difflib.get_close_matches(value.casefold(), SOURCE_KINDS)
            self.error(node, f"unknown kind {value!r}"
                             + (f" (did you mean {close[0]!r}?)" if close else "")
                             + f"; expected one of {', '.join(SOURCE_KINDS)}")
            raise _Invalid
        return value

    def event(self, node: yaml.Node) -> EventDraft:
        """An event whose id can be read is kept whatever else is wrong with it,
        with its problems, so that references to it hold and it can be found and
        fixed; a field that cannot be read is left out (an unusable date: None)."""
        first_problem = len(self.problems)
        fields = self.mapping(node, EVENT_KEYS, allow_extras=True)
        if "id" not in fields:
            self.required(fields, node, "event", ("id", "date", "title"))
        event_id = self.text(fields["id"], "id", required=True).strip()
        try:
            self.required(fields, node, "event", ("date", "title"))
        except _Invalid:
            pass
        values = self.optional(fields, {
            "date": self.date, "title": self.text_required, "end": self.date,
            "summary": self.text, "actors": self.refs, "location": self.text,
            "tags": self.texts, "sources": self.refs, "quotes": self.each(self.quote),
            "disputes": self.each(self.dispute), "related": self.refs, "notes": self.text,
        })
        self.check_end(values, fields)
        return EventDraft(id=event_id, date=values.pop("date", None),
                          title=values.pop("title", ""), position=self.position(node),
                          id_position=self.position(fields["id"]),
                          extras=self.extras(fields),
                          problems=tuple(sorted(self.problems[first_problem:],
                                                key=_line_and_column)), **values)

    def text_required(self, node: yaml.Node, name: str) -> str:
        return self.text(node, name, required=True)

    def check_end(self, values: dict, fields: dict[str, yaml.Node]) -> None:
        """An `end` is dropped, with a problem, when it precedes the date or the
        date is itself an interval."""
        date, end = values.get("date"), values.get("end")
        if end is None:
            return
        if isinstance(date, DateInterval):
            self.error(fields["end"], f"the date {date.text} is an interval, which has its "
                                      f"own end: give either the interval or end, not both")
            del values["end"]
        elif date is not None and end.latest < date.earliest:
            self.error(fields["end"], f"end {end.text} is before date {date.text}")
            del values["end"]

    def each(self, build: Callable[[yaml.Node], T]) -> Callable[[yaml.Node, str], tuple[T, ...]]:
        """A reader of a list of records that `build` reads; a bad one is reported
        and left out, the others kept."""
        def read(node: yaml.Node, name: str) -> tuple[T, ...]:
            records = []
            for item in self.sequence(node, name):
                try:
                    records.append(build(item))
                except _Invalid:
                    pass
            return tuple(records)

        return read

    def dispute(self, node: yaml.Node) -> DisputeDraft:
        fields = self.mapping(node, DISPUTE_KEYS)
        self.required(fields, node, "dispute", ("about", "versions"))
        about = self.text(fields["about"], "about", required=True)
        count = _item_count(fields["versions"])
        if count is not None and count < 2:
            self.error(fields["versions"], f"a dispute needs at least two versions, found {count}")
        versions = self.each(self.version)(fields["versions"], "versions")
        return DisputeDraft(about=about, versions=versions, position=self.position(node),
                            **self.optional(fields, {"resolution": self.text}))

    def version(self, node: yaml.Node) -> VersionDraft:
        fields = self.mapping(node, VERSION_KEYS)
        self.required(fields, node, "version", ("says", "sources"))
        says = self.text(fields["says"], "says", required=True)
        sources = self.refs(fields["sources"], "sources")
        if _item_count(fields["sources"]) == 0:
            self.error(fields["sources"], "a version needs at least one source id")
        return VersionDraft(says=says, sources=sources, position=self.position(node))

    def quote(self, node: yaml.Node) -> QuoteDraft:
        fields = self.mapping(node, QUOTE_KEYS)
        self.required(fields, node, "quote", ("text", "speaker"))
        speaker = fields["speaker"]
        values = self.optional(fields, {"reported": self.boolean, "context": self.text})
        if "source" in fields:
            source_node = fields["source"]
            try:
                values["source"] = Ref.written(
                    self.text(source_node, "source", required=True).strip(), self.position(source_node))
            except _Invalid:
                pass
        return QuoteDraft(
            text=self.text(fields["text"], "text", required=True),
            speaker=Ref.written(self.text(speaker, "speaker", required=True).strip(),
                                self.position(speaker)),
            position=self.position(node),
            **values,
        )


def _line_and_column(problem: Problem) -> tuple[int, int]:
    return problem.position.line, problem.position.column


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG and not node.style


def _item_count(node: yaml.Node) -> int | None:
    """The items of a list (an empty value holds none); None for anything else,
    which `sequence` reports as not a list."""
    if isinstance(node, yaml.SequenceNode):
        return len(node.value)
    return 0 if _is_null(node) else None


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
    close = difflib.get_close_matches(key, known)
    if close:
        message += f" (did you mean {close[0]!r}?)"
    else:
        message += f"; expected one of {', '.join(known)}"
    if allow_extras:
        message += "; name your own fields x-…"
    return message

