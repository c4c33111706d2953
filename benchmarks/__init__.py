"""Benchmarks for timeline-tui: a synthetic-timeline generator and a headless harness.

Run `python -m benchmarks.run --help`; see benchmarks/README.md.
"""
