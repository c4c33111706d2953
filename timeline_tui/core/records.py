"""Quick pickling for the core's frozen, slotted dataclasses.

The parse cache stores hundreds of thousands of them. The pickling that dataclasses
give slotted classes looks up the fields for every object it restores, which makes
a warm start several times slower than it need be; these classes pickle as their
constructor's arguments instead.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import TypeVar

__all__ = ["quick_pickle"]

T = TypeVar("T", bound=type)


def quick_pickle(cls: T) -> T:
    """Make a dataclass pickle as (class, field values), restored by its __init__."""
    values = attrgetter(*(field.name for field in fields(cls) if field.init))

    def __reduce__(self):  # noqa: N807 - the pickle protocol's name
        state = values(self)
        return (cls, state if isinstance(state, tuple) else (state,))

    cls.__reduce__ = __reduce__
    return cls
