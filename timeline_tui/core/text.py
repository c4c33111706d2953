"""Making text from a file safe to show: nothing in it may act on the terminal."""

from __future__ import annotations

import re

__all__ = ["counted", "one_line", "plain_value", "printable", "web_address"]

# An http(s) address with nothing in it that could end a link or act on a terminal.
_WEB_ADDRESS_RE = re.compile(r"https?://[^\x00-\x20<>\"\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+",
                             re.IGNORECASE)
# C0 and C1 controls but newline and tab, DEL, and the bidirectional controls that
# can make text read in a different order than it is stored.
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """`text` with every control character replaced by a visible placeholder."""
    return _UNSAFE_RE.sub(_placeholder, text.replace("\t", "    "))


def one_line(text: str) -> str:
    """Printable text on a single line, for rows and titles."""
    return " ".join(printable(text).split())


def web_address(text: str) -> str | None:
    """`text` as an address a browser may open or a link may carry (http or https,
    no spaces, controls or quotes), or None: another scheme (javascript:, file:)
    is only ever shown."""
    address = text.strip()
    return address if _WEB_ADDRESS_RE.fullmatch(address) else None


def counted(number: int, noun: str) -> str:
    """"1 problem", "2 problems", "0 events": the noun in the number's form."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def plain_value(value: object) -> str:
    """A user's x- field as compact text: lists joined, mappings as key: value."""
    if isinstance(value, tuple):
        if value and all(isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
                         for item in value):
            return "; ".join(f"{key}: {plain_value(item)}" for key, item in value)
        return ", ".join(plain_value(item) for item in value)
    return str(value)
