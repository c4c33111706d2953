"""The data that passes between the load's stages: one file's records as written,
before references between files are resolved."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import PartialDate
from .model import Actor, Position, Problem, Source
from .records import quick_pickle

__all__ = ["DisputeDraft", "EventDraft", "FileDraft", "QuoteDraft", "Ref", "SourceDraft",
           "VersionDraft", "failed_draft"]


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
class VersionDraft:
    says: str
    sources: tuple[Ref, ...]
    position: Position


@quick_pickle
@dataclass(frozen=True, slots=True)
class DisputeDraft:
    about: str
    versions: tuple[VersionDraft, ...]
    position: Position
    resolution: str = ""


@quick_pickle
@dataclass(frozen=True, slots=True)
class SourceDraft:
    """A source as one file states it: complete but for `based_on`, whose ids are
    resolved (and checked for cycles) once every file's sources are known."""

    source: Source
    based_on: tuple[Ref, ...] = ()


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
    disputes: tuple[DisputeDraft, ...] = ()


@quick_pickle
@dataclass(frozen=True, slots=True)
class FileDraft:
    """What one file holds, and what is wrong with it."""

    path: str
    actors: tuple[Actor, ...] = ()
    sources: tuple[SourceDraft, ...] = ()
    events: tuple[EventDraft, ...] = ()
    problems: tuple[Problem, ...] = ()


def failed_draft(path: str, line: int, column: int, message: str) -> FileDraft:
    """The draft of a file that could not be read at all: one Problem, no records."""
    return FileDraft(path=path, problems=(Problem(Position(path, line, column), message),))
