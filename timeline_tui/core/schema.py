"""The JSON Schema (draft 2020-12) of a timeline file, for editors.

Built from the loader's own key lists, so a key the loader learns is a key the
schema knows (a test fails when a key has no description here). The schema says
what a schema can: keys, types, required fields, the date grammar. `check` stays
the authority for the rest (references, duplicates, real calendar days).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from . import validate
from .dates import _DATE_RE, _UNSPECIFIED_RE

__all__ = ["FIELDS", "SCHEMA_FILE_NAME", "timeline_schema"]

SCHEMA_FILE_NAME = "timeline.schema.json"

# Each record kind's keys: (shape, description). Shapes are the loader's readers.
FIELDS: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "file": {
        "timezone": ("text", "The IANA time zone (e.g. Europe/Istanbul) of the times this "
                             "file writes without a zone."),
        "actors": ("actors", "The people, groups, states and outlets the events involve."),
        "sources": ("sources", "What the events are known from: articles, documents, posts."),
        "events": ("events", "What happened, when, according to which source."),
    },
    "actor": {
        "id": ("id", "Unique among actors; how events and quotes refer to the actor."),
        "name": ("required text", "The actor's name as it is shown."),
        "aliases": ("texts", "Other spellings that refer to this actor (case does not matter)."),
        "role": ("text", "What the actor is, e.g. \"lead Russian negotiator\"."),
        "group": ("text", "A side or affiliation, e.g. \"Russia\"."),
        "description": ("text", "Anything else worth knowing about the actor."),
    },
    "source": {
        "id": ("id", "Unique among sources; how events and quotes cite the source."),
        "title": ("text", "The headline or title. A source needs a title, outlet or url."),
        "outlet": ("text", "Who published it, e.g. \"Sky News\"."),
        "url": ("text", "Where it can be read."),
        "author": ("text", "Who wrote it."),
        "published": ("date", "When it was published (a date, see `date`)."),
        "accessed": ("date", "When you read it (a date, see `date`)."),
        "archived_url": ("text", "An archived copy, e.g. on the Wayback Machine."),
        "notes": ("text", "Your notes on the source."),
        "kind": ("source kind", "primary, report, analysis or other."),
        "based_on": ("refs", "Ids of the sources this one's content comes from "
                             "(syndication, relaying): they count as one origin."),
    },
    "event": {
        "id": ("id", "Unique among events, e.g. 2025-05-15-talks."),
        "date": ("required date", "When: YYYY, YYYY-MM, YYYY-MM-DD or "
                                  "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], then optionally ~ "
                                  "(approximate), ? (uncertain) or % (both); a season "
                                  "YYYY-21 to YYYY-24; X for unknown digits (202X, "
                                  "2023-XX); an interval A/B (.. for an open end); one "
                                  "of a set [A,B]."),
        "title": ("required text", "What happened, in one line."),
        "end": ("date", "When it ended, for an event that lasted; not before `date`."),
        "summary": ("text", "What happened, in a few sentences."),
        "actors": ("refs", "Who took part: actor ids, names or aliases."),
        "location": ("text", "Where it happened."),
        "tags": ("texts", "Words to group and search events by."),
        "sources": ("refs", "Ids of the sources that report the event."),
        "quotes": ("quotes", "What was said, verbatim, by whom, according to which source."),
        "related": ("refs", "Ids of related events."),
        "notes": ("text", "Your notes, e.g. how a date was worked out."),
        "disputes": ("disputes", "Points on which sources disagree, each version with "
                                 "its sources."),
    },
    "dispute": {
        "about": ("required text", "What the sources disagree on."),
        "versions": ("versions", "Each account of it (at least two), with its sources."),
        "resolution": ("text", "How it was settled, if it was."),
    },
    "version": {
        "says": ("required text", "What this version says."),
        "sources": ("sources of a version", "Ids of the sources that give this version "
                                            "(at least one)."),
    },
    "quote": {
        "text": ("required text", "The words, verbatim."),
        "speaker": ("required ref", "Who said them: an actor id, name or alias."),
        "source": ("ref", "The source id; may be left out when the event has one source."),
        "reported": ("bool", "true when the source relays the words second-hand."),
        "context": ("text", "Where and how the words were said."),
    },
}

_RECORDS = {"actor": "ACTOR_KEYS", "source": "SOURCE_KEYS", "event": "EVENT_KEYS",
            "quote": "QUOTE_KEYS", "dispute": "DISPUTE_KEYS", "version": "VERSION_KEYS",
            "file": "FILE_KEYS"}
_REQUIRED = {"actor": ["id", "name"], "source": ["id"], "event": ["id", "date", "title"],
             "quote": ["text", "speaker"], "dispute": ["about", "versions"],
             "version": ["says", "sources"]}
_EXTRAS = {"actor", "source", "event"}
"""Records that take the user's own `x-` fields."""

