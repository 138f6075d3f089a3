"""CONTRIBUTING.md's "add an entry" recipe, followed as a newcomer would in a fresh copy of
the repository: its own commands, its own example, then the checks CI runs."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "CONTRIBUTING.md").read_text("utf-8")

pytestmark = pytest.mark.slow


def recipe(title: str) -> str:
    """The text of one recipe section."""
    start = GUIDE.index(f"## {title}")
    end = GUIDE.find("\n## ", start + 1)
    return GUIDE[start : end if end != -1 else None]


def blocks(text: str, lang: str) -> list[str]:
    """The fenced code blocks of a language, dedented."""
    found = re.findall(rf"^( *)```{lang}\n(.*?)^\1```", text, flags=re.S | re.M)
    return [re.sub(rf"^{indent}", "", body, flags=re.M) for indent, body in found]


def commands(text: str) -> list[list[str]]:
    """The shell commands of the recipe that a test can run: ``kb`` and ``mkdocs build``
    (not the long-running ``mkdocs serve``)."""
    out = []
    for block in blocks(text, "sh"):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            env = [w for w in words if re.fullmatch(r"[A-Z_0-9]+=.*", w)]
            words = words[len(env) :]
            if words[:1] == ["kb"] or words[:2] == ["mkdocs", "build"]:
                out.append(words)
    return out


def fresh_copy(dest: Path) -> Path:
    """The repository's tracked files (plus those not yet committed), copied to ``dest``."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def run(words: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent
    program = str(exe / words[0]) if (exe / words[0]).exists() else words[0]
    return subprocess.run(
        [program, *words[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )


def test_the_add_an_entry_recipe_works_as_written(tmp_path: Path) -> None:
    text = recipe("Recipe 1: add an entry")
    steps = commands(text)
    assert [w[:2] for w in steps] == [["kb", "new"], ["kb", "validate"], ["mkdocs", "build"]], (
        "the recipe's commands changed: update this test's expectations"
    )
    repo = fresh_copy(tmp_path / "repo")
    new, validate, build = steps

    made = run(new, repo)
    assert made.returncode == 0, made.stderr
    catalog, entry_id = new[2], new[3]
    entry = repo / "catalog" / catalog / f"{entry_id}.yml"
    skeleton = entry.read_text("utf-8")
    assert "TODO" in skeleton
    # an untouched skeleton cannot slip through: each placeholder is named at its line
    untouched = run(validate, repo)
    assert untouched.returncode == 1
    assert "summary: still holds the placeholder from kb new" in untouched.stdout

    example = blocks(text, "yaml")[0]  # step 2: "a finished entry looks like this"
    assert example.splitlines()[0] == skeleton.splitlines()[0]  # "keep the first line"
    entry.write_text(example, "utf-8")
    checked = run(validate, repo)
    assert checked.returncode == 0, checked.stderr

    built = run([*build, "-d", str(tmp_path / "site")], repo)
    assert built.returncode == 0, built.stderr[-3000:]
    page = (tmp_path / "site" / catalog / entry_id / "index.html").read_text("utf-8")
    assert "My Tool" in page
    listing = (tmp_path / "site" / catalog / "index.html").read_text("utf-8")
    assert f'data-kb-id="{entry_id}"' in listing
