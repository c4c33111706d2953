"""Independent origins: based_on chains in either direction, and shared outlets."""

from timeline_tui.core.dates import parse_date
from timeline_tui.core.model import Dispute, DisputeVersion, Event, Position, Quote, Source
from timeline_tui.core.origins import independent_origins, origin_map

HERE = Position("t.yaml", 1, 1)


def source(source_id, outlet="", based_on=()):
    return Source(id=source_id, position=HERE, outlet=outlet, title=source_id,
                  based_on=tuple(based_on))


def event(source_ids=(), quote_sources=(), dispute_sources=()):
    quotes = tuple(Quote(text="q", speaker_id="a", position=HERE, source_id=s)
                   for s in quote_sources)
    disputes = (Dispute(about="x", position=HERE, versions=tuple(
        DisputeVersion(says="v", source_ids=(s,), position=HERE) for s in dispute_sources)),
    ) if dispute_sources else ()
    return Event(id="e", date=parse_date("2025"), title="E", position=HERE, order=(0, 0),
                 source_ids=tuple(source_ids), quotes=quotes, disputes=disputes)


def test_a_based_on_chain_is_one_origin_whichever_way_it_is_followed():
    origins = origin_map([source("wire"), source("paper", based_on=["wire"]),
                          source("blog", based_on=["paper"]), source("other")])
    assert origins["blog"] == origins["paper"] == origins["wire"]
    assert origins["other"] != origins["wire"]
    assert len(independent_origins(event(["blog", "wire", "other"]), origins)) == 2


def test_sources_of_one_outlet_are_one_origin_ignoring_case_and_spaces():
    origins = origin_map([source("a", "Sky News"), source("b", "sky  news"),
                          source("c", "SkyNews"), source("d", "Reuters"), source("e")])
    assert origins["a"] == origins["b"] == origins["c"]
    assert len({origins[s] for s in "abcde"}) == 3  # sources with no outlet stand alone


def test_outlet_and_based_on_join_transitively():
    origins = origin_map([source("ap", "AP"), source("ap2", "ap"),
                          source("local", "Gazette", based_on=["ap2"]),
                          source("gazette-web", "gazette")])
    assert len(set(origins.values())) == 1


def test_quote_and_dispute_sources_count_towards_an_events_origins():
    origins = origin_map([source("a", "A"), source("b", "B"), source("c", "C")])
    assert independent_origins(event(["a"], quote_sources=["b"], dispute_sources=["c", "a"]),
                               origins) == ("a", "b", "c")
    assert independent_origins(event(), origins) == ()


def test_an_unknown_based_on_id_is_left_to_the_loader_to_report():
    origins = origin_map([source("a", based_on=["missing"])])
    assert origins == {"a": "a"}


def test_a_source_the_event_does_not_cite_still_joins_two_that_it_does():
    # Two papers both based_on one wire story: one origin, though the wire is not cited.
    origins = origin_map([source("wire", "Wire"), source("paper-a", "A", based_on=["wire"]),
                          source("paper-b", "B", based_on=["wire"])])
    assert len(independent_origins(event(["paper-a", "paper-b"]), origins)) == 1
