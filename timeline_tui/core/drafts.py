"""The data that passes between the load's stages: one file's records as written,
before references between files are resolved."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import EventDate
from .model import Actor, Position, Problem, Source

__all__ = ["DisputeDraft", "EventDraft", "FileDraft", "QuoteDraft", "Ref", "SourceDraft",
           "VersionDraft", "failed_draft"]


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to an actor, source or event, as written, and where.

    The place is one integer, made a Position only when a problem names it: a
    large timeline has hundreds of thousands of references, nearly all of which
    resolve, and a Position each was a fifth of a warm start's objects."""

    text: str
    path: str
    place: int
    """`Position.place` in `path`."""

    @classmethod
    def written(cls, text: str, position: Position) -> Ref:
        return cls(text, position.path, position.place)

    @property
    def position(self) -> Position:
        return Position.at(self.path, self.place)


@dataclass(frozen=True, slots=True)
class QuoteDraft:
    text: str
    speaker: Ref
    position: Position
    source: Ref | None = None
    reported: bool = False
    context: str = ""


@dataclass(frozen=True, slots=True)
class VersionDraft:
    says: str
    sources: tuple[Ref, ...]
    position: Position


@dataclass(frozen=True, slots=True)
class DisputeDraft:
    about: str
    versions: tuple[VersionDraft, ...]
    position: Position
    resolution: str = ""


@dataclass(frozen=True, slots=True)
class SourceDraft:
    """A source as one file states it: complete but for `based_on`, whose ids are
    resolved (and checked for cycles) once every file's sources are known."""

    source: Source
    based_on: tuple[Ref, ...] = ()


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event as one file states it, before references are resolved."""

    id: str
    date: EventDate | None
    """None when the date written is unusable."""
    title: str
    position: Position
    id_position: Position
    end: EventDate | None = None
    summary: str = ""
    actors: tuple[Ref, ...] = ()
    location: str = ""
    tags: tuple[str, ...] = ()
    sources: tuple[Ref, ...] = ()
    quotes: tuple[QuoteDraft, ...] = ()
    related: tuple[Ref, ...] = ()
    notes: str = ""
    extras: tuple[tuple[str, object], ...] = ()
    disputes: tuple[DisputeDraft, ...] = ()
    problems: tuple[Problem, ...] = ()
    """What is wrong in this event's record (also among the file's problems)."""


@dataclass(frozen=True, slots=True)
class FileDraft:
    """What one file holds, and what is wrong with it."""

    path: str
    actors: tuple[Actor, ...] = ()
    sources: tuple[SourceDraft, ...] = ()
    events: tuple[EventDraft, ...] = ()
    problems: tuple[Problem, ...] = ()
    broken: bool = False
    """The file could not be read in full (a syntax error): it may define records
    that are not here, so references to unknown records are not reported."""


def failed_draft(path: str, line: int, column: int, message: str, *,
                 broken: bool = True) -> FileDraft:
    """The draft of a file that could not be read at all: one Problem, no records.
    `broken`: False only when the file certainly defines nothing (it is empty)."""
    problem = Problem(Position(path, line, column), message)
    return FileDraft(path=path, problems=(problem,), broken=broken)
