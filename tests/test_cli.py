"""The command line, exact: exit codes, messages and paths that scripts and CI rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_tui import cli

CLEAN = """\
actors:
  - {id: putin, name: Vladimir Putin}
sources:
  - {id: sky, outlet: Sky News}
events:
  - id: talks
    date: 2025-05-16
    title: Talks
    sources: [sky]
    quotes:
      - {text: We are ready, speaker: putin}
"""


def _run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command in a child with no terminal: standard input and output are pipes."""
    return subprocess.run([sys.executable, "-m", "timeline_tui", *args], capture_output=True,
                          text=True, timeout=30, cwd=cwd, stdin=subprocess.DEVNULL,
                          env={**os.environ, "PYTHONPATH": str(Path(cli.__file__).parents[1]),
                               **(env or {})})


@pytest.mark.parametrize("command", [["check"], []], ids=["check", "app"])
def test_a_path_that_does_not_exist_is_a_usage_error(command, tmp_path):
    result = _run(*command, "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "timeline-tui: no such file or directory: nowhere.yaml\n"
    assert ":1:1" not in result.stdout + result.stderr


def test_the_app_without_a_terminal_exits_at_once_with_a_clear_message(tmp_path):
    # As in a script: `timeline-tui schema` reads "schema" as a PATH; here a real one.
    (tmp_path / "t.yaml").write_text(CLEAN, encoding="utf-8")
    result = _run("t.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "timeline-tui check" in result.stderr


@pytest.mark.parametrize("layout", ["empty", "no-yaml"])
def test_no_timeline_files_found_fails_naming_the_path(layout, tmp_path):
    directory = tmp_path / "events"
    directory.mkdir()
    if layout == "no-yaml":
        (directory / "notes.txt").write_text("events: []\n", encoding="utf-8")
    result = _run("check", "events", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "timeline-tui: no timeline files (*.yaml, *.yml) found in events\n"


def test_the_summary_says_one_of_each_in_the_singular(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text(CLEAN, encoding="utf-8")
    assert cli.main(["check", "t.yaml"]) == 0
    assert capsys.readouterr().out == \
        "1 file, 1 event, 1 actor, 1 source, 1 quote, 0 problems, 0 warnings\n"
    Path("u.yaml").write_text("events:\n  - {id: b, date: 2025-02-30, title: B}\n", encoding="utf-8")
    assert cli.main(["check", "."]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == \
        "2 files, 2 events, 1 actor, 1 source, 1 quote, 1 problem, 1 warning"


def _annotation_path(output: str) -> str:
    first = output.splitlines()[0]
    return first.split("file=", 1)[1].split(",", 1)[0]


def test_github_annotations_name_the_file_relative_to_the_workspace(tmp_path, monkeypatch, capsys):
    workspace = tmp_path / "repo"
    (workspace / "events").mkdir(parents=True)
    (workspace / "events" / "bad.yaml").write_text("events: [\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(workspace))
    monkeypatch.chdir(tmp_path)  # not the workspace: the workspace still decides
    cli.main(["check", "--format", "github", str(workspace / "events")])
    assert _annotation_path(capsys.readouterr().out) == "events/bad.yaml"


def test_github_annotations_fall_back_to_the_current_directory(tmp_path, monkeypatch, capsys):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "bad.yaml").write_text("events: [\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "elsewhere"))
    monkeypatch.chdir(tmp_path)
    cli.main(["check", "--format", "github", str(tmp_path / "events")])
    assert _annotation_path(capsys.readouterr().out) == "events/bad.yaml"


def test_json_keeps_the_yaml_librarys_words_as_detail(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text("events:\n  - id: a\n    title: Talks: day one\n", encoding="utf-8")
    assert cli.main(["check", "--format", "json", "t.yaml"]) == 1
    (record,) = json.loads(capsys.readouterr().out)["problems"]
    assert record["message"].startswith('this value contains ": "')
    assert record["detail"] == "mapping values are not allowed in this context"
    assert (record["line"], record["column"], record["severity"]) == (3, 17, "error")


def test_an_unknown_zone_for_tz_is_a_usage_error(tmp_path):
    result = _run("--tz", "Europe/Istambul", cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean 'Europe/Istanbul'" in result.stderr
