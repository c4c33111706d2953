"""The bundled events/ timeline: clean, faithful to the article it is built from, and
checked against independent reporting."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from timeline_tui.core.loader import load_paths

EVENTS = Path(__file__).parent.parent / "events"
ARTICLE_COPY = Path(__file__).parent / "data" / "seed_article.txt"
ARTICLE_SHA256 = "3f78c7abba7271506b741a1708121df078d96d218ccd5dcd6a911c0482ca4e64"
"""The seed article as given (shared/seed/000_9822baa9829d0a1c.txt), copied byte for
byte into tests/data/: the copy is the reference, on every machine."""

TIMELINE = load_paths([EVENTS])
ARTICLE = ARTICLE_COPY.read_text(encoding="utf-8")
QUOTES = [quote for event in TIMELINE.events for quote in event.quotes]
ARTICLE_SOURCE = "sky-analysis-2025-05-17"
ARTICLE_QUOTES = [quote for quote in QUOTES if quote.source_id == ARTICLE_SOURCE]


def test_the_copy_of_the_article_is_the_seed_byte_for_byte():
    assert hashlib.sha256(ARTICLE_COPY.read_bytes()).hexdigest() == ARTICLE_SHA256
    assert ARTICLE.startswith("Vladimir Putin made a mockery this week")


def test_bundled_timeline_loads_with_no_problems():
    assert [str(problem) for problem in TIMELINE.problems] == []


def test_bundled_timeline_has_its_19_events_and_41_sources():
    assert len(TIMELINE.events) == 19
    assert len(TIMELINE.sources) == 41


@pytest.mark.parametrize("quote", ARTICLE_QUOTES, ids=lambda quote: quote.text[:30])
def test_every_quote_from_the_article_is_verbatim(quote):
    assert quote.text in ARTICLE


def test_each_quoted_passage_of_the_article_is_exactly_one_quote():
    passages = re.findall(r"“([^”]*)”", ARTICLE)
    assert len(passages) == 6
    assert {passage: [q.text for q in ARTICLE_QUOTES].count(passage) for passage in passages} == {
        passage: 1 for passage in passages}
    assert len(ARTICLE_QUOTES) == 6


def test_quotes_from_other_sources_are_marked_reported():
    """Besides the article's six, the quotes are relayed by a report (a post or an interview
    quoted by an outlet), so they are reported speech with their own source."""
    others = [quote for quote in QUOTES if quote.source_id != ARTICLE_SOURCE]
    assert others and all(quote.reported for quote in others)
    assert all(quote.source_id in TIMELINE.sources for quote in others)


def test_medinsky_is_reported_and_trump_is_quoted_directly():
    by_speaker = {}
    for quote in QUOTES:
        by_speaker.setdefault(quote.speaker_id, []).append(quote.reported)
    assert by_speaker["medinsky"] and all(by_speaker["medinsky"])
    assert by_speaker["trump"] and not any(by_speaker["trump"])


def test_the_misspelling_mednisky_is_the_same_actor_as_medinsky():
    speaker_of = {quote.text: quote.speaker_id for quote in QUOTES}
    mednisky = speaker_of["Maybe some of those sitting here at this table will lose more of their loved ones,"]
    medinsky = speaker_of["We fought Sweden for 21 years. How long are you ready to fight?"]
    assert mednisky == medinsky == "medinsky"
    assert {"Medinsky", "Mednisky"} <= set(TIMELINE.actors["medinsky"].names)


def test_the_article_source_has_no_url():
    source = TIMELINE.sources[ARTICLE_SOURCE]
    assert source.outlet == "Sky News"
    assert source.url == ""
