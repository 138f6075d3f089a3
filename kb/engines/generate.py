"""``kb generate``: the site's generated pages, downloads, schemas and assets as plain files.

For engines that run no MkDocs plugin (Zensical): the output folder gets a copy of the
hand-written docs plus every page :func:`kb.outputs.pages.pages` yields (Markdown wrapping the HTML
the core renders, with the front matter the plugin would set) and every file of
:func:`kb.outputs.pages.files` and ``kb/assets``. A manifest in the folder records what was written,
so a later run replaces or removes only those files, and only while they are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from kb.data.catalog import KnowledgeBase
from kb.data.definitions import link_pages
from kb.data.problems import one_line
from kb.engines.markdown import MANIFEST, body_start
from kb.engines.outdir import OutFolder, UnsafePath, inside
from kb.engines.pagemeta import page_meta
from kb.outputs import pages as site_pages
from kb.render.embeds import EmbedError, expand
from kb.render.urls import Linker

ASSET_DIR = "assets/kb"
# MkDocs' defaults for edit_uri, by repository host.
_EDIT_URI = {"github.com": "edit/master/docs/", "gitlab.com": "edit/master/docs/"}


class Refused(Exception):
    """kb generate would overwrite or delete a file it did not write, or go through a
    symbolic link; one line per file."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Settings:
    """Where things are, and the site settings generated pages depend on."""

    catalog_dir: Path
    docs_dir: Path
    out_dir: Path
    contributing: str | None = "contributing.md"  # None: the site has no such page
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
    notes: list[str] = field(default_factory=list)  # warnings: manifest entries ignored


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def hand_written(docs: Path) -> tuple[list[Path], list[Path]]:
    """Every file of the docs folder, as paths relative to it (dot files excluded, as
    MkDocs excludes them), and every symbolic link among them (to a file or a folder),
    which is neither followed nor published: its target may be a secret outside the
    repository."""
    found: list[Path] = []
    links: list[Path] = []
    for folder, dirs, files in os.walk(docs):  # a linked folder is listed, not entered
        base = Path(folder)
        for name in dirs + files:
            rel = (base / name).relative_to(docs)
            if _hidden(rel):
                continue
            if (base / name).is_symlink():
                links.append(rel)
            elif name in files and (base / name).is_file():
                found.append(rel)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (base / d).is_symlink()]
    return sorted(found), sorted(links)


def plan(kb: KnowledgeBase, settings: Settings, shown: Callable[[Path], str]) -> Plan:
    """The output folder's files. Raises Refused naming every symbolic link under the docs
    folder, and EmbedError listing every broken directive of every hand-written page
    (``docs/page.md:LINE: message``), as a build would."""
    out, errors = Plan(), []
    found, links = hand_written(settings.docs_dir)
    if links:
        raise Refused(
            [
                f"{one_line(shown(settings.docs_dir / rel))}: a symbolic link; kb generate "
                "publishes no linked file or folder (commit the file itself)"
                for rel in links
            ]
        )
    for rel in found:
        data = (settings.docs_dir / rel).read_bytes()
        key = rel.as_posix()
        out.files[key] = data
        out.copies[key] = shown(settings.docs_dir / rel)
        if rel.suffix == ".md":
            errors += _check_embeds(kb, settings, key, data, out.copies[key])
    if errors:
        raise EmbedError(errors)

    def exists(src: str) -> bool:
        return src in out.files

    link_pages(exists)  # as the plugin: no link to a page the site does not have
    contributing = site_pages.linkable(settings.contributing, exists)
    for page in site_pages.pages(kb, contributing, settings.edit_url):
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


def read_manifest(folder: OutFolder) -> tuple[dict[str, str], list[str]]:
    """What the previous run wrote (path -> SHA-256 of the content it wrote), and a warning
    for each entry naming no path inside the folder: the manifest may come from a pull
    request, so ``../x`` or ``/etc/x`` is ignored, never removed. Raises UnsafePath when the
    manifest is a symbolic link."""
    try:
        data: Any = json.loads(folder.read(MANIFEST) or b"{}")
    except ValueError:
        return {}, []
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}, []
    kept = {str(k): str(v) for k, v in files.items() if inside(str(k))}
    notes = [
        f"{folder.shown(MANIFEST)}: ignored the entry {one_line(repr(str(k)))}: "
        f"not a path inside {one_line(str(folder.path))}"
        for k in sorted(map(str, files))
        if str(k) not in kept
    ]
    return kept, notes


def _ours(folder: OutFolder, rel: str, manifest: dict[str, str], new: bytes | None) -> str | None:
    """Why ``rel`` may not be replaced or deleted (None: it may)."""
    try:
        kind = folder.kind(rel)
    except UnsafePath as exc:  # a link on the way
        return str(exc)
    shown = folder.shown(rel)
    if kind is None:
        return None
    if kind == "folder":
        return f"{shown}: a folder where kb generate writes a file"
    if kind == "link":
        return f"{shown}: a symbolic link; kb generate never follows or replaces one (remove it)"
    if kind != "file":
        return f"{shown}: not a regular file; kb generate leaves it"
    current = _digest(folder.read(rel) or b"")
    if new is not None and current == _digest(new):
        return None  # already what would be written: nothing is lost
    if rel not in manifest:
        return f"{shown}: not written by kb generate, which never overwrites such a file"
    if manifest[rel] != current:
        return f"{shown}: changed since kb generate wrote it; move the change to its source"
    return None


def write(out: Path, planned: Plan) -> Outcome:
    """Bring the output folder to the plan. Refuses (changing nothing) when that would
    overwrite or delete a file kb generate did not write, or one changed since, or go
    through a symbolic link; touches nothing outside ``out`` (see kb.engines.outdir)."""
    with OutFolder(out) as folder:
        try:
            manifest, notes = read_manifest(folder)
        except UnsafePath as exc:
            raise Refused([str(exc)]) from None
        gone = sorted(set(manifest) - set(planned.files))
        problems = [
            why
            for rel in sorted(planned.files)
            if (why := _ours(folder, rel, manifest, planned.files[rel]))
        ] + [why for rel in gone if (why := _ours(folder, rel, manifest, None))]
        if problems:
            raise Refused(problems)
        outcome = Outcome(notes=notes)
        for rel, data in sorted(planned.files.items()):
            if folder.read(rel) == data:
                outcome.unchanged += 1
                continue
            folder.write(rel, data)
            outcome.written.append(rel)
        for rel in gone:
            if folder.remove(rel):
                outcome.removed.append(rel)
        record = {"files": {k: _digest(v) for k, v in sorted(planned.files.items())}}
        record["copies"] = dict(sorted(planned.copies.items()))
        folder.write(MANIFEST, json.dumps(record, indent=1).encode("utf-8"))
    return outcome
