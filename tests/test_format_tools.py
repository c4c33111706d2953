"""What editors and new users get: the JSON Schema, `init`, and `help format`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from timeline_tui.cli import main
from timeline_tui.core import validate
from timeline_tui.core.dates import DateError, parse_date
from timeline_tui.core.loader import load_paths
from timeline_tui.core.schema import timeline_schema

from conftest import BUNDLED_EVENTS, REPO


def _schema(capsysbinary) -> dict:
    assert main(["schema"]) == 0
    return json.loads(capsysbinary.readouterr().out)


def _errors(schema: dict, data: object) -> list[str]:
    """Each error as "path: message", the path in the file's own keys."""
    Draft202012Validator.check_schema(schema)
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                  for error in Draft202012Validator(schema).iter_errors(data))


def test_the_schema_knows_exactly_the_keys_the_loader_knows(capsysbinary) -> None:
    schema = _schema(capsysbinary)
    definitions = schema["$defs"]
    assert list(schema["properties"]) == list(validate.FILE_KEYS)
    for record, keys in (("actor", validate.ACTOR_KEYS), ("source", validate.SOURCE_KEYS),
                         ("event", validate.EVENT_KEYS), ("quote", validate.QUOTE_KEYS),
                         ("dispute", validate.DISPUTE_KEYS), ("version", validate.VERSION_KEYS)):
        assert list(definitions[record]["properties"]) == list(keys), record
        assert all(field["description"] for field in definitions[record]["properties"].values())


def test_a_key_the_loader_learns_needs_a_description(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate, "EVENT_KEYS", (*validate.EVENT_KEYS, "undescribed"))
    with pytest.raises(KeyError, match="undescribed"):
        timeline_schema()


