"""Bad input never crashes, hangs or hides data.

Each case in tests/data/bad/ is loaded in-process and through `timeline-tui check`,
and must give exactly the located errors that tests/data/bad/expected.yaml lists,
and the warnings it lists among others (most cases' events cite no source, a
warning), or load with its values as written. The cases that cannot be committed (a 20 MB
scalar, symlink loops, unreadable files, FIFOs, deep directory trees, file names
that are not UTF-8) are built in tmp_path below.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from timeline_tui import cli
from timeline_tui.core import discover, validate, yaml_read
from timeline_tui.core.dates import DateInterval, DateSet, PartialDate
from timeline_tui.core.loader import MAX_FILE_BYTES, load_paths, parse_file
from timeline_tui.core.model import Problem, Timeline

BAD = Path(__file__).parent / "data" / "bad"
MANIFEST = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))
TAG_MARKER = "tag-was-executed"
"""The file the corpus's `os.system` tags would create in the working directory."""

TIME_LIMIT_S = 10.0
MEMORY_LIMIT_MB = 500


@dataclass(frozen=True)
class Expected:
    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    @property
    def where(self) -> tuple[str, int, int]:
        return self.path, self.line, self.column

    def matches(self, problem: Problem) -> bool:
        return (_where(problem) == self.where and self.message in problem.message
                and problem.severity == self.severity)


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    problems: tuple[Expected, ...]
    values: tuple[dict, ...]

    @property
    def errors(self) -> tuple[Expected, ...]:
        return tuple(wanted for wanted in self.problems if wanted.severity == "error")


def _case(name: str) -> Case:
    entry = MANIFEST[name]
    if isinstance(entry, list):
        entry = {"problems": entry}
    path = BAD / name if (BAD / name).is_dir() else BAD / f"{name}.yaml"
    problems = tuple(
        Expected(str(path / item["path"]) if "path" in item else str(path),
                 item["line"], item["column"], item["message"], item.get("severity", "error"))
        for item in entry.get("problems", ()))
    return Case(name, path, problems, tuple(entry.get("values", ())))


CASES = [_case(name) for name in MANIFEST]
PROBLEM_CASES = [case for case in CASES if case.problems]


def _ids(cases: list[Case]) -> list[str]:
    return [case.name for case in cases]


def _where(problem: Problem) -> tuple[str, int, int]:
    return problem.position.path, problem.position.line, problem.position.column


