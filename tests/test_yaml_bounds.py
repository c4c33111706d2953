"""The count of YAML indicators that lets a file skip the pre-read bounds every
file's number of values (the pre-read is what keeps a file's memory bounded)."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_tui.core import yaml_read

# YAML's indicators, a plain letter, quotes, block scalars, anchors and comments.
YAML_PIECES = st.text(alphabet="-:,[]{}?a \n\"'|>&*!#.", min_size=1, max_size=16)


def _values(text: str) -> int | None:
    try:
        return sum(1 for event in yaml.parse(text, Loader=yaml.CSafeLoader)
                   if isinstance(event, yaml.NodeEvent))
    except yaml.YAMLError:
        return None


@settings(max_examples=3000, deadline=None)
@given(YAML_PIECES)
def test_no_text_holds_more_values_than_its_indicators_allow(text):
    values = _values(text)
    if values is not None:
        assert values <= yaml_read._most_values(text)


def test_the_densest_shapes_are_within_the_bound():
    for text in ("- - - x", "{a}", "?", "[? a]", "{a, b: c, d}", "- ? \n  : \n", "x"):
        assert _values(text) <= yaml_read._most_values(text), text


def test_only_a_file_that_could_hold_too_many_values_or_has_an_anchor_is_pre_read(monkeypatch):
    # The pre-read costs a third of a large file's parse: a long file whose
    # indicators allow too few values, and a file without anchors, skip it.
    monkeypatch.setattr(yaml_read, "MAX_NODES", 30)
    assert not yaml_read.needs_bounds_check("title: " + "a" * 40)  # at most 4 values
    assert yaml_read.needs_bounds_check("tags: [" + "a," * 10 + "]")  # at most 36
    assert yaml_read.compose_file("t.yaml", b"events: []\n").node_count is None
    # Counted: the root, "events", the list, "a", the alias.
    assert yaml_read.compose_file("t.yaml", b"events: [&a a, *a]\n").node_count == 5
