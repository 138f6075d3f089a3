"""The distribution as another team gets it: ``python -m build`` makes an sdist and, from
it, a wheel. The wheel installs the ``kb`` package alone (its templates, scripts and data
files included, none of this site's folders) under a name free on PyPI, with the licence
and project links in its metadata; the sdist carries the site as well, and a real part of
its own test suite passes when run from the unpacked sdist.

Built offline with the build backend of the test extra (``--no-isolation``): the tests never
use the network."""

from __future__ import annotations

import email.parser
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from kb import DISTRIBUTION
from kb.cli import main
from tests.builtsite import ROOT

NAME = "mkdocs-comparison-catalog"  # `kb` on PyPI is an unrelated project
DIST = NAME.replace("-", "_")  # the file-name form: mkdocs_comparison_catalog-0.1.0...
URLS = {
    "Homepage": "https://example.org/cv-kb/",  # site_url in mkdocs.yml
    "Documentation": "https://github.com/example/cv-kb#readme",
    "Source": "https://github.com/example/cv-kb",  # edit_uri in mkdocs.yml points there
    "Issues": "https://github.com/example/cv-kb/issues",
}
# What the site's tests read besides the package (the tests run from the sdist need them).
SITE_FILES = (
    "LICENSE",
    "README.md",
    "CONTRIBUTING.md",
    "mkdocs.yml",
    "zensical.yml",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    ".github/workflows/ci.yml",
    ".ci/run",
    ".vscode/settings.json",
    "catalog/annotation-vendors",
    "docs/index.md",
    "overrides/main.html",
    "schema",
    "tests/conftest.py",
    "tests/data/yaml-test-suite",
    "benchmarks",
)
# From the unpacked sdist: the data layer's tests (every catalog file read and validated),
# the committed JSON Schemas against the models, the README, the contributing guide, the
# workflows and the editor settings. The full builds and the browser stay out (time).
SDIST_TESTS = (
    "tests/data",
    "tests/outputs/test_schema.py",
    "tests/outputs/test_editor_schema.py",
    "tests/test_readme.py",
    "tests/test_contributing.py",
    "tests/test_workflows.py",
)


@dataclass(frozen=True)
class Built:
    source: Path  # the clean copy of the checkout it was built from
    sdist: Path
    wheel: Path
    log: str


def _checkout_files() -> list[str] | None:
    """The files a fresh clone would hold, plus new ones not yet committed (git's view:
    nothing ignored); None without git."""
    if not (shutil.which("git") and (ROOT / ".git").exists()):
        return None
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    return sorted({name for name in listed if name and (ROOT / name).is_file()})


def _clean_copy(dest: Path) -> Path:
    """The checkout without what builds and tools leave in it. A release is built from a
    clean clone; building in this folder would let setuptools reuse an old
    ``*.egg-info/SOURCES.txt`` and put files in the sdist that MANIFEST.in no longer names."""
    files = _checkout_files()
    if files is None:
        ignore = shutil.ignore_patterns(
            *(".git", "*.egg-info", ".venv", "venv", "build", "dist", "site", ".cache"),
            *("__pycache__", ".*_cache", ".hypothesis"),
        )
        shutil.copytree(ROOT, dest, ignore=ignore, dirs_exist_ok=True)
        return dest
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    source = _clean_copy(tmp_path_factory.mktemp("checkout"))
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-6000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Built(source, sdist, wheel, log)


def _package_files(root: Path) -> set[str]:
    """Every file of the ``kb`` package under ``root``, as ``kb/...``, bytecode left out."""
    return {
        path.relative_to(root).as_posix()
        for path in (root / "kb").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def test_kb_init_installs_this_distribution(tmp_path: Path) -> None:
    """A site made by ``kb init`` installs this package in its CI by the name above, never
    PyPI's unrelated ``kb``."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["name"] == NAME == DISTRIBUTION
    assert main(["init", str(tmp_path / "site")]) == 0
    requirements = (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8")
    assert requirements.split() == [f"{NAME}>=0.1.0"]


def test_the_install_instructions_name_this_distribution() -> None:
    """What a reader copies installs this package, not PyPI's ``kb``."""
    pages = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))]
    text = {page.relative_to(ROOT).as_posix(): page.read_text(encoding="utf-8") for page in pages}
    wrong = [
        f"{name}: {m.group(0)}"
        for name, body in text.items()
        for m in re.finditer(r"pip install (?:-\S+ )*['\"]?(kb|mkdocs-catalog-kb)\b\S*", body)
    ]
    assert not wrong, wrong
    for name in ("README.md", "docs/own-catalog.md"):
        assert f"pip install {NAME}" in text[name], name


