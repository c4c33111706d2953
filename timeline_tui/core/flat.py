"""The flat form of a FileDraft: builtins only, which `marshal` writes and reads in
one call (the parse cache's format, and what parsing processes send back); and of
resolved Events (what the merge stores per file, see `merge`).

A record is a tuple of its constructor's fields in order; a position in the draft's
own file is one integer (line << 32 | column). The form is derived from the
dataclasses' field types, so a field added to a record is carried without a change
here: a field that holds records is flattened, anything else must already be
builtins. The code that converts each record type is generated once, at import,
because a large timeline has millions of records and a generic walk per value
would cost seconds.
"""

from __future__ import annotations

import dataclasses
import itertools
import marshal
import struct
import types
import typing
from collections.abc import Callable

from .drafts import EventDraft, FileDraft
from .model import COLUMN_BITS, Event, Position

__all__ = ["FIELDS", "FLAT_FORMAT", "RECORD_TYPES", "EventsGone", "FlatEvents", "concatenated",
           "dumps", "events_of", "from_flat", "load_head", "loads", "records_from_flat",
           "records_to_flat", "to_flat"]

FLAT_FORMAT = 3
"""Raise when the flat form changes in a way its field types do not show."""

def _record_types(root: type) -> list[type]:
    """Every dataclass reachable from `root` through field types, leaves first."""
    found: list[type] = []

    def visit(cls: type) -> None:
        if cls in found or cls is Position:
            return
        for hint in typing.get_type_hints(cls).values():
            for inner in _dataclasses_in(hint):
                visit(inner)
        found.append(cls)

    visit(root)
    return found


def _dataclasses_in(hint: object) -> list[type]:
    if dataclasses.is_dataclass(hint):
        return [hint]  # type: ignore[list-item]
    return [cls for arg in typing.get_args(hint) for cls in _dataclasses_in(arg)]


def _field_code(hint: object, value: str, direction: str, unions: list[tuple[type, ...]]) -> str:
    """Python source converting `value` (an expression) of type `hint`, to the flat
    form (`direction` "to") or from it ("from"). A union of several record types
    is numbered in `unions` and carried as (its member's place, the record)."""
    if not _dataclasses_in(hint):
        return value  # builtins already
    if dataclasses.is_dataclass(hint):
        return f"{direction}_{hint.__name__}({value}, path)"
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        members = tuple(arg for arg in args if arg is not type(None))
        if len(members) == 1:
            inner = _field_code(members[0], value, direction, unions)
        elif all(dataclasses.is_dataclass(member) for member in members):
            if members not in unions:
                unions.append(members)
            inner = f"{direction}_union{unions.index(members)}({value}, path)"
        else:
            raise TypeError(f"the flat form cannot carry a field of type {hint!r}; "
                            "extend timeline_tui/core/flat.py")
        return f"(None if {value} is None else {inner})" if len(members) < len(args) else inner
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _field_code(args[0], "item", direction, unions)
        if dataclasses.is_dataclass(args[0]):  # the common case, without a step in Python
            return f"(tuple(map({direction}_{args[0].__name__}, {value}, repeat(path))) if {value} else ())"
        return f"tuple([{item} for item in {value}])"
    raise TypeError(f"the flat form cannot carry a field of type {hint!r}; "
                    "extend timeline_tui/core/flat.py")


def _slot_init(cls: type) -> bool:
    """Whether the dataclass's __init__ stores its arguments in slots, and sets its
    other fields (if any) in `__post_init__`, so that a record can be made by
    setting the slots and then calling that."""
    return "__slots__" in vars(cls) and (hasattr(cls, "__post_init__")
                                         or all(field.init for field in dataclasses.fields(cls)))


