"""``kb generate``: the site's generated pages, downloads, schemas and assets as plain files.

For engines that run no MkDocs plugin (Zensical): the output folder gets a copy of the
hand-written docs plus every page :func:`kb.pages.pages` yields (Markdown wrapping the HTML
the core renders, with the front matter the plugin would set) and every file of
:func:`kb.pages.files` and ``kb/assets``. A manifest in the folder records what was written,
so a later run replaces or removes only those files, and only while they are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from kb import pages as site_pages
from kb.catalog import KnowledgeBase
from kb.embeds import EmbedError, expand
from kb.markdown import MANIFEST, body_start
from kb.pagemeta import page_meta
from kb.urls import Linker

ASSET_DIR = "assets/kb"
# MkDocs' defaults for edit_uri, by repository host.
_EDIT_URI = {"github.com": "edit/master/docs/", "gitlab.com": "edit/master/docs/"}


class Refused(Exception):
    """kb generate would overwrite or delete a file it did not write; one line per file."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Settings:
    """Where things are, and the site settings generated pages depend on."""

    catalog_dir: Path
    docs_dir: Path
    out_dir: Path
    contributing: str = "contributing.md"
    edit_uri: str | None = None
    repo_url: str | None = None
    directory_urls: bool = True
    listed: tuple[str, ...] = ()  # extra_css and extra_javascript: what an engine loads
    site_name: str = "Knowledge base"  # for the feed and the embed pages
    site_url: str | None = None  # the feed's absolute links

    def unlisted_assets(self, paths: Iterable[str]) -> list[str]:
        """Of the site's files ``paths``, the stylesheets and scripts for pages that the
        configuration does not load (the MkDocs plugin adds them itself; an engine without
        it loads only what is listed)."""
        return [p for p in page_assets(paths) if p not in self.listed]

    def edit_url(self, path: Path) -> str | None:
        """The "edit" link of an entry's YAML file, as the MkDocs plugin makes it."""
        edit_uri = self.edit_uri
        if edit_uri is None and self.repo_url:
            edit_uri = _EDIT_URI.get(urlsplit(self.repo_url).hostname or "")
        if not edit_uri:
            return None
        full = edit_uri + Path(os.path.relpath(path, self.docs_dir)).as_posix()
        if self.repo_url:
            repo = self.repo_url if self.repo_url.endswith("/") else self.repo_url + "/"
            full = urljoin(repo, full)
        parts = urlsplit(full)
        return urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))

    def page_url(self, src: str) -> str:
        """The site-relative URL of the page made from source path ``src``."""
        stem = src.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"


@dataclass
class Plan:
    """Every file of the output folder, by path, and which of them copy a hand-written one."""

    files: dict[str, bytes] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)  # path -> the original, as shown


@dataclass
class Outcome:
    """What a run changed."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def hand_written(docs: Path) -> Iterator[Path]:
    """Every file of the docs folder, as paths relative to it (dot files excluded, as
    MkDocs excludes them)."""
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs)
        if path.is_file() and not _hidden(rel):
            yield rel


def plan(kb: KnowledgeBase, settings: Settings, shown: Callable[[Path], str]) -> Plan:
    """The output folder's files. Raises EmbedError listing every broken directive of every
    hand-written page (``docs/page.md:LINE: message``), as a build would."""
    out, errors = Plan(), []
    for rel in hand_written(settings.docs_dir):
        data = (settings.docs_dir / rel).read_bytes()
        key = rel.as_posix()
        out.files[key] = data
        out.copies[key] = shown(settings.docs_dir / rel)
        if rel.suffix == ".md":
            errors += _check_embeds(kb, settings, key, data, out.copies[key])
    if errors:
        raise EmbedError(errors)
    for page in site_pages.pages(kb, settings.contributing, settings.edit_url):
        if page.src not in out.files:  # a hand-written page takes precedence, as in MkDocs
            path = _as_index(page.src) if settings.directory_urls else page.src
            out.files[path] = _page_markdown(page, settings).encode("utf-8")
    site = site_pages.Site(settings.site_name, settings.site_url, settings.directory_urls)
    for path, content in site_pages.files(kb, site).items():
        out.files.setdefault(path, content.encode("utf-8"))
    for path, data in assets().items():
        out.files.setdefault(path, data)
    return out


def page_assets(paths: Iterable[str]) -> list[str]:
    """Of the site's files ``paths``, the stylesheets and scripts of pages with a table."""
    return sorted(p for p in paths if p.startswith(ASSET_DIR + "/") and p.endswith((".css", ".js")))