def _words(line: str) -> set[str]:
    return {stem for stem in ("licen", "deprecat") if stem in line.lower()}


@pytest.mark.slow
def test_files_are_named_after_the_distribution(built: Built) -> None:
    assert built.sdist.name == f"{DIST}-0.1.0.tar.gz"
    assert built.wheel.name == f"{DIST}-0.1.0-py3-none-any.whl"


@pytest.mark.slow
def test_the_build_prints_no_licence_deprecation(built: Built) -> None:
    lines = built.log.splitlines()
    warnings = [line for line in lines if {"licen", "deprecat"} <= _words(line)]
    assert not warnings, "\n".join(warnings)


@pytest.mark.slow
def test_the_wheel_installs_the_kb_package_alone(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as whl:
        names = [n for n in whl.namelist() if not n.endswith("/")]
        top_level = whl.read(f"{DIST}-0.1.0.dist-info/top_level.txt").decode().split()
    outside = [n for n in names if not n.startswith(("kb/", f"{DIST}-0.1.0.dist-info/"))]
    assert not outside, outside  # no catalog/, definitions/, tests/, benchmarks/ ...
    assert top_level == ["kb"]
    # Every file of the package, templates, scripts, stylesheets and data files included.
    shipped = {n for n in names if n.startswith("kb/")}
    assert shipped == _package_files(built.source)
    assert {"kb/py.typed", "kb/assets/table.js", "kb/templates/catalog.html"} <= shipped


@pytest.mark.slow
def test_the_wheel_metadata(built: Built) -> None:
    info = f"{DIST}-0.1.0.dist-info"
    with zipfile.ZipFile(built.wheel) as whl:
        meta = email.parser.Parser().parsestr(whl.read(f"{info}/METADATA").decode("utf-8"))
        licence = whl.read(f"{info}/licenses/LICENSE").decode("utf-8")
        entry_points = whl.read(f"{info}/entry_points.txt").decode("utf-8")
    assert meta["Name"] == NAME
    assert meta["License-Expression"] == "MIT"
    assert meta.get_all("License-File") == ["LICENSE"]
    assert licence == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n") and "the project's contributors" in licence
    assert "License" not in meta  # the deprecated free-text field
    classifiers = meta.get_all("Classifier")
    assert not [c for c in classifiers if c.startswith("License ::")]
    assert {
        "Framework :: MkDocs",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Typing :: Typed",
    } <= set(classifiers)
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert urls == URLS
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload().startswith("# ")  # the README is the long description
    # The test extra's own engines come from this distribution, not from PyPI's `kb`.
    requires = meta.get_all("Requires-Dist")
    assert f'{NAME}[engines]; extra == "test"' in requires
    assert not [r for r in requires if r.split(";")[0].split("[")[0].strip() == "kb"]
    # The command and the MkDocs plugin keep their name.
    assert "kb = kb.cli:main" in entry_points
    assert "kb = kb.engines.plugin:KnowledgeBasePlugin" in entry_points


@pytest.mark.slow
def test_the_sdist_runs_its_own_tests(built: Built, tmp_path: Path) -> None:
    with tarfile.open(built.sdist) as tar:
        tar.extractall(tmp_path, filter="data")
    (src,) = tmp_path.iterdir()
    missing = [name for name in SITE_FILES if not (src / name).exists()]
    assert not missing, missing
    if (ROOT / "definitions").is_dir():  # the site's catalog definitions
        assert (src / "definitions").is_dir()
    files = _checkout_files()  # everything the repository holds
    if files is not None:
        assert not [name for name in files if not (src / name).is_file()]
    assert _package_files(src) == _package_files(built.source)

    env = {
        **os.environ,
        "PYTHONPATH": str(src),  # `kb` and `tests` from the sdist, not from this checkout
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("PYTEST_ADDOPTS", None)
    where = subprocess.run(
        [sys.executable, "-c", "import kb; print(kb.__file__)"],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(src)
    pytest_args = ["-q", "-p", "no:cacheprovider", "-m", "not browser and not slow"]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *pytest_args, *SDIST_TESTS],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    summary = proc.stdout.strip().splitlines()[-1]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary
