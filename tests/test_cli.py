"""The ``kb`` command line on hand-written bad input: every class of mistake in the product
brief gets exit 1 and one line naming file:line:col and what is wrong. No traceback, ever."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import entry_text, site_config
from hostile.cases import BILLION_LAUGHS

# Line numbers below count lines in these texts; they are written out so that a reader can
# check every expected position by eye.
TASK = entry_text("vision-tasks", "image-classification")  # lines counted in comments
TASK_FILE = "catalog/vision-tasks/image-classification.yml"
VENDOR_FILE = "catalog/annotation-vendors/label-tool.yml"


def _task(old: str, new: str) -> str:
    assert old in TASK, old  # guard the test itself against typos
    return TASK.replace(old, new)


# (case, text of vision-tasks/image-classification.yml, "line:col", words in the message)
BAD_TASK = [
    (
        "malformed-yaml",
        _task("summary: Assigns one", "summary: Assigns: one"),
        "3:17",
        ["YAML syntax error", "mapping values"],
    ),
    (
        "wrong-type",
        _task("use_cases: [photo organisation]", "use_cases: 12"),
        "10:12",
        ["use_cases", "expected a list", "12"],
    ),
    (
        "unknown-field",
        TASK + "colour: red\n",
        "18:1",
        ["unknown field 'colour'"],
    ),
    (
        "unknown-field-typo",
        _task("complexity: {rating: low", "complexty: {rating: low"),
        "8:1",
        ["unknown field 'complexty'", "did you mean 'complexity'"],
    ),
    (
        "missing-required-field",
        _task("output: A class label\n", ""),
        "1:1",
        ["missing required field 'output'"],
    ),
    (
        "missing-required-nested-field",
        _task("    title: An article about the subject\n", ""),
        "12:5",
        ["missing required field 'title'"],
    ),
    (
        "duplicate-key",
        _task("summary: Assigns", "name: Again\nsummary: Assigns"),
        "3:1",
        ["duplicate key 'name'", "line 2"],
    ),
    (
        "id-not-kebab",
        _task("id: image-classification", "id: Image_Classification"),
        "1:5",
        ["'Image_Classification' is not a valid id", "lowercase"],
    ),
    (
        "id-not-file-name",
        _task("id: image-classification", "id: classification"),
        "1:5",
        ["id 'classification' does not match the file name 'image-classification.yml'"],
    ),
    (
        "anchor",
        _task("name: Image classification", "name: &n Image classification"),
        "2:7",
        ["anchors (&n) are not allowed"],
    ),
    (
        "alias",
        _task("focus: What the image shows", "focus: *x"),
        "5:8",
        ["aliases (*x) are not allowed"],
    ),
    (
        "not-a-mapping",
        "- image-classification\n- Image classification\n",
        "1:1",
        ["must be a mapping", "not a list"],
    ),
    (
        "scalar-not-a-mapping",
        "just a sentence\n",
        "1:1",
        ["must be a mapping", "'just a sentence'"],
    ),
    (
        "empty-file",
        "# nothing yet\n",
        "1:1",
        ["file is empty"],
    ),
    (
        "yaml-directive",
        "%YAML 1.1\n---\n" + TASK,
        "1:1",
        ["directives", "not allowed"],
    ),
    (
        "tag-directive",
        "%TAG !e! tag:example.com,2000:\n---\n" + TASK,
        "1:1",
        ["directives", "not allowed"],
    ),
    (
        "python-tag",
        _task("name: Image classification", "name: !!python/object:os.system ls"),
        "2:7",
        ["tags (!!python/object:os.system) are not allowed"],
    ),
    (
        "str-tag",
        _task("output: A class label", "output: !!str A class label"),
        "6:9",
        ["tags (!!str) are not allowed"],
    ),
    (
        "several-documents",
        TASK + "---\n" + TASK,
        "18:1",
        ["more than one YAML document"],
    ),
    (
        "yaml11-boolean",
        _task("localizes: false", "localizes: no"),
        "7:12",
        ["localizes", "expected true or false", "'no'", "yes/no/on/off"],
    ),
    (
        "quoted-number-for-bool",
        _task("localizes: false", 'localizes: "false"'),
        "7:12",
        ["localizes", "expected true or false"],
    ),
    (
        "number-for-text",
        _task("output: A class label", "output: 2020"),
        "6:9",
        ["output", "expected text", "2020", "quotes"],
    ),
    (
        "bidi-override",
        _task("name: Image classification", "name: Image \u202eclassification"),
        "2:13",
        ["invisible", "character U+202E", "delete it"],
    ),
    (
        "bidi-override-in-comment",
        "# note \u2066hidden\u2069\n" + TASK,
        "1:8",
        ["invisible", "U+2066"],
    ),
    (
        "zero-width-space",
        _task("focus: What the", "focus: Wh\u200bat the"),
        "5:10",
        ["invisible", "U+200B"],
    ),
    (
        "raw-control-character",
        _task("output: A class label", "output: A class\x1b label"),
        "6:16",
        ["invisible", "U+001B"],
    ),
    (
        "escaped-control-character",
        _task("output: A class label", 'output: "A class\\x07 label"'),
        "6:9",
        ["U+0007"],
    ),
    (
        "multi-line-value-quoted-on-one-line",
        _task("localizes: false", "localizes: |\n  yes\n  no"),
        "7:12",
        ["localizes", "expected true or false", "got 'yes\\nno\\n'"],
    ),
    (
        "escaped-bidi-echoed-as-an-escape",
        _task("complexity: {rating: low", 'complexity: {rating: "lo\\u202ew"'),
        "8:22",
        ["complexity", "'lo\\u202ew' is not allowed"],
    ),
    (
        "enum-value",
        _task("complexity: {rating: low", "complexity: {rating: medium"),
        "8:22",
        ["complexity", "'medium' is not allowed", "'low', 'average' or 'high'"],
    ),
    (
        "bad-date",
        _task("accessed: 2024-05-01", "accessed: 2024-13-01"),
        "14:15",
        ["accessed", "YYYY-MM-DD", "2024-13-01"],
    ),
    (
        "javascript-url",
        _task("url: https://example.com/article", "url: javascript:alert(1)"),
        "12:10",
        ["url", "'javascript:alert(1)'", "http:// or https://"],
    ),
    (
        "data-url",
        _task(
            "url: https://example.com/article", 'url: "data:text/html,<script>alert(1)</script>"'
        ),
        "12:10",
        ["url", "data:text/html", "http:// or https://"],
    ),
]


@pytest.mark.parametrize(("case", "text", "where", "words"), BAD_TASK, ids=[c[0] for c in BAD_TASK])
def test_bad_input_is_reported_at_file_line_col(
    tree: Any, cli: Any, case: str, text: str, where: str, words: list[str]
) -> None:
    tree.write("vision-tasks", "image-classification", text)
    r = cli("validate")
    assert r.code == 1, r.both
    lines = [ln for ln in r.both.splitlines() if ln.startswith(f"{TASK_FILE}:{where}: ")]
    assert lines, r.both
    assert any(all(w in ln for w in words) for ln in lines), lines
    assert "Traceback" not in r.both
    assert r.both.rstrip().endswith("problem(s) found")
    # one line per problem, and nothing invisible echoed back
    count = int(r.both.splitlines()[-1].split()[1])
    assert len(r.both.splitlines()) == count + 1
    assert all(ch.isprintable() for ch in r.both.replace("\n", ""))


def _problem_lines(err: str, path: str) -> list[str]:
    return [ln for ln in err.splitlines() if ln.startswith(path + ":")]


def test_valid_tree_passes(tree: Any, cli: Any) -> None:
    r = cli("validate")
    assert (r.code, r.err) == (0, "")
    assert r.out.strip() == "ok: 8 entries valid"


def test_duplicate_id(tree: Any, cli: Any) -> None:
    tree.write("annotation-techniques", "box", tree.valid("annotation-techniques", "bounding-box"))
    r = cli("validate")
    assert r.code == 1
    lines = _problem_lines(r.both, "catalog/annotation-techniques/box.yml")
    assert (
        "catalog/annotation-techniques/box.yml:1:5: duplicate id 'bounding-box': already used "
        "by catalog/annotation-techniques/bounding-box.yml"
    ) in lines


def test_dangling_reference(tree: Any, cli: Any) -> None:
    text = tree.valid("annotation-vendors", "label-tool")
    tree.write("annotation-vendors", "label-tool", text.replace("polygon]", "polygn]"))
    r = cli("validate")
    assert r.code == 1
    # line 7 is "techniques: [bounding-box, polygn]"; the bad id starts at column 28
    (line,) = _problem_lines(r.both, VENDOR_FILE)
    assert line.startswith(f"{VENDOR_FILE}:7:28: techniques: 'polygn' is not an entry of ")
    assert "annotation-techniques" in line and "bounding-box, polygon" in line


def test_dangling_single_reference(tree: Any, cli: Any) -> None:
    text = tree.valid("case-studies", "churn-ann")
    tree.write("case-studies", "churn-ann", text.replace("task: image-classification", "task: x"))
    r = cli("validate")
    assert r.code == 1
    assert "catalog/case-studies/churn-ann.yml:4:7: task: 'x' is not an entry of vision-tasks" in (
        r.both
    )


def test_file_name_not_kebab(tree: Any, cli: Any) -> None:
    tree.write("annotation-techniques", "Bounding_Box.yml", "id: Bounding_Box\n")
    r = cli("validate")
    assert r.code == 1
    assert (
        "catalog/annotation-techniques/Bounding_Box.yml:1:1: file name 'Bounding_Box.yml' "
        "is not <lowercase-kebab-id>.yml"
    ) in r.both


def test_non_utf8_bytes(tree: Any, cli: Any) -> None:
    text = TASK.replace("name: Image classification", "name: Image caf\xe9").encode("latin-1")
    tree.write("vision-tasks", "image-classification", text)
    r = cli("validate")
    assert r.code == 1
    # "name: Image caf" is 15 characters: the bad byte is the 16th on line 2
    assert f"{TASK_FILE}:2:16: byte 0xE9 is not valid UTF-8; save the file as UTF-8" in r.both


def test_utf8_byte_order_mark_is_accepted(tree: Any, cli: Any) -> None:
    tree.write("vision-tasks", "image-classification", b"\xef\xbb\xbf" + TASK.encode())
    assert cli("validate").code == 0


def test_nul_byte(tree: Any, cli: Any) -> None:
    tree.write("vision-tasks", "image-classification", TASK.replace("false", "fal\0se"))
    r = cli("validate")
    assert r.code == 1
    assert f"{TASK_FILE}:7:15: contains a NUL byte" in r.both


def test_huge_file(tree: Any, cli: Any) -> None:
    big = TASK + "".join(f"# padding line {i} {'x' * 80}\n" for i in range(2000))
    assert len(big) > 100_000
    tree.write("vision-tasks", "image-classification", big)
    r = cli("validate")
    assert r.code == 1
    (line,) = _problem_lines(r.both, TASK_FILE)
    assert line == f"{TASK_FILE}:1:1: file is larger than 64 KiB, the limit for one entry"


def test_text_too_long(tree: Any, cli: Any) -> None:
    tree.write("vision-tasks", "image-classification", _task("A class label", "x" * 301))
    r = cli("validate")
    assert r.code == 1
    assert f"{TASK_FILE}:6:9: output: text is 301 characters; the limit is 300" in r.both


def test_html_in_text_is_kept_verbatim(tree: Any, cli: Any) -> None:
    # Not an error: the validator keeps the text as written; rendering escapes it later.
    html = '<script>alert("x")</script> <img src=x onerror=alert(1)> & <b>bold</b>'
    tree.write("vision-tasks", "image-classification", _task("A class label", f"'{html}'"))
    r = cli("validate")
    assert r.code == 0, r.both
    from kb.data.loader import load

    entry = load(Path("catalog")).get("vision-tasks", "image-classification")
    assert entry is not None
    assert entry.output == html  # type: ignore[attr-defined]


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    """Expanding this file would need 9**9 strings; a real ``kb`` process must refuse it.

    The timeout only stops a runaway process (it is not a measurement): expansion would
    exhaust memory long before it finished.
    """
    path = tmp_path / "catalog" / "vision-tasks" / "lol.yml"
    path.parent.mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(site_config(), encoding="utf-8")
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kb.cli", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "catalog/vision-tasks/lol.yml:1:4: YAML anchors (&a) are not allowed" in proc.stdout
    assert "catalog/vision-tasks/lol.yml:2:8: YAML aliases (*a) are not allowed" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_format_github(tree: Any, cli: Any) -> None:
    tree.write("vision-tasks", "image-classification", _task("localizes: false", "localizes: no"))
    r = cli("validate", "--format", "github")
    assert r.code == 1
    lines = r.out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "::error file=catalog/vision-tasks/image-classification.yml,line=7,col=12::localizes: "
        "expected true or false, got 'no'"
    )


def test_format_json(tree: Any, cli: Any) -> None:
    text = _task("complexity: {rating: low", "complexity: {rating: x")
    tree.write("vision-tasks", "image-classification", text)
    r = cli("validate", "--format", "json")
    assert r.code == 1
    (item,) = json.loads(r.out)
    assert item["path"] == TASK_FILE
    assert (item["line"], item["col"]) == (8, 22)
    assert "'x' is not allowed" in item["message"]


def test_format_json_when_valid(tree: Any, cli: Any) -> None:
    r = cli("validate", "--format", "json")
    assert (r.code, json.loads(r.out)) == (0, [])


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--format", "xml"],
        ["validate", "--no-such-option"],
        [],
        ["frobnicate"],
        ["new", "no-such-catalog", "x"],
        ["export", "--format", "csv"],  # --out is required
    ],
    ids=["bad-format", "bad-option", "no-command", "bad-command", "bad-catalog", "no-out"],
)
def test_usage_errors_exit_2(tree: Any, cli: Any, argv: list[str]) -> None:
    r = cli(*argv)
    assert r.code == 2
    assert "usage: kb" in r.both
    assert "Traceback" not in r.both


def test_missing_path_exits_2(tree: Any, cli: Any) -> None:
    r = cli("validate", "catalog/vision-tasks/nope.yml")
    assert r.code == 2
    assert r.both.strip() == "kb: no such file or folder: catalog/vision-tasks/nope.yml"


def test_every_problem_in_every_file_in_one_run(tree: Any, cli: Any) -> None:
    tree.write(
        "vision-tasks",
        "image-classification",
        _task("localizes: false", "localizes: no").replace(
            "complexity: {rating: low", "complexity: {rating: x"
        ),
    )
    vendor = tree.valid("annotation-vendors", "label-tool")
    vendor = vendor.replace("license: open-source", "license: gpl").replace("polygon]", "poly]")
    tree.write("annotation-vendors", "label-tool", vendor + "colour: red\n")
    r = cli("validate")
    assert r.code == 1
    found = [ln.split(": ")[0] for ln in r.both.splitlines() if ln.startswith("catalog/")]
    assert found == [
        f"{VENDOR_FILE}:6:10",  # license
        f"{VENDOR_FILE}:7:28",  # dangling technique
        f"{VENDOR_FILE}:19:1",  # unknown field (after the source's supports line, 16)
        f"{TASK_FILE}:7:12",  # localizes
        f"{TASK_FILE}:8:22",  # complexity
    ]
    assert r.both.splitlines()[-1] == "kb: 5 problem(s) found"


def test_single_file_is_checked_against_the_whole_catalog(tree: Any, cli: Any) -> None:
    # The vendor's references resolve to entries in other folders that were not named.
    assert cli("validate", VENDOR_FILE).code == 0
    vendor = tree.valid("annotation-vendors", "label-tool").replace("polygon]", "poly]")
    tree.write("annotation-vendors", "label-tool", vendor)
    r = cli("validate", VENDOR_FILE)
    assert r.code == 1
    assert f"{VENDOR_FILE}:7:28: techniques: 'poly' is not an entry of" in r.both


def test_single_file_reports_only_that_file(tree: Any, cli: Any) -> None:
    tree.write("vision-tasks", "image-classification", _task("localizes: false", "localizes: 1"))
    assert cli("validate", VENDOR_FILE).code == 0
    assert cli("validate", "catalog/vision-tasks").code == 1
    r = cli("validate", TASK_FILE, VENDOR_FILE)
    assert r.code == 1
    assert f"{TASK_FILE}:7:12: localizes: expected true or false" in r.both


def test_catalog_folder_problems(tree: Any, cli: Any) -> None:
    (tree.root / "vision-task").mkdir()
    tree.write("vision-tasks", "notes.txt", "hello")
    r = cli("validate")
    assert r.code == 1
    assert "catalog/vision-task:1:1: 'vision-task' is not a catalog; known: " in r.both
    assert "catalog/vision-tasks/notes.txt:1:1: is not an entry" in r.both


@pytest.mark.parametrize("command", [[], ["validate"], ["schema"], ["new"], ["export"]])
def test_help_for_every_command(cli: Any, command: list[str]) -> None:
    r = cli(*command, "--help")
    assert r.code == 0
    assert r.out.startswith(f"usage: kb {' '.join(command)}".rstrip())
    assert "-h, --help" in r.out


def test_console_script_runs(tree: Any) -> None:
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("kb")), "validate", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (proc.returncode, json.loads(proc.stdout)) == (0, [])


def test_a_file_outside_any_catalog_does_not_pass(tree: Any, cli: Any) -> None:
    stray = tree.base / "drafts" / "idea.yml"
    stray.parent.mkdir()
    stray.write_text(TASK, encoding="utf-8")
    r = cli("validate", "drafts/idea.yml")
    assert r.code == 1
    assert r.both.startswith("drafts:1:1: 'drafts' is not a catalog; known: image-generators")


def test_a_file_nested_inside_a_catalog_does_not_pass(tree: Any, cli: Any) -> None:
    tree.write("vision-tasks", "old/image-classification.yml", TASK)
    r = cli("validate", "catalog/vision-tasks/old/image-classification.yml")
    assert r.code == 1
    assert r.both.startswith("catalog/vision-tasks/old:1:1: is not an entry")


def test_reader_and_model_problems_of_one_file_in_one_run(tree: Any, cli: Any) -> None:
    text = (
        _task("summary: Assigns", "name: Again\nsummary: Assigns")  # line 3: duplicate key
        .replace("focus: What the image shows", "focus: *x")  # line 6: alias
        .replace("complexity: {rating: low", "complexity: {rating: lowest")  # line 9: unknown level
    )
    tree.write("vision-tasks", "image-classification", text + "colour: red\n")  # line 19
    r = cli("validate")
    assert r.code == 1
    assert [ln.split(": ", 1)[0] for ln in _problem_lines(r.both, TASK_FILE)] == [
        f"{TASK_FILE}:3:1",
        f"{TASK_FILE}:6:8",  # once: the alias, not also "expected text, got nothing"
        f"{TASK_FILE}:9:22",
        f"{TASK_FILE}:19:1",
    ]


def test_github_annotations_escape_their_special_characters() -> None:
    from kb.data.problems import Problem

    p = Problem("odd,dir:x/a.yml", 3, 4, "100% wrong\nsecond line")
    # a line break never survives into a message: it is shown as the two characters \n
    assert p.github() == (
        "::error file=odd%2Cdir%3Ax/a.yml,line=3,col=4::100%25 wrong\\nsecond line"
    )


def test_format_github_when_valid_prints_nothing(tree: Any, cli: Any) -> None:
    r = cli("validate", "--format", "github")
    assert (r.code, r.out, r.both) == (0, "", "")


def test_problems_go_to_stdout_so_they_can_be_piped(tree: Any, cli: Any) -> None:
    tree.write("vision-tasks", "image-classification", _task("localizes: false", "localizes: no"))
    r = cli("validate")
    assert r.code == 1
    # `kb validate | grep localizes` finds the problem; the count is a remark on stderr
    assert r.out.startswith(f"{TASK_FILE}:7:12: localizes: expected true or false")
    assert r.err == "kb: 1 problem(s) found\n"


def test_a_misspelt_field_gets_a_suggestion(tree: Any, cli: Any) -> None:
    vendor = tree.valid("annotation-vendors", "label-tool").replace("license:", "lisence:")
    tree.write("annotation-vendors", "label-tool", vendor)
    r = cli("validate")
    assert "unknown field 'lisence'; did you mean 'license'?" in r.out
    assert "missing required field 'license'" in r.out
