"""The flat form (the parse cache's format) carries every field of every record a
file's draft holds, including fields added after this test was written."""

from __future__ import annotations

import dataclasses
import io
import itertools
import marshal
import struct
import types
import typing
from pathlib import Path

import pytest

from timeline_tui.core import flat
from timeline_tui.core.drafts import FileDraft
from timeline_tui.core.model import Position
from timeline_tui.core.validate import read_file

PATH = "timeline/events.yaml"
BUNDLED = Path(__file__).resolve().parent.parent / "events"
_TURNS: dict[tuple, itertools.count] = {}


def _sample(hint: object, name: str, depth: int = 0) -> object:
    """A value of type `hint` unlike the field's default, different per field."""
    if hint is Position:
        # Every other position in another file, which the flat form spells out.
        return Position(PATH if depth % 2 else "elsewhere.yaml", 3 + depth, 70_000 + depth)
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return hint(**{field.name: _sample(hints[field.name], field.name, depth + 1)
                       for field in dataclasses.fields(hint) if field.init})
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        # Each member of a union in turn, so that the sample holds every one.
        members = tuple(arg for arg in args if arg is not type(None))
        turn = next(_TURNS.setdefault(members, itertools.count()))
        return _sample(members[turn % len(members)], name, depth)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return (_sample(args[0], name, depth), _sample(args[0], name + "'", depth + 1))
        return tuple(_sample(arg, name, depth) for arg in args)
    if hint is str:
        return f"{name} ✓ {depth}"
    if hint is bool:
        return True
    if hint is int:
        return 40_000 + depth
    if hint is object:
        return ("x-nested", (name, ""))
    raise AssertionError(f"no sample for {hint!r}: teach this test the new field's type")


def _assert_same(restored: object, original: object, where: str) -> None:
    if isinstance(restored, flat.FlatEvents):  # a draft's events, read when needed
        restored = restored.decoded()
    assert type(restored) is type(original), where
    if dataclasses.is_dataclass(original):
        for field in dataclasses.fields(original):
            _assert_same(getattr(restored, field.name), getattr(original, field.name),
                         f"{where}.{field.name}")
    elif isinstance(original, tuple):
        assert len(restored) == len(original), where
        for index, (a, b) in enumerate(zip(restored, original)):
            _assert_same(a, b, f"{where}[{index}]")
    else:
        assert restored == original, where


def test_every_record_a_draft_holds_is_carried():
    names = {cls.__name__ for cls in flat.RECORD_TYPES}
    assert {"FileDraft", "EventDraft", "QuoteDraft", "Ref", "Actor", "Source", "Problem",
            "PartialDate"} <= names


@pytest.mark.parametrize("record_type", flat.RECORD_TYPES, ids=lambda cls: cls.__name__)
def test_every_field_survives_the_round_trip(record_type):
    """A draft with every field of every record set to a value unlike its default,
    compared field by field (a field the flat form left out would come back as its
    default)."""
    draft = _sample(FileDraft, "file")
    assert list(_records_of(draft, record_type)), f"the sample holds no {record_type.__name__}"
    restored = flat.loads(flat.dumps(draft))
    _assert_same(restored, draft, "draft")
    assert list(_records_of(restored, record_type)) == list(_records_of(draft, record_type))


def _records_of(value: object, record_type: type):
    if isinstance(value, flat.FlatEvents):
        value = value.decoded()
    if isinstance(value, record_type):
        yield value
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _records_of(getattr(value, field.name), record_type)
    elif isinstance(value, tuple):
        for item in value:
            yield from _records_of(item, record_type)


def test_a_real_file_round_trips():
    for path in sorted(BUNDLED.glob("*.yaml")):
        draft = read_file(str(path))
        _assert_same(flat.loads(flat.dumps(draft)), draft, path.name)


def test_bytes_it_did_not_write_are_refused():
    with pytest.raises((ValueError, EOFError, TypeError)):
        flat.loads(b"not a flat draft")


@dataclasses.dataclass(frozen=True, slots=True)
class _Day:
    day: int
    at: Position


@dataclasses.dataclass(frozen=True, slots=True)
class _Span:
    first: _Day
    last: _Day | None


@dataclasses.dataclass(frozen=True, slots=True)
class _Holder:
    when: _Day | _Span | None
    each: tuple[_Day | _Span, ...]


def test_a_field_holding_one_of_several_records_is_carried():
    day = _Day(16, Position(PATH, 4, 9))
    span = _Span(day, _Day(17, Position("other.yaml", 1, 2)))
    to, back = flat._generate(_Holder)
    for holder in (_Holder(span, (day, span)), _Holder(day, ()), _Holder(None, (span,))):
        restored = back[_Holder](_through_marshal(to[_Holder](holder, PATH)), PATH)
        _assert_same(restored, holder, "holder")


@dataclasses.dataclass(frozen=True, slots=True)
class _MaybeMany:
    each: tuple[_Day | _Span, ...] | None


def test_a_field_that_may_hold_records_of_several_types_or_none_is_carried():
    day = _Day(16, Position(PATH, 4, 9))
    to, back = flat._generate(_MaybeMany)
    for maybe in (_MaybeMany((day, _Span(day, None))), _MaybeMany(None), _MaybeMany(())):
        restored = back[_MaybeMany](_through_marshal(to[_MaybeMany](maybe, PATH)), PATH)
        _assert_same(restored, maybe, "maybe")