def assets() -> dict[str, bytes]:
    """The table script, its stylesheet and any other file the package ships for pages, by
    site path (the MkDocs plugin puts them at the same place)."""
    folder = resources.files("kb").joinpath("assets")
    return {
        f"{ASSET_DIR}/{a.name}": a.read_bytes()
        for a in sorted(folder.iterdir(), key=lambda a: a.name)
        if a.is_file()
    }


def _as_index(src: str) -> str:
    """``a/b.md`` as ``a/b/index.md``: the same URL, and a source folder that is the page's
    own, so an engine resolving relative links against the source (Zensical) keeps them."""
    stem = src.removesuffix(".md")
    return src if stem == "index" or stem.endswith("/index") else f"{stem}/index.md"


def _check_embeds(
    kb: KnowledgeBase, settings: Settings, src: str, data: bytes, shown: str
) -> list[str]:
    """The directive mistakes of one hand-written page, as the Markdown extension reports them."""
    try:
        body, first = body_start(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return [f"{shown}:1: not UTF-8 text"]
    if "{{<" not in body:
        return []
    try:
        linker = Linker(settings.page_url(src), settings.directory_urls)
        expand(kb, body, shown, linker, first_line=first)
    except EmbedError as err:
        return err.lines
    return []


def _page_markdown(page: site_pages.GeneratedPage, settings: Settings) -> str:
    """A generated page as Markdown: front matter, then the core's HTML as one raw block."""
    # JSON is YAML too: every value is quoted and escaped without a YAML writer.
    fields = page_meta(page).items()
    meta = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields)
    html = page.html(Linker(settings.page_url(page.src), settings.directory_urls))
    return f"---\n{meta}---\n\n{html}\n"


# --- writing -----------------------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out: Path) -> dict[str, str]:
    """What the previous run wrote: path -> SHA-256 of the content it wrote."""
    try:
        data: Any = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _ours(target: Path, rel: str, manifest: dict[str, str], new: bytes | None) -> str | None:
    """Why ``target`` may not be replaced or deleted (None: it may)."""
    if not target.exists():
        return None
    if target.is_dir():
        return f"{target}: a folder where kb generate writes a file"
    current = _digest(target.read_bytes())
    if new is not None and current == _digest(new):
        return None  # already what would be written: nothing is lost
    if rel not in manifest:
        return f"{target}: not written by kb generate, which never overwrites such a file"
    if manifest[rel] != current:
        return f"{target}: changed since kb generate wrote it; move the change to its source"
    return None


def write(out: Path, planned: Plan) -> Outcome:
    """Bring the output folder to the plan. Refuses (changing nothing) when that would
    overwrite or delete a file kb generate did not write, or one changed since."""
    manifest = read_manifest(out)
    gone = sorted(set(manifest) - set(planned.files))
    problems = [
        why
        for rel in sorted(planned.files)
        if (why := _ours(out / rel, rel, manifest, planned.files[rel]))
    ] + [why for rel in gone if (why := _ours(out / rel, rel, manifest, None))]
    if problems:
        raise Refused(problems)
    outcome = Outcome()
    for rel, data in sorted(planned.files.items()):
        target = out / rel
        if target.is_file() and target.read_bytes() == data:
            outcome.unchanged += 1
            continue
        _replace(target, data)
        outcome.written.append(rel)
    for rel in gone:
        if (out / rel).is_file():
            (out / rel).unlink()
            outcome.removed.append(rel)
            _prune(out, (out / rel).parent)
    record = {"files": {k: _digest(v) for k, v in sorted(planned.files.items())}}
    record["copies"] = dict(sorted(planned.copies.items()))
    _replace(out / MANIFEST, json.dumps(record, indent=1).encode("utf-8"))
    return outcome


def _replace(target: Path, data: bytes) -> None:
    """Write through a temporary file: a reader sees the old file or the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.kb-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _prune(out: Path, folder: Path) -> None:
    """Remove folders left empty by removed files, up to the output folder."""
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