def _assert_located(problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        assert problem.position.path, problem
        assert problem.position.line >= 1 and problem.position.column >= 1, problem
        assert problem.message, problem


def _assert_exactly(problems: tuple[Problem, ...], expected: tuple[Expected, ...]) -> None:
    """Each expected problem matches a distinct reported one, and no error is left over."""
    unmatched = list(problems)
    for wanted in expected:
        match = next((problem for problem in unmatched if wanted.matches(problem)), None)
        assert match is not None, f"{wanted} not among {[str(p) for p in problems]}"
        unmatched.remove(match)
    errors = [str(problem) for problem in unmatched if problem.severity == "error"]
    assert not errors, f"unexpected errors: {errors}"


def _plain(value: object) -> object:
    if isinstance(value, (PartialDate, DateInterval, DateSet)):
        return value.text
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _assert_value(timeline: Timeline, check: dict) -> None:
    if "event" in check:
        index = timeline.event_index(str(check["event"]))
        record = None if index is None else timeline.events[index]
    elif "actor" in check:
        record = timeline.actors.get(str(check["actor"]))
    else:
        record = timeline.sources.get(str(check["source"]))
    if check.get("missing"):
        assert record is None, check
        return
    assert record is not None, f"not loaded: {check}"
    if "quote" in check:
        record = record.quotes[check["quote"]]
    if "repeat" in check:
        text, times = check["repeat"]
        expected = text * times
    else:
        expected = check["equals"]
    assert _plain(getattr(record, check["field"])) == expected, check


def _check(*args: str | os.PathLike, cwd: Path,
           env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "timeline_tui", "check", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", errors="backslashreplace",
        timeout=20, cwd=cwd, env=None if env is None else {**os.environ, **env},
    )


def _assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stderr
    assert result.stderr == ""


# The corpus


def test_manifest_lists_every_case_in_the_corpus():
    on_disk = {entry.name for entry in BAD.iterdir() if entry.name != "expected.yaml"}
    assert on_disk == {case.path.name for case in CASES}


def test_manifest_expects_something_of_every_case():
    assert all(case.problems or case.values for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_case_loads_with_exactly_the_expected_problems(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a tag that ran a command would leave its file
    started = time.perf_counter()
    timeline = load_paths([case.path])
    assert time.perf_counter() - started < TIME_LIMIT_S
    _assert_located(timeline.problems)
    _assert_exactly(timeline.problems, case.problems)
    for check in case.values:
        _assert_value(timeline, check)
    assert not (tmp_path / TAG_MARKER).exists()


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_check_prints_each_problem_located(case, tmp_path, monkeypatch, capsys):
    # In-process for speed; the tests below run the command on generated input.
    monkeypatch.chdir(tmp_path)  # where a tag that ran a command would leave its file
    exit_code = cli.main(["check", str(case.path)])
    output = capsys.readouterr()
    assert output.err == ""
    assert exit_code == (1 if case.errors else 0)
    *reported, summary = output.out.splitlines()
    for wanted in case.problems:
        prefix = f"{wanted.path}:{wanted.line}:{wanted.column}: {wanted.severity}: "
        assert any(line.startswith(prefix) and wanted.message in line for line in reported), \
            (prefix, wanted.message, output.out)
    warnings = [line for line in reported if ": warning: " in line]
    assert len(reported) - len(warnings) == len(case.errors)
    assert re.search(rf", {len(case.errors)} problems?, {len(warnings)} warnings?$", summary)
    assert not (tmp_path / TAG_MARKER).exists()


_ANNOTATION = re.compile(r"::(?P<severity>error|warning) file=(?P<path>[^,]+),line=(?P<line>\d+),"
                         r"col=(?P<column>\d+)::(?P<message>.+)")


def _json_records(output: str) -> list[dict]:
    report = json.loads(output)
    records = report["problems"]
    for record in records:
        assert isinstance(record["path"], str) and record["path"]
        assert isinstance(record["line"], int) and record["line"] >= 1
        assert isinstance(record["column"], int) and record["column"] >= 1
        assert isinstance(record["message"], str) and record["message"]
        assert record["severity"] in ("error", "warning")
    severities = [record["severity"] for record in records]
    assert report["summary"]["problems"] == severities.count("error")
    assert report["summary"]["warnings"] == severities.count("warning")
    return records


def _github_records(output: str) -> list[dict]:
    *annotations, summary = output.splitlines()
    records = []
    for line in annotations:
        match = _ANNOTATION.fullmatch(line)
        assert match, line
        # Undo GitHub's escaping of properties; these paths and messages hold no "%".
        path = match["path"].replace("%3A", ":").replace("%2C", ",")
        records.append({"path": path, "line": int(match["line"]), "column": int(match["column"]),
                        "severity": match["severity"], "message": match["message"]})
    severities = [record["severity"] for record in records]
    assert re.search(rf", {severities.count('error')} problems?, "
                     rf"{severities.count('warning')} warnings?$", summary)
    return records


FORMATS = {"json": _json_records, "github": _github_records}


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_check_formats_give_each_problem_as_a_located_record(case, output_format, capsys):
    # In-process for speed; test_check_formats_run_as_a_command runs the command.
    exit_code = cli.main(["check", "--format", output_format, str(case.path)])
    assert exit_code == (1 if case.errors else 0)
    records = FORMATS[output_format](capsys.readouterr().out)
    assert len([r for r in records if r["severity"] == "error"]) == len(case.errors)
    for wanted in case.problems:
        # GitHub attaches annotations by the path relative to the workspace (here
        # the current directory).
        path = os.path.relpath(wanted.path) if output_format == "github" else wanted.path
        assert any((r["path"], r["line"], r["column"], r["severity"])
                   == (path, wanted.line, wanted.column, wanted.severity)
                   and wanted.message in r["message"] for r in records), (wanted, records)


@pytest.mark.parametrize("output_format", FORMATS)
def test_check_formats_run_as_a_command(output_format, tmp_path):
    result = _check("--format", output_format, *(case.path for case in CASES), cwd=tmp_path)
    _assert_no_traceback(result)
    assert result.returncode == 1
    records = FORMATS[output_format](result.stdout)
    # Every case's problems, and more: cases share ids such as "putin".
    assert len(records) > sum(len(case.problems) for case in CASES)
    assert not (tmp_path / TAG_MARKER).exists()


# Time and memory


def _peak_memory_mb(*paths: Path) -> tuple[float, list[str]]:
    """Load in a fresh interpreter: its peak resident memory, and its problems.

    The peak is VmHWM where Linux has it: ru_maxrss survives exec, so in a child of
    a large process (pytest after many tests) it reports the parent's size."""
    script = (
        "import json, re, resource, sys\n"
        "from timeline_tui.core.loader import load_paths\n"
        "timeline = load_paths(sys.argv[1:])\n"
        "try:\n"
        "    status = open('/proc/self/status').read()\n"
        "    peak_kb = int(re.search(r'VmHWM:\\s*(\\d+) kB', status).group(1))\n"
        "except (OSError, AttributeError):\n"
        "    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps([peak_kb, [p.message for p in timeline.problems if p.severity == 'error']]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, *map(str, paths)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    peak_kb, messages = json.loads(result.stdout)
    return peak_kb / 1024, messages


EXPANSION_CASES = ["alias-bomb-extra", "alias-bomb-fields", "alias-bomb-events",
                   "alias-bomb-many-extras", "deep-nesting"]


@pytest.mark.parametrize("name", EXPANSION_CASES)
def test_expansion_cases_stay_within_memory(name):
    peak_mb, messages = _peak_memory_mb(BAD / f"{name}.yaml")
    assert peak_mb < MEMORY_LIMIT_MB
    assert len(messages) == len(_case(name).errors)


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_loader(request, monkeypatch):
    """Both parsers the loader can run on: libyaml's, and PyYAML's own when it is
    built without libyaml (which composes nodes recursively)."""
    if request.param == "libyaml":
        # PyYAML's wheels include libyaml; a build without it cannot test this half.
        assert issubclass(yaml_read._YamlLoader, yaml.CSafeLoader), "PyYAML is built without libyaml"
    else:
        monkeypatch.setattr(yaml_read, "_YamlLoader", yaml_read._PythonLoader)
    return request.param


NESTING = {  # shape: (YAML nested `depth` levels, depth)
    "flow-lists": (lambda depth: "events: " + "[" * depth + "]" * depth + "\n", 50_000),
    "flow-mappings": (lambda depth: "events: " + "{a: " * depth + "b" + "}" * depth + "\n",
                      50_000),
    "block-lists": (lambda depth: "events:\n" + "- " * depth + "x\n", 50_000),
    # Each level indents one more space, so the text grows as the square of the depth.
    "block-mappings": (lambda depth: "events:\n" + "".join(" " * level + "a:\n"
                                                           for level in range(depth)), 3_000),
    "in-x-field": (lambda depth: "actors:\n  - id: a\n    name: A\n    x-deep: "
                                 + "[" * depth + "]" * depth + "\n", 50_000),
}


@pytest.mark.parametrize("shape", NESTING)
def test_deep_nesting_is_refused_quickly_and_located(shape, yaml_loader):
    nested, depth = NESTING[shape]
    data = nested(depth).encode()
    started = time.perf_counter()
    draft = parse_file("deep.yaml", data)
    assert time.perf_counter() - started < TIME_LIMIT_S
    [problem] = draft.problems
    assert "nesting" in problem.message
    assert (problem.position.line, problem.position.column) > (1, 9)  # at the nesting
    assert draft.events == () and draft.actors == ()


PURE_PYTHON_CASES = [case for case in CASES if case.name != "deep-nesting"]


@pytest.mark.parametrize("case", PURE_PYTHON_CASES, ids=_ids(PURE_PYTHON_CASES))
def test_pure_python_parser_gives_the_same_problems(case, monkeypatch, tmp_path):
    monkeypatch.setattr(yaml_read, "_YamlLoader", yaml_read._PythonLoader)
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    timeline = load_paths([case.path])
    assert time.perf_counter() - started < TIME_LIMIT_S
    positions = sorted(_where(problem) for problem in timeline.problems if problem.severity == "error")
    assert positions == sorted(wanted.where for wanted in case.errors)
    if not case.name.startswith("syntax-"):  # the parsers word syntax errors differently
        _assert_exactly(timeline.problems, case.problems)
    for check in case.values:
        _assert_value(timeline, check)
    assert not (tmp_path / TAG_MARKER).exists()


def test_pure_python_parser_stops_deep_nesting_at_the_loaders_bound(monkeypatch):
    monkeypatch.setattr(yaml_read, "_YamlLoader", yaml_read._PythonLoader)
    started = time.perf_counter()
    [problem] = load_paths([BAD / "deep-nesting.yaml"]).problems
    assert time.perf_counter() - started < TIME_LIMIT_S
    # The root, events and the event are 3 levels, so the 98th "[" of `    tags: [[[...`
    # is the 101st; libyaml stops first, at its own bound of 1,000.
    first_bracket = len("    tags: ") + 1
    assert (problem.position.line, problem.position.column) == (5, first_bracket + 97)
    assert problem.message == "nesting is deeper than 100 levels"


def test_nesting_within_the_bound_loads(yaml_loader):
    # Root, events, event, x- field: 4 levels, then 40 more inside the x- field.
    data = ("events:\n  - id: a\n    date: 2025\n    title: A\n    x-deep: "
            + "[" * 40 + "]" * 40 + "\n").encode()
    draft = parse_file("deep.yaml", data)
    assert draft.problems == ()
    assert [event.id for event in draft.events] == ["a"]


def test_the_nesting_bound_is_on_depth_not_on_how_many_lists_there_are(yaml_loader, monkeypatch):
    # The mechanism at a bound of 5 levels. The root, events and the event are 3; each
    # x- field then opens two more, and closes them, before the next opens its own.
    monkeypatch.setattr(yaml_read, "MAX_DEPTH", 5)
    record = "events:\n  - id: &a a\n    date: 2025\n    title: A\n    x-one: [[1]]\n"
    draft = parse_file("t.yaml", (record + "    x-two: [[1]]\n").encode())
    assert draft.problems == ()
    assert draft.events[0].extras == (("x-one", (("1",),)), ("x-two", (("1",),)))
    [problem] = parse_file("t.yaml", (record + "    x-two: [[[1]]]\n").encode()).problems
    assert str(problem) == "t.yaml:6:14: error: nesting is deeper than 5 levels"


def test_too_many_values_are_refused_at_the_value_past_the_bound(yaml_loader, monkeypatch):
    # The mechanism at a bound of 1,000 rather than building 4 million values.
    monkeypatch.setattr(yaml_read, "MAX_NODES", 1_000)
    before_tags = 12  # root, "events", the list, the event, 3 keys and values, "tags", "["
    data = ("events:\n  - id: a\n    date: 2025\n    title: A\n    tags: ["
            + "t," * 2_000 + "t]\n").encode()
    draft = parse_file("big.yaml", data)
    [problem] = draft.problems
    assert problem.message == "the file holds more than 1,000 values; split it into several files"
    past_the_bound = 1_000 + 1 - before_tags  # the tag that is the 1,001st value
    column_of_first_tag = len("    tags: [") + 1
    assert (problem.position.line, problem.position.column) == \
        (5, column_of_first_tag + 2 * (past_the_bound - 1))
    assert draft.events == ()


def test_values_up_to_the_bound_load(yaml_loader, monkeypatch):
    monkeypatch.setattr(yaml_read, "MAX_NODES", 1_000)
    data = ("events:\n  - id: a\n    date: 2025\n    title: A\n    tags: ["
            + "t," * (1_000 - 12 - 1) + "t]\n").encode()
    draft = parse_file("big.yaml", data)
    assert draft.problems == ()
    assert len(draft.events[0].tags) == 1_000 - 12


def test_twenty_megabyte_scalar_loads_quickly_within_memory(tmp_path):
    title = "word " * (4 * 1024 * 1024)  # 20 MiB
    path = tmp_path / "big.yaml"
    path.write_text(f"sources:\n  - {{id: wire, outlet: Reuters}}\nevents:\n  - id: big\n"
                    f"    date: 2025-05-16\n    sources: [wire]\n    title: {title}\n",
                    encoding="utf-8")
    started = time.perf_counter()
    timeline = load_paths([path])
    assert time.perf_counter() - started < TIME_LIMIT_S
    assert timeline.problems == ()
    assert timeline.events[0].title == title.strip()
    peak_mb, messages = _peak_memory_mb(path)
    assert messages == [] and peak_mb < MEMORY_LIMIT_MB


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no 64 MB written
    started = time.perf_counter()
    [problem] = load_paths([path]).problems
    assert time.perf_counter() - started < 1.0
    assert _where(problem) == (str(path), 1, 1)
    assert problem.message == \
        f"file is {MAX_FILE_BYTES + 1:,} bytes; the limit is {MAX_FILE_BYTES:,}"


# Files that are not plain files


EVENT = ("sources:\n  - {id: wire, outlet: Reuters}\n"
         "events:\n  - {id: talks, date: 2025-05-16, title: Talks, sources: [wire]}\n")


def test_symlink_to_a_device_or_fifo_is_refused_not_read(tmp_path):
    directory = tmp_path / "timeline"
    directory.mkdir()
    (directory / "events.yaml").write_text(EVENT, encoding="utf-8")
    (directory / "zero.yaml").symlink_to("/dev/zero")  # never ends
    os.mkfifo(tmp_path / "fifo")
    (directory / "fifo.yaml").symlink_to(tmp_path / "fifo")  # blocks until written
    result = _check(directory, cwd=tmp_path)  # in a subprocess: a hang hits its timeout
    _assert_no_traceback(result)
    assert result.returncode == 1
    assert f"{directory / 'zero.yaml'}:1:1: error: not a regular file" in result.stdout
    assert f"{directory / 'fifo.yaml'}:1:1: error: not a regular file" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("3 files, 1 event,")


def test_fifo_given_by_name_is_refused_not_read(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    result = _check(tmp_path / "fifo.yaml", cwd=tmp_path)
    _assert_no_traceback(result)
    assert f"{tmp_path / 'fifo.yaml'}:1:1: error: not a regular file" in result.stdout


def test_directory_symlink_loop_is_a_warning_and_the_rest_loaded(tmp_path):
    top = tmp_path / "timeline"
    (top / "inner").mkdir(parents=True)
    (top / "inner" / "events.yaml").write_text(EVENT, encoding="utf-8")
    (top / "inner" / "back-up").symlink_to(top)
    started = time.perf_counter()
    timeline = load_paths([top])
    assert time.perf_counter() - started < TIME_LIMIT_S
    [problem] = timeline.problems
    assert _where(problem) == (str(top / "inner" / "back-up"), 1, 1)
    assert problem.message == "directory links back to one already read; skipped"
    assert problem.severity == "warning"
    assert [event.id for event in timeline.events] == ["talks"]
    assert timeline.files == (str(top / "inner" / "events.yaml"),)


def test_file_symlink_loop_and_dangling_link_are_located(tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "notes.txt").symlink_to(tmp_path / "notes.txt")  # not YAML: left out
    (tmp_path / "events.yaml").write_text(EVENT, encoding="utf-8")
    timeline = load_paths([tmp_path])
    assert timeline.files == tuple(str(tmp_path / name)
                                   for name in ("a.yaml", "b.yaml", "events.yaml", "gone.yaml"))
    problems = {problem.position.path: problem.message for problem in timeline.problems}
    assert problems == {
        str(tmp_path / "a.yaml"): "cannot read: Too many levels of symbolic links",
        str(tmp_path / "b.yaml"): "cannot read: Too many levels of symbolic links",
        str(tmp_path / "gone.yaml"): "cannot read: No such file or directory",
    }
    assert [event.id for event in timeline.events] == ["talks"]
    [problem] = load_paths([tmp_path / "a.yaml"]).problems  # named directly, too
    assert problem.message == "cannot read: Too many levels of symbolic links"


def test_directory_tree_thousands_deep_is_walked(tmp_path):
    directory = tmp_path / "timeline"
    directory.mkdir()
    levels = [directory]
    try:
        for _ in range(1_500):  # os.makedirs itself recurses
            levels.append(levels[-1] / "d")
            levels[-1].mkdir()
        (levels[-1] / "events.yaml").write_text(EVENT, encoding="utf-8")
        timeline = load_paths([directory])
        assert timeline.problems == ()
        assert [event.id for event in timeline.events] == ["talks"]
    finally:  # pytest's own clean-up (shutil.rmtree) recurses too
        (levels[-1] / "events.yaml").unlink(missing_ok=True)
        for level in reversed(levels):
            level.rmdir()


def _deny_reading(monkeypatch, denied: Path) -> None:
    """Make `denied` unreadable: by its mode, or, for root (whom modes do not stop),
    by failing the loader's open of it as the kernel would."""
    denied.chmod(0)
    if os.geteuid() != 0:
        return
    real_open = open

    def open_unless_denied(file, *args, **kwargs):
        if Path(file) == denied:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(yaml_read, "open", open_unless_denied, raising=False)


def test_unreadable_file_is_a_located_problem_and_the_rest_loads(tmp_path, monkeypatch, capsys):
    (tmp_path / "events.yaml").write_text(EVENT, encoding="utf-8")
    denied = tmp_path / "secret.yaml"
    denied.write_text(EVENT.replace("talks", "secret"), encoding="utf-8")
    _deny_reading(monkeypatch, denied)
    timeline = load_paths([tmp_path])
    [problem] = timeline.problems
    assert _where(problem) == (str(denied), 1, 1)
    assert problem.message == "cannot read: Permission denied"
    assert [event.id for event in timeline.events] == ["talks"]
    assert cli.main(["check", str(tmp_path)]) == 1
    assert f"{denied}:1:1: error: cannot read: Permission denied" in capsys.readouterr().out


def test_unreadable_directory_is_a_located_problem(tmp_path, monkeypatch):
    (tmp_path / "events.yaml").write_text(EVENT, encoding="utf-8")
    denied = tmp_path / "private"
    denied.mkdir()
    (denied / "secret.yaml").write_text(EVENT, encoding="utf-8")
    denied.chmod(0)
    if os.geteuid() == 0:  # root lists it anyway: fail the listing as the kernel would
        real_scandir = os.scandir

        def scandir_unless_denied(path):
            if Path(path) == denied:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(discover.os, "scandir", scandir_unless_denied)
    try:
        timeline = load_paths([tmp_path])
    finally:
        denied.chmod(0o755)
    [problem] = timeline.problems
    assert _where(problem) == (str(denied), 1, 1)
    assert problem.message == "cannot read: Permission denied"
    assert [event.id for event in timeline.events] == ["talks"]


# Output the terminal cannot encode


def test_file_name_that_is_not_utf8_is_printed_escaped(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.yaml")
    with open(name, "wb") as stream:
        stream.write(b"events: 3\n")
    # PYTHONIOENCODING without an error handler makes stdout strict, as a UTF-8
    # locale other than C.UTF-8 does.
    result = _check(tmp_path, cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8"})
    _assert_no_traceback(result)
    assert result.returncode == 1
    assert f"{tmp_path}/caf\\udce9.yaml:1:9: error: events must be a list" in result.stdout


def test_message_the_terminal_cannot_encode_is_printed_escaped(tmp_path):
    result = _check(BAD / "unknown-keys.yaml", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    _assert_no_traceback(result)
    assert result.returncode == 1
    assert "did you mean 'name'?); name your own fields x-\\u2026" in result.stdout


def test_invalid_utf8_after_a_byte_order_mark_is_located_at_its_byte():
    draft = yaml_read.compose_file("t.yaml", b"\xef\xbb\xbf# E\x80vents\nevents: []\n")
    (problem,) = draft.problems
    assert (problem.position.line, problem.position.column) == (1, 4)
    assert problem.message == "not valid UTF-8 (byte 0x80)"


# The alias bound, lowered, so that a small file crosses it in-process (the
# alias bombs above cost seconds each)

REPEATED_TAGS = """\
events:
  - {id: a, date: "2025", title: A, tags: &t [p, q, r, s, u, v, w, x, y, z]}
  - {id: b, date: "2025", title: B, tags: *t}
  - {id: c, date: "2025", title: C, tags: *t}
""".encode()


def test_aliases_past_the_bound_refuse_the_whole_file(monkeypatch):
    assert [event.tags for event in parse_file("t.yaml", REPEATED_TAGS).events] == \
        [tuple("pqrsuvwxyz")] * 3
    monkeypatch.setattr(validate, "MAX_ALIASED_NODES", 5)
    draft = parse_file("t.yaml", REPEATED_TAGS)
    # Located in the list the aliases repeat, where it is written.
    assert [str(problem) for problem in draft.problems] == \
        ["t.yaml:2:71: error: aliases repeat more than 5 values; write the values out"]
    assert draft.broken and draft.events == ()