def test_the_converters_made_from_the_field_types_carry_every_record():
    """`flat` makes its converters once, at import; made again here (so that a
    test runs the code that makes them), they carry the sample draft and order the
    record types leaves first."""
    to, back = flat._generate(FileDraft)
    assert list(to) == list(back) == list(flat.RECORD_TYPES)
    assert list(to)[-1] is FileDraft
    draft = _sample(FileDraft, "file")
    _assert_same(back[FileDraft](_through_marshal(to[FileDraft](draft, PATH)), PATH), draft,
                 "draft")


def _through_marshal(flat_form: tuple) -> tuple:
    """The flat form is builtins only: marshal writes and reads it back."""
    return marshal.loads(marshal.dumps(flat_form))


def test_a_position_in_the_drafts_own_file_is_one_number():
    to, back = flat._generate(_Day)
    assert to[_Day](_Day(16, Position(PATH, 4, 9)), PATH) == (16, 4 << 32 | 9)
    assert to[_Day](_Day(16, Position("other.yaml", 4, 9)), PATH) == (16, ("other.yaml", 4, 9))
    for line, column in [(5, 9), (1, 2**32 - 1), (2**31 + 1, 1)]:
        day = _Day(16, Position(PATH, line, column))
        assert back[_Day](to[_Day](day, PATH), PATH) == day


@dataclasses.dataclass(frozen=True, slots=True)
class _ByName:
    days: dict[str, _Day]


@dataclasses.dataclass(frozen=True, slots=True)
class _DayOrText:
    when: _Day | str


@dataclasses.dataclass(frozen=True, slots=True)
class _Pair:
    days: tuple[_Day, _Day]


@pytest.mark.parametrize("record_type", [_ByName, _DayOrText, _Pair])
def test_a_field_type_the_flat_form_cannot_carry_is_refused_when_the_form_is_made(record_type):
    with pytest.raises(TypeError, match="the flat form cannot carry a field of type .*; "
                                        "extend timeline_tui/core/flat.py"):
        flat._generate(record_type)


@dataclasses.dataclass(frozen=True, slots=True)
class _Derived:
    day: int
    twice: int = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "twice", self.day * 2)


@dataclasses.dataclass(frozen=True)
class _WithoutSlots:
    day: int = 1
    at: Position | None = None


@pytest.mark.parametrize("record", [_Derived(8), _WithoutSlots(16, Position(PATH, 2, 3))],
                         ids=["derives-a-field", "without-slots"])
def test_a_record_with_derived_fields_or_without_slots_comes_back_whole(record):
    to, back = flat._generate(type(record))
    _assert_same(back[type(record)](to[type(record)](record, PATH), PATH), record, "record")


def _tuples(value: object):
    if isinstance(value, tuple):
        yield value
        for item in value:
            yield from _tuples(item)


def test_positions_in_the_drafts_own_file_are_written_as_numbers():
    path = str(sorted(BUNDLED.glob("*.yaml"))[0])
    draft = read_file(path)
    assert draft.events and not draft.problems

    def spelled_out(flat_form: tuple) -> list[tuple]:
        return [part for part in _tuples(flat_form)
                if len(part) == 3 and part[0] == path and isinstance(part[1], int)]

    assert spelled_out(flat.to_flat(draft)) == []
    # in a draft of another file, the same positions are written in full
    assert spelled_out(flat.to_flat(dataclasses.replace(draft, path="elsewhere.yaml")))


def test_a_record_of_no_member_type_is_refused_by_a_union_field():
    to, _ = flat._generate(_Holder)
    with pytest.raises(TypeError, match="not a member of the union: 'a day'"):
        to[_Holder](_Holder("a day", ()), PATH)  # type: ignore[arg-type]


def test_bytes_of_another_flat_format_are_refused_by_number():
    with pytest.raises(ValueError, match=f"^flat format 99, not {flat.FLAT_FORMAT}$"):
        head = marshal.dumps((99, (), 0))
        flat.loads(struct.pack("<I", len(head)) + head)


def test_events_held_flat_read_as_the_tuple_they_were():
    draft = read_file(str(BUNDLED / "2025-05-istanbul-talks.yaml"))
    held = flat.loads(flat.dumps(draft)).events
    assert isinstance(held, flat.FlatEvents) and held.path == draft.path
    assert len(held) == len(draft.events) > 1
    assert held == draft.events and held == flat.loads(flat.dumps(draft)).events
    assert held != draft.events[:-1] and held != list(draft.events)
    assert held[0] == draft.events[0] and held[1:] == draft.events[1:]
    assert list(held) == list(draft.events)
    assert repr(held) == f"FlatEvents({draft.path!r}, {len(draft.events)} events)"


def test_a_draft_without_events_holds_none_flat():
    draft = read_file(str(BUNDLED / "actors.yaml"))
    assert draft.actors and draft.events == ()
    assert flat.loads(flat.dumps(draft)).events == ()


def test_a_drafts_head_is_read_without_its_events_and_they_are_fetched_when_read():
    draft = read_file(str(BUNDLED / "2025-05-istanbul-talks.yaml"))
    written = flat.dumps(draft)
    stream = io.BytesIO(written)
    fetched: list[str] = []
    head = flat.load_head(stream, lambda: fetched.append("entry") or written)
    # A warm start reads each entry's head alone: the events stay on disk.
    events = flat.events_of(written)
    assert stream.read() == events and len(events) > 100
    assert draft.events[0].title.encode() not in written[:-len(events)]  # the head holds none
    assert head.path == draft.path and len(head.events) == len(draft.events)
    assert fetched == []
    assert head.events == draft.events and fetched == ["entry"]
