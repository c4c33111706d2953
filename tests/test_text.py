"""Text from a file never acts on the terminal: controls become visible placeholders,
and only a plain web address is opened or linked."""

from __future__ import annotations

import pytest

from timeline_tui.core.text import counted, one_line, plain_value, printable, web_address


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[31mred", "a\u241b[31mred"),          # ESC: ␛
        ("bell\x07", "bell\u2407"),                 # BEL: ␇
        ("nul\x00", "nul\u2400"),                   # NUL: ␀
        ("over\rwrite", "over\u240dwrite"),         # CR: ␍
        ("back\x08space", "back\u2408space"),       # BS: ␈
        ("del\x7f", "del\u2421"),                   # DEL: ␡
        ("csi\x9b31m", "csi<U+009B>31m"),           # C1 CSI
        ("nel\x85", "nel<U+0085>"),                 # C1 NEL
        ("\u202eevil", "<U+202E>evil"),             # right-to-left override
        ("\u2066isolate\u2069", "<U+2066>isolate<U+2069>"),
        ("mark\u200f", "mark<U+200F>"),
        ("arabic\u061c", "arabic<U+061C>"),
    ],
)
def test_controls_become_visible_placeholders(text, shown):
    assert printable(text) == shown
    assert one_line(text) == shown


def test_no_control_character_survives():
    every_control = "".join(map(chr, [*range(0x00, 0x20), *range(0x7F, 0xA0)]))
    shown = printable(every_control)
    assert all(char in "\n" or char.isprintable() for char in shown)


def test_printable_keeps_newlines_and_expands_tabs():
    assert printable("line one\nline two") == "line one\nline two"
    assert printable("a\tb") == "a    b"


def test_one_line_joins_lines_and_collapses_whitespace():
    assert one_line("  Talks\n  in   Istanbul\n") == "Talks in Istanbul"
    assert one_line("a\tb") == "a b"


def test_ordinary_text_is_unchanged():
    text = "Ukraine’s allies – “IMMEDIATELY.” Zelenskyy, Київ, 東京 🇺🇦"
    assert printable(text) == text
    assert one_line(text) == text


@pytest.mark.parametrize("text", ["[bold]x[/]", "[red]alert[/red] [link=https://x]y[/link]", "$x \\[b]"])
def test_markup_like_text_is_unchanged(text):
    assert printable(text) == text
    assert one_line(text) == text


@pytest.mark.parametrize(("text", "address"), [
    (" https://example.org/a?b=1&c=2 ", "https://example.org/a?b=1&c=2"),
    ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
    ("javascript:alert(1)", None),
    ("file:///etc/passwd", None),
    ("https://example.org/a b", None),
    ("https://example.org/\x1b]8;;evil\x1b\\", None),
    ('https://example.org/"onclick', None),
    ("https://example.org/\u202eevil", None),
    ("example.org", None),
])
def test_web_address_is_only_a_plain_http_address(text: str, address: str | None) -> None:
    assert web_address(text) == address


@pytest.mark.parametrize(("value", "shown"), [
    ("3", "3"),
    ((), ""),
    (("a", "b"), "a, b"),                                        # x-links: [a, b]
    ((("by", "Jo"), ("on", "2025-05-01")), "by: Jo; on: 2025-05-01"),  # a mapping
    ((("by", ("Jo", "Al")),), "by: Jo, Al"),                      # a list in a mapping
    (((("a", "1"), ("b", ("x", "y"))), ("c", "d")), "a: 1; b: x, y, c, d"),
    ((("a", "b", "c"), ("d", "e", "f")), "a, b, c, d, e, f"),     # lists of three
    (((1, "x"), (2, "y")), "1, x, 2, y"),                         # keys are text
])
def test_an_x_field_reads_as_compact_text(value, shown):
    assert plain_value(value) == shown


@pytest.mark.parametrize(("number", "noun", "shown"), [
    (0, "event", "0 events"), (1, "event", "1 event"), (2, "problem", "2 problems"),
    (12345, "file", "12,345 files"),
])
def test_counted_puts_the_noun_in_the_numbers_form(number, noun, shown):
    assert counted(number, noun) == shown
