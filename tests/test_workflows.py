"""The GitHub Actions workflows: no expression is pasted into a shell script, and every
action runs at a fixed commit.

GitHub substitutes ``${{ … }}`` into a ``run:`` script before the shell reads it, so a value
such as a branch named ``x$(touch pwned)`` becomes a command. Values reach scripts through
``env:`` instead, where they stay data. A tag (``@v4``) can be moved to other code; a full
commit SHA cannot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

WORKFLOWS = sorted((Path(__file__).resolve().parents[1] / ".github" / "workflows").glob("*.y*ml"))

# Any expression at all: `${{ github.base_ref }}`, `${{ inputs.x }}`, `${{ steps.a.outputs.b }}`,
# `${{ secrets.X }}`, `${{ toJSON(github.event) }}` -- none belongs in a script.
EXPRESSION = re.compile(r"\$\{\{")
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
# In the file's text: the pinned reference followed by the tag it stands for.
PINNED_LINE = re.compile(r"uses:\s*\S+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$")


def _steps(workflow: Any) -> Iterator[dict[str, Any]]:
    """Every step and every job (a job may ``uses:`` a reusable workflow) of a workflow."""
    for job in (workflow.get("jobs") or {}).values():
        yield job
        yield from job.get("steps") or []


def unsafe_runs(workflow: Any) -> list[str]:
    """The ``run:`` scripts of a parsed workflow that contain an expression."""
    return [str(s["run"]) for s in _steps(workflow) if "run" in s and EXPRESSION.search(s["run"])]


def unpinned_uses(workflow: Any) -> list[str]:
    """The ``uses:`` references of a parsed workflow not pinned to a full commit SHA (a local
    action, ``./path``, is part of the repository and needs none)."""
    uses = [str(s["uses"]) for s in _steps(workflow) if "uses" in s]
    return [u for u in uses if not u.startswith("./") and not PINNED.match(u)]


def load(path: Path) -> Any:
    """A workflow file as data (YAML 1.2: ``on`` stays a key, not ``True``)."""
    return YAML(typ="safe").load(path.read_text("utf-8"))


def test_there_are_workflows_to_check() -> None:
    assert WORKFLOWS, "no workflow found under .github/workflows"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_run_script_contains_an_expression(path: Path) -> None:
    assert unsafe_runs(load(path)) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_tag_named(path: Path) -> None:
    assert unpinned_uses(load(path)) == []
    text = path.read_text("utf-8")
    lines = [line.strip() for line in text.splitlines() if re.match(r"\s*(-\s*)?uses:", line)]
    assert lines, f"{path.name} uses no action"  # the checks above would pass vacuously
    assert [line for line in lines if not line.startswith("uses: ./")] == [
        line for line in lines if PINNED_LINE.search(line)
    ]


def test_the_checks_catch_what_they_look_for() -> None:
    """The old step and references are refused (a detector that never fires proves nothing)."""
    old = YAML(typ="safe").load(
        "on: pull_request\n"
        "jobs:\n"
        "  check:\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: actions/setup-python@0a5c615\n"  # a short SHA is not a pin
        "      - uses: ./local-action\n"
        '      - run: kb diff "origin/${{ github.base_ref }}" HEAD\n'
        "      - run: echo ${{inputs.name}}\n"
        '      - run: echo "$BASE_REF"\n'
        "        env: {BASE_REF: '${{ github.base_ref }}'}\n"
    )
    assert unsafe_runs(old) == [
        'kb diff "origin/${{ github.base_ref }}" HEAD',
        "echo ${{inputs.name}}",
    ]
    assert unpinned_uses(old) == ["actions/checkout@v4", "actions/setup-python@0a5c615"]


ROOT = Path(__file__).resolve().parents[1] / ".github" / "workflows"


def _runs(job: dict[str, Any]) -> list[str]:
    return [str(s.get("run", "")) for s in job.get("steps") or []]


def test_ci_checks_every_supported_python_and_cancels_superseded_runs() -> None:
    ci = load(ROOT / "ci.yml")
    assert ci["concurrency"]["cancel-in-progress"] is True
    assert "github.ref" in ci["concurrency"]["group"]  # one group per branch or pull request
    job = ci["jobs"]["check"]
    assert job["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    setup = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/setup-"))
    assert setup["with"]["python-version"] == "${{ matrix.python-version }}"
    scripts = "\n".join(_runs(job))
    for command in (
        "ruff check kb definitions tests benchmarks",
        "ruff format --check kb definitions tests benchmarks",
    ):
        assert command in scripts
        assert command in (ROOT.parents[1] / ".ci" / "run").read_text("utf-8")
    assert "mypy kb" in scripts


def test_deploy_publishes_main_only_after_the_strict_build_and_check_site() -> None:
    deploy = load(ROOT / "deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    build = deploy["jobs"]["build"]
    steps = [str(s.get("uses", "")).split("@")[0] or str(s.get("run")) for s in build["steps"]]
    order = [
        "actions/configure-pages",
        "mkdocs build --strict",
        "kb check-site site",
        "actions/upload-pages-artifact",
    ]
    assert [s for s in steps if s in order] == order
    job = deploy["jobs"]["deploy"]
    assert job["needs"] == "build"
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert [str(s["uses"]).split("@")[0] for s in job["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"contents": "read"}  # only the deploy job may write