def test_the_bundled_timeline_and_the_starter_satisfy_the_schema(tmp_path: Path,
                                                                 capsysbinary) -> None:
    schema = _schema(capsysbinary)
    assert main(["init", str(tmp_path)]) == 0
    for path in [*sorted(BUNDLED_EVENTS.glob("*.yaml")), *sorted(tmp_path.glob("*.yaml"))]:
        assert _errors(schema, yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path


def test_the_schema_finds_what_an_editor_should_flag(capsysbinary) -> None:
    broken = yaml.safe_load("""\
actors:
  - id: nameless
sources:
  - id: no-title
    notes: neither title, outlet nor url
  - id: kind
    outlet: Wire
    kind: primry
  - {id: title-only, title: T}
  - {id: url-only, url: "https://example.org"}
events:
  - id: a
    date: "2025-5-1"
    qoutes: []
  - id: b
    date: "2025-05-16T14:30+03:00~"
    title: Fine
    tags: talks
    quotes:
      - text: Words
        speaker: someone
        reported: "maybe"
    disputes:
      - about: When
        versions: two
      - about: One version
        versions: [{says: a, sources: [s]}]
      - about: Two versions, fine
        versions: [{says: a, sources: [s]}, {says: b, sources: [t]}]
      - about: Bad versions
        versions: [{sources: [s]}, {says: b, sources: s}, {says: c, sources: []},
                   {says: d, sources: [""]}]
  - not a record
""")
    errors = _errors(_schema(capsysbinary), broken)
    assert errors == [
        "actors/0: 'name' is a required property",
        "events/0/date: '2025-5-1' is not valid under any of the given schemas",
        "events/0: 'qoutes' does not match any of the regexes: '^x-'",
        "events/0: 'title' is a required property",
        "events/1/disputes/0/versions: 'two' is not of type 'array'",
        "events/1/disputes/1/versions: [{'says': 'a', 'sources': ['s']}] is too short",
        "events/1/disputes/3/versions/0: 'says' is a required property",
        "events/1/disputes/3/versions/1/sources: 's' is not of type 'array'",
        "events/1/disputes/3/versions/2/sources: [] should be non-empty",
        "events/1/disputes/3/versions/3/sources/0: '' is not valid under any of the given "
        "schemas",
        "events/1/quotes/0/reported: 'maybe' is not of type 'boolean'",
        "events/1/tags: 'talks' is not of type 'array', 'null'",
        "events/2: 'not a record' is not of type 'object'",
        "sources/0: {'id': 'no-title', 'notes': 'neither title, outlet nor url'} is not valid "
        "under any of the given schemas",
        "sources/1/kind: 'primry' is not one of ['primary', 'report', 'analysis', 'other']",
    ]


@pytest.mark.parametrize(("year", "valid"), [(1, True), (9999, True), (0, False),
                                              (10000, False), (2025.5, False)])
def test_an_unquoted_year_is_a_number_from_1_to_9999(year: float, valid: bool,
                                                     capsysbinary) -> None:
    """`date: 2025` unquoted is a number to an editor's YAML parser (the loader
    reads it as the text it is)."""
    errors = _errors(_schema(capsysbinary), {"events": [{"id": "a", "title": "A", "date": year}]})
    assert (errors == []) == valid, errors


@pytest.mark.parametrize("date", [
    "2022", "2022~", "2025-05", "2025-05-16%", "2025-05-16T14:30", "2025-05-16 14:30:05Z",
    "2025-05-16T14:30+03:00?", "2023-21", "202X", "20XX~", "2023-XX", "2023-11-XX",
    "2025-05-16/2025-05-18", "2025-06/..", "../2025", "/2025", "[2025-07-01, 2025-07-03]",
    "25-05-16", "2025-5-1", "2025/05/16", "May 2025", "2025-05-16T14", "[2025-07-01]x",
    "2025-05-16 / 2025-05-18 / 2025-05-20", "2025-05-16T14:30+3", "2X25",
])
def test_the_schema_takes_the_dates_the_loader_takes(date: str, capsysbinary) -> None:
    """The loader is the oracle. (It also refuses days a calendar lacks and an
    interval with neither end, which the schema leaves to `check`.)"""
    try:
        parse_date(date)
        loads = True
    except DateError:
        loads = False
    errors = _errors(_schema(capsysbinary),
                     {"events": [{"id": "a", "title": "A", "date": date}]})
    assert (errors == []) == loads, errors


def test_init_writes_a_starter_that_checks_clean(tmp_path: Path, capsys) -> None:
    target = tmp_path / "new" / "timeline"  # made, with its parent
    assert main(["init", str(target)]) == 0
    assert sorted(p.name for p in target.iterdir()) == \
        ["actors.yaml", "events.yaml", "sources.yaml", "timeline.schema.json"]
    for name in ("actors.yaml", "events.yaml", "sources.yaml"):
        first_line = (target / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == "# yaml-language-server: $schema=timeline.schema.json"
    timeline = load_paths([target])
    assert timeline.problems == ()
    assert (len(timeline.actors), len(timeline.sources), len(timeline.events),
            timeline.quote_count) == (1, 1, 1, 1)
    assert json.loads((target / "timeline.schema.json").read_text()) == timeline_schema()
    assert f"timeline-tui check {target}" in capsys.readouterr().out


def test_init_never_overwrites(tmp_path: Path, capsys) -> None:
    (tmp_path / "events.yaml").write_text("mine\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["init", str(tmp_path)])
    assert exit_.value.code == 2
    assert "already has events.yaml; nothing was written" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]
    assert (tmp_path / "events.yaml").read_text(encoding="utf-8") == "mine\n"


def test_help_format_prints_the_readme_format_section(capsysbinary) -> None:
    assert main(["help", "format"]) == 0
    printed = capsysbinary.readouterr().out.decode("utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert printed.startswith("## The timeline format\n")
    assert printed.strip() in readme
    assert "**Actor references**" in printed and "\n## " not in printed


def test_help_names_the_format_reference_and_the_schema(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "timeline-tui help format" in out and "timeline-tui schema" in out


def test_init_says_what_it_wrote_and_what_to_run_next(tmp_path: Path, monkeypatch,
                                                      capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0  # the current directory by default
    assert capsys.readouterr().out == (
        "Wrote actors.yaml, events.yaml, sources.yaml, timeline.schema.json in ..\n"
        "Open it: timeline-tui .\n"
        "Validate it: timeline-tui check .\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        ["actors.yaml", "events.yaml", "sources.yaml", "timeline.schema.json"]


def test_init_names_every_file_in_the_way(tmp_path: Path, capsys) -> None:
    for name in ("sources.yaml", "timeline.schema.json"):
        (tmp_path / name).write_text("mine\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["init", str(tmp_path)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"timeline-tui init: error: {tmp_path} already has sources.yaml, "
        "timeline.schema.json; nothing was written\n")


def test_init_that_cannot_write_says_why(tmp_path: Path, capsys) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["init", str(tmp_path / "file" / "new")])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"timeline-tui init: error: cannot write in {tmp_path / 'file' / 'new'}: "
        "Not a directory\n")


def test_the_schema_names_its_draft_and_what_it_leaves_to_check(capsysbinary) -> None:
    schema = _schema(capsysbinary)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "timeline-tui timeline file"
    assert schema["description"] == (
        "A YAML file of a timeline-tui timeline. Run `timeline-tui check` for what a schema "
        "cannot check: references, duplicate ids, real calendar days.")
    # The user's own x- fields: on actors, sources and events only.
    own = {"^x-": {"description": "Your own field, kept as written."}}
    assert "patternProperties" not in schema
    assert {record: definition.get("patternProperties")
            for record, definition in schema["$defs"].items()} == \
        {"actor": own, "source": own, "event": own, "quote": None, "dispute": None,
         "version": None}
