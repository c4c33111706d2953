"""Independent origins: which of an event's sources are really one source.

Two sources are one origin when one is `based_on` the other (in either direction,
through any chain of `based_on`), or when they name the same outlet (compared
ignoring case and white space). An event's corroboration is the number of origins
among the sources it cites: its `sources`, its quotes' `source`, and its dispute
versions' `sources` (`Event.cited_source_ids`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from .model import Event, Source

__all__ = ["independent_origins", "origin_map", "outlet_key"]


def outlet_key(outlet: str) -> str:
    """An outlet as compared: "Sky News", "sky news" and "SkyNews" are one."""
    return "".join(outlet.split()).casefold()


def origin_map(sources: Iterable[Source]) -> Mapping[str, str]:
    """Source id -> the id of its origin: the smallest source id in its group.

    Work in proportion to the sources, not the events, done once a timeline.
    `based_on` ids that name no source are ignored here (the loader reports them).
    """
    parent: dict[str, str] = {}

    def find(source_id: str) -> str:
        root = source_id
        while parent[root] != root:
            root = parent[root]
        while parent[source_id] != root:  # path compression
            parent[source_id], source_id = root, parent[source_id]
        return root

    def join(a: str, b: str) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)

    sources = list(sources)
    for source in sources:
        parent[source.id] = source.id
    by_outlet: dict[str, str] = {}
    for source in sources:
        if source.outlet.strip():
            first = by_outlet.setdefault(outlet_key(source.outlet), source.id)
            join(first, source.id)
        for other in source.based_on:
            if other in parent:
                join(source.id, other)
    return MappingProxyType({source_id: find(source_id) for source_id in parent})


def independent_origins(event: Event, origin_of: Mapping[str, str]) -> tuple[str, ...]:
    """The origins of the sources the event cites, each once, in citing order."""
    return tuple(dict.fromkeys(origin_of.get(source_id, source_id)
                               for source_id in event.cited_source_ids))
