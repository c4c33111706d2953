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
