"""The pre-commit hooks, run by pre-commit itself in a throw-away git repository: deleting an
entry that another one refers to fails the commit. (A deletion leaves no file name for
pre-commit to pass, so a hook that checked only the files named used to let it through.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.builtsite import ROOT

pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")

BIN = Path(sys.executable).parent


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


def _local_hooks(source: Path, dest: Path) -> None:
    """The configuration's own (``repo: local``) hooks: the others are fetched from the
    network, which the tests never use."""
    yaml = YAML(typ="safe")
    config = yaml.load(source.read_text(encoding="utf-8"))
    config["repos"] = [r for r in config["repos"] if r["repo"] == "local"]
    assert any(h["id"] == "kb-validate" for r in config["repos"] for h in r["hooks"])
    with dest.open("w", encoding="utf-8") as fh:
        yaml.dump(config, fh)


@pytest.fixture
def repo(tree: object, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The valid test catalog committed in a git repository with the hooks installed."""
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # kb and pre-commit
        "PRE_COMMIT_HOME": str(tmp_path / ".pre-commit-home"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    _local_hooks(ROOT / ".pre-commit-config.yaml", tmp_path / ".pre-commit-config.yaml")
    (tmp_path / ".gitignore").write_text(".pre-commit-home/\n", encoding="utf-8")
    assert _git(tmp_path, "init", "-q", "-b", "main", env=env).returncode == 0
    assert _git(tmp_path, "add", ".", env=env).returncode == 0
    assert _git(tmp_path, "commit", "-q", "--no-verify", "-m", "catalog", env=env).returncode == 0
    install = subprocess.run(
        [str(BIN / "pre-commit"), "install"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    return tmp_path, env


def test_deleting_a_referenced_entry_fails_the_commit(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    assert (
        _git(path, "rm", "-q", "catalog/annotation-techniques/polygon.yml", env=env).returncode == 0
    )
    commit = _git(path, "commit", "-m", "drop polygon", env=env)
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, output
    assert "kb validate" in output and "Failed" in output
    assert "catalog/annotation-vendors/" in output and "polygon" in output  # who refers to it
    assert _git(path, "log", "--oneline", env=env).stdout.count("\n") == 1  # not committed


def test_a_valid_change_commits(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    (path / "notes.txt").write_text("nothing to do with the catalog\n", encoding="utf-8")
    assert _git(path, "add", "notes.txt", env=env).returncode == 0
    commit = _git(path, "commit", "-m", "notes", env=env)
    output = commit.stdout + commit.stderr
    assert commit.returncode == 0, output
    assert "kb validate (the whole catalog)" in output and "Passed" in output


def test_the_offered_hook_checks_the_whole_catalog_on_every_commit() -> None:
    """Other repositories use .pre-commit-hooks.yaml: the same settings as ours."""
    offered = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in offered if h["id"] == "kb-validate")
    assert hook["entry"] == "kb validate"
    assert hook["always_run"] is True and hook["pass_filenames"] is False


def test_ruff_runs_from_the_virtual_environment_as_in_ci() -> None:
    """No ruff release pinned apart from the test extra's (v0.8.4 linted with other rules
    than the ruff CI installs): the hooks run the ruff of the virtual environment, with the
    commands CI runs."""
    config = YAML(typ="safe").load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    assert all(r["repo"] == "local" for r in config["repos"])
    hooks = {h["id"]: h for r in config["repos"] for h in r["hooks"]}
    assert hooks["ruff-check"]["entry"].startswith("ruff check")
    assert hooks["ruff-format"]["entry"] == "ruff format"
    assert {hooks[h]["language"] for h in ("ruff-check", "ruff-format")} == {"system"}
    extra = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"ruff>=' in extra
