"""JSON: the resolved timeline, references as ids, dates as written and as ranges.

The shape is documented in README.md ("Export"); a change to it that could break
a reader raises FORMAT_VERSION.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from ..dates import DateInterval, EventDate, PartialDate
from ..model import Actor, Event, Extras, Quote, Source, Timeline
from ..origins import independent_origins

__all__ = ["FORMAT_VERSION", "json_document"]

FORMAT_VERSION = 1


def _single(date: PartialDate) -> dict[str, str]:
    return {"text": date.text, "iso": date.iso(), "precision": date.precision.name.lower(),
            "qualifier": date.qualifier, "earliest": _moment(date.earliest),
            "latest": _moment(date.latest)}


def _date(date: EventDate | None) -> dict[str, object] | None:
    if date is None:
        return None
    if isinstance(date, PartialDate):
        return {"kind": "single", **_single(date)}
    if isinstance(date, DateInterval):
        shape: dict[str, object] = {
            "kind": "interval", "text": date.text,
            "start": date.start and _single(date.start), "end": date.end and _single(date.end),
            "open_start": date.open_start, "open_end": date.open_end}
    else:
        shape = {"kind": "set", "text": date.text,
                 "members": [_single(member) for member in date.members]}
    return {**shape, "earliest": _moment(date.earliest), "latest": _moment(date.latest)}


def _moment(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _plain(value: object) -> object:
    """An `x-` field as JSON: the loader keeps a mapping as (key, value) pairs."""
    if isinstance(value, tuple):
        if value and all(isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
                         for item in value):
            return {key: _plain(item) for key, item in value}
        return [_plain(item) for item in value]
    return value


def _extras(extras: Extras) -> dict[str, object]:
    return {key: _plain(value) for key, value in extras}


def _actor(actor: Actor) -> dict[str, object]:
    return {"id": actor.id, "name": actor.name, "aliases": list(actor.aliases),
            "role": actor.role, "group": actor.group, "description": actor.description,
            "extras": _extras(actor.extras)}


def _source(source: Source, timeline: Timeline) -> dict[str, object]:
    return {"id": source.id, "kind": source.kind, "title": source.title,
            "outlet": source.outlet, "url": source.url, "author": source.author,
            "published": _date(source.published), "accessed": _date(source.accessed),
            "archived_url": source.archived_url, "notes": source.notes,
            "based_on": list(source.based_on),
            "origin": timeline.origin_of.get(source.id, source.id),
            "extras": _extras(source.extras)}


def _quote(quote: Quote) -> dict[str, object]:
    return {"text": quote.text, "speaker": quote.speaker_id, "source": quote.source_id,
            "reported": quote.reported, "context": quote.context}


def _event(event: Event, timeline: Timeline) -> dict[str, object]:
    return {
        "id": event.id, "date": _date(event.date), "end": _date(event.end),
        "title": event.title, "summary": event.summary, "actors": list(event.actor_ids),
        "location": event.location, "tags": list(event.tags),
        "sources": list(event.source_ids), "quotes": [_quote(q) for q in event.quotes],
        "disputes": [{"about": dispute.about, "resolution": dispute.resolution,
                      "versions": [{"says": version.says, "sources": list(version.source_ids)}
                                   for version in dispute.versions]}
                     for dispute in event.disputes],
        "related": list(event.related), "notes": event.notes,
        "independent_origins": list(independent_origins(event, timeline.origin_of)),
        "file": event.position.path, "line": event.position.line,
        "extras": _extras(event.extras),
    }


def json_document(timeline: Timeline, indexes: Sequence[int]) -> str:
    """The chosen events, and the actors and sources they refer to (every actor and
    source when every event is chosen)."""
    events = [timeline.events[i] for i in indexes]
    if len(events) == len(timeline.events):
        actor_ids, source_ids = list(timeline.actors), list(timeline.sources)
    else:
        actor_ids = list(dict.fromkeys(a for event in events for a in event.participant_ids))
        source_ids = _with_bases(timeline, [s for event in events for s in event.cited_source_ids])
    document = {
        "format_version": FORMAT_VERSION,
        "actors": [_actor(timeline.actors[a]) for a in actor_ids],
        "sources": [_source(timeline.sources[s], timeline) for s in source_ids],
        "events": [_event(event, timeline) for event in events],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _with_bases(timeline: Timeline, source_ids: list[str]) -> list[str]:
    """The sources, and every source they are based on, so that `based_on` and
    `origin` name sources in the document."""
    found = dict.fromkeys(source_ids)
    pending = list(found)
    while pending:  # the loader keeps only references that name a source
        for base in timeline.sources[pending.pop()].based_on:
            if base not in found:
                found[base] = None
                pending.append(base)
    origins = [timeline.origin_of.get(s, s) for s in found]
    return list(dict.fromkeys([*found, *origins]))
