"""The data core and the `check` command run without Textual or Rich (e.g. in CI)."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import importlib, pkgutil, sys
import timeline_tui.core as core
names = [info.name for info in pkgutil.walk_packages(core.__path__, "timeline_tui.core.")]
assert len(names) >= 6, names
for name in names:
    importlib.import_module(name)
import timeline_tui.cli
loaded = sorted(name for name in sys.modules if name.startswith(("textual", "rich")))
assert not loaded, loaded
print("ok", len(names))
"""


def test_core_and_cli_import_without_textual_or_rich():
    result = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")
