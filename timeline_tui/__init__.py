"""timeline-tui: a terminal explorer for sourced chronologies."""

__version__ = "0.1.0"