def _generate(root: type) -> tuple[dict[type, Callable], dict[type, Callable]]:
    namespace: dict[str, object] = {"Position": Position, "repeat": itertools.repeat,
                                    "new": object.__new__, "_BITS": COLUMN_BITS,
                                    "_MASK": (1 << COLUMN_BITS) - 1}
    lines = [
        "def to_Position(position, path):",
        "    if position.path == path:",
        "        return position.line << _BITS | position.column",
        "    return (position.path, position.line, position.column)",
        "def from_Position(flat, path):",
        "    if flat.__class__ is int:",
        "        position = new(Position)",
        "        set_path(position, path)",
        "        set_line(position, flat >> _BITS)",
        "        set_column(position, flat & _MASK)",
        "        return position",
        "    return Position(*flat)",
    ]
    namespace.update(set_path=Position.path.__set__, set_line=Position.line.__set__,
                     set_column=Position.column.__set__)
    classes = _record_types(root)
    unions: list[tuple[type, ...]] = []
    for cls in classes:
        name = cls.__name__
        namespace[name] = cls
        hints = typing.get_type_hints(cls)
        fields = [field for field in dataclasses.fields(cls) if field.init]
        to_parts = [_field_code(hints[field.name], f"record.{field.name}", "to", unions)
                    for field in fields]
        from_parts = [_field_code(hints[field.name], f"flat[{index}]", "from", unions)
                      for index, field in enumerate(fields)]
        lines.append(f"def to_{name}(record, path):")
        lines.append(f"    return ({', '.join(to_parts)},)")
        lines.append(f"def from_{name}(flat, path):")
        if _slot_init(cls):
            # Set each slot through its descriptor: a third faster than a frozen
            # dataclass's __init__, which goes through object.__setattr__ by name.
            lines.append(f"    record = new({name})")
            for field, part in zip(fields, from_parts):
                namespace[f"set_{name}_{field.name}"] = getattr(cls, field.name).__set__
                lines.append(f"    set_{name}_{field.name}(record, {part})")
            if hasattr(cls, "__post_init__"):
                lines.append("    record.__post_init__()")
            lines.append("    return record")
        else:
            lines.append(f"    return {name}({', '.join(from_parts)})")
    for number, members in enumerate(unions):
        lines.append(f"def to_union{number}(record, path):")
        for place, member in enumerate(members):
            lines.append(f"    if record.__class__ is {member.__name__}:")
            lines.append(f"        return ({place}, to_{member.__name__}(record, path))")
        lines.append("    raise TypeError(f'not a member of the union: {record!r}')")
        lines.append(f"def from_union{number}(flat, path):")
        lines.append(f"    return (({', '.join(f'from_{m.__name__}' for m in members)},)"
                     "[flat[0]])(flat[1], path)")
    exec("\n".join(lines), namespace)  # noqa: S102 - source built above from field types
    return ({cls: namespace[f"to_{cls.__name__}"] for cls in classes},
            {cls: namespace[f"from_{cls.__name__}"] for cls in classes})


_TO, _FROM = _generate(FileDraft)
_EVENT_TO, _EVENT_FROM = _generate(Event)
_TO_EVENT_DRAFT, _FROM_EVENT_DRAFT = _TO[EventDraft], _FROM[EventDraft]
_TO_RECORD, _FROM_RECORD = {**_TO, **_EVENT_TO}, {**_FROM, **_EVENT_FROM}

RECORD_TYPES: tuple[type, ...] = tuple(_TO)
"""Every record type a FileDraft can hold, FileDraft last."""

FIELDS = ";".join(f"{cls.__name__}:{','.join(f.name for f in dataclasses.fields(cls) if f.init)}"
                  for cls in (*RECORD_TYPES, *_EVENT_TO))
"""The records' fields in order: part of a cache entry's key, so that an entry
written before a field was added is never read as if it had it."""


def records_to_flat(records: typing.Iterable, record_type: type, path: str) -> tuple:
    """Records of one type (a FileDraft's, or an Event's) as builtins, positions in
    `path` as integers."""
    return tuple(map(_TO_RECORD[record_type], records, itertools.repeat(path)))


def records_from_flat(flats: typing.Iterable, record_type: type, path: str) -> tuple:
    """The records `records_to_flat` made."""
    return tuple(map(_FROM_RECORD[record_type], flats, itertools.repeat(path)))


class FlatEvents(typing.Sequence[EventDraft]):
    """A file's event drafts held in their flat form, and decoded each time they
    are read. Once a file's events are resolved (see `merge`) their drafts are
    read again only when the actors or sources they name change: held as bytes
    they take a fraction of the memory, and a draft read from the parse cache
    holds not even those, but reads them from its entry when they are needed
    (with the resolved events stored too, a warm start decodes no draft at all)."""

    __slots__ = ("_data", "_fetch", "_length", "path")

    def __init__(self, data: bytes | None, length: int, path: str,
                 fetch: typing.Callable[[], bytes] | None = None) -> None:
        """`data`: `marshal` of the drafts' flat forms, or None and `fetch` a
        function that reads them (EventsGone when it cannot)."""
        self._data = data
        self._fetch = fetch
        self._length = length
        self.path = path

    @property
    def data(self) -> bytes:
        if self._data is not None:
            return self._data
        assert self._fetch is not None
        return self._fetch()

    def decoded(self) -> tuple[EventDraft, ...]:
        try:
            flats = marshal.loads(self.data)
        except (ValueError, EOFError, TypeError) as error:  # an entry damaged since
            raise EventsGone(self.path) from error
        return tuple(map(_FROM_EVENT_DRAFT, flats, itertools.repeat(self.path)))

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> typing.Iterator[EventDraft]:
        return iter(self.decoded())

    def __getitem__(self, index: int | slice):  # a tuple's index, or slice
        return self.decoded()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FlatEvents):
            other = other.decoded()
        return isinstance(other, tuple) and self.decoded() == other

    def __repr__(self) -> str:
        return f"FlatEvents({self.path!r}, {self._length} events)"