# The loader reads any plain scalar as text (`title: 1984` is the text "1984").
_SCALAR = {"type": ["string", "number", "boolean", "null"]}
_NONEMPTY = {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": ["number", "boolean"]}]}


def _portable(pattern: re.Pattern[str]) -> str:
    """A pattern of the date grammar as JSON Schema's (ECMA 262) regular
    expressions read it: without Python's named groups and verbose-mode layout."""
    return "(?:" + re.sub(r"\n\s*", "", re.sub(r"\(\?P<\w+>", "(", pattern.pattern)) + ")"


def _date() -> dict[str, object]:
    """The date grammar itself (dates.py): a single date, or one with X digits; an
    interval of them (an end may be open, "..", or unknown, empty); a set of them.
    An unquoted year is a number to an editor's YAML parser."""
    single = f"(?:{_portable(_DATE_RE)}|{_portable(_UNSPECIFIED_RE)})"
    interval_end = rf"(?:{single}|\.\.)?"
    pattern = (rf"^\s*(?:{single}|{interval_end}\s*/\s*{interval_end}"
               rf"|\[\s*{single}(?:\s*,\s*{single})*\s*\])\s*$")
    return {"anyOf": [{"type": "string", "pattern": pattern},
                      {"type": "integer", "minimum": 1, "maximum": 9999}]}


def _list_of(item: Mapping[str, object]) -> dict[str, object]:
    return {"type": ["array", "null"], "items": item}


def _shape(shape: str) -> dict[str, object]:
    if shape in ("date", "required date"):
        return _date()
    shapes: dict[str, dict[str, object]] = {
        "id": _NONEMPTY, "required text": _NONEMPTY, "required ref": _NONEMPTY,
        "text": _SCALAR, "ref": _NONEMPTY,
        "bool": {"type": "boolean"}, "texts": _list_of(_NONEMPTY), "refs": _list_of(_NONEMPTY),
        "source kind": {"enum": list(validate.SOURCE_KINDS)},
        "actors": _list_of({"$ref": "#/$defs/actor"}),
        "sources": _list_of({"$ref": "#/$defs/source"}),
        "events": _list_of({"$ref": "#/$defs/event"}),
        "quotes": _list_of({"$ref": "#/$defs/quote"}),
        "disputes": _list_of({"$ref": "#/$defs/dispute"}),
        "versions": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/version"}},
        "sources of a version": {"type": "array", "minItems": 1, "items": _NONEMPTY},
    }
    return dict(shapes[shape])


def _record(record: str, keys: Sequence[str]) -> dict[str, object]:
    properties = {}
    for key in keys:
        shape, description = FIELDS[record][key]  # KeyError: a key with no description
        properties[key] = {**_shape(shape), "description": description}
    schema: dict[str, object] = {"type": "object", "properties": properties,
                                 "additionalProperties": False}
    if record in _REQUIRED:
        schema["required"] = _REQUIRED[record]
    if record in _EXTRAS:
        schema["patternProperties"] = {"^x-": {"description": "Your own field, kept as written."}}
    if record == "source":
        schema["anyOf"] = [{"required": [key]} for key in ("title", "outlet", "url")]
    return schema


def timeline_schema() -> dict[str, object]:
    """The schema, as a JSON-ready dict."""
    file = _record("file", validate.FILE_KEYS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "timeline-tui timeline file",
        "description": "A YAML file of a timeline-tui timeline. Run `timeline-tui check` "
                       "for what a schema cannot check: references, duplicate ids, real "
                       "calendar days.",
        **file,
        "$defs": {record: _record(record, getattr(validate, name))
                  for record, name in _RECORDS.items() if record != "file"},
    }