def concatenated(runs: typing.Sequence[typing.Sequence[EventDraft]],
                 path: str) -> typing.Sequence[EventDraft]:
    """Runs of a file's events as one sequence; runs held flat are joined as bytes,
    without decoding an event (a large file is parsed in parts, see `parts`)."""
    if all(isinstance(run, FlatEvents) and run.path == path for run in runs):
        flats = tuple(itertools.chain.from_iterable(marshal.loads(run.data) for run in runs))
        return FlatEvents(marshal.dumps(flats), len(flats), path) if flats else ()
    return tuple(itertools.chain.from_iterable(runs))


class EventsGone(Exception):
    """A draft's events were to be read from a parse cache entry that is gone."""


def _events_data(draft: FileDraft) -> bytes:
    events = draft.events
    if isinstance(events, FlatEvents) and events.path == draft.path:
        return events.data  # as read: not decoded to be encoded again
    return marshal.dumps(tuple(map(_TO_EVENT_DRAFT, events, itertools.repeat(draft.path))))


def to_flat(draft: FileDraft) -> tuple:
    """The draft as builtins."""
    return (draft.path, _TO[FileDraft](draft, draft.path))


def from_flat(flat: tuple) -> FileDraft:
    """The draft `to_flat` made."""
    path, record = flat
    return _FROM[FileDraft](record, path)


_HEAD_SIZE = struct.Struct("<I")
"""The flat form of a draft is the size of its head, its head (`marshal` of the
format, the draft without its events, and their number), then its events."""


def dumps(draft: FileDraft) -> bytes:
    """The draft as bytes; its events apart, so that they can be left unread."""
    head = marshal.dumps((FLAT_FORMAT, to_flat(dataclasses.replace(draft, events=())),
                          len(draft.events)))
    return b"".join((_HEAD_SIZE.pack(len(head)), head, _events_data(draft)))


def loads(data: bytes) -> FileDraft:
    """The draft `dumps` wrote, its events as `FlatEvents`; ValueError for bytes
    it did not write (or of another format), EOFError or TypeError for damaged
    ones."""
    (size,) = _HEAD_SIZE.unpack_from(data)
    return _with_events(_head(data[_HEAD_SIZE.size:_HEAD_SIZE.size + size]),
                        data[_HEAD_SIZE.size + size:], None)


def load_head(stream: typing.BinaryIO, fetch: typing.Callable[[], bytes]) -> FileDraft:
    """The draft `dumps` wrote to `stream`, reading no more than its head: its
    events are read with `fetch` (which gets the whole of what `dumps` wrote)
    when they are needed. Errors as `loads`."""
    (size,) = _HEAD_SIZE.unpack(stream.read(_HEAD_SIZE.size))
    return _with_events(_head(stream.read(size)), None, lambda: events_of(fetch()))


def events_of(data: bytes) -> bytes:
    """The events part of what `dumps` wrote."""
    (size,) = _HEAD_SIZE.unpack_from(data)
    return data[_HEAD_SIZE.size + size:]


def _head(data: bytes) -> tuple[FileDraft, int]:
    version, *rest = marshal.loads(data)
    if version != FLAT_FORMAT:
        raise ValueError(f"flat format {version}, not {FLAT_FORMAT}")
    head, length = rest
    if not isinstance(length, int):
        raise TypeError("a flat draft's number of events is an int")
    return from_flat(head), length


def _with_events(head: tuple[FileDraft, int], data: bytes | None,
                 fetch: typing.Callable[[], bytes] | None) -> FileDraft:
    draft, length = head
    if not length:
        return draft
    return dataclasses.replace(draft, events=FlatEvents(data, length, draft.path, fetch))
