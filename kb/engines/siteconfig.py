"""The site settings the ``kb`` commands need, read from mkdocs.yml without MkDocs: where the
catalogs and their definitions are, and what ``kb generate`` writes pages for."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError

from kb.data.definitions import DEFAULT_MODULE, DefinitionError, use
from kb.engines.generate import Settings


class ConfigError(Exception):
    """The configuration file cannot be read; the message names it."""


class _Lenient(SafeConstructor):
    """Reads values tagged for MkDocs (``!ENV``, ``!!python/name:``) as null: none of the
    settings read here may use them."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """The options of the ``kb`` entry of ``plugins:`` (a list or a mapping)."""
    items = (
        plugins.items()
        if isinstance(plugins, dict)
        else (
            next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None)
            for p in plugins or []
        )
    )
    for name, options in items:
        if name == "kb":
            return options if isinstance(options, dict) else {}
    return {}


def _read(config_file: Path) -> dict[str, Any]:
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _Lenient
    try:
        data: Any = yaml.load(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise ConfigError(f"{config_file}: cannot read it ({exc})".splitlines()[0]) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file}: not a mapping of settings")
    return data


@dataclass(frozen=True)
class Site:
    """What every ``kb`` command needs to know of a site: its configuration file, the
    folder of its catalogs and the definitions module that declares them."""

    config_file: Path
    catalog_dir: Path
    definitions: str


def find_config(given: Path | None, start: Path | None = None) -> Path | None:
    """The site's configuration: ``given``, else the nearest mkdocs.yml from ``start`` (the
    working folder) up."""
    if given is not None:
        return given
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder / "mkdocs.yml"
    return None


def read_site(config_file: Path) -> Site:
    """The site's catalog folder (shown relative to the working folder, as contributors type
    it) and definitions module, from its configuration."""
    options = _plugin_options(_read(config_file).get("plugins"))
    folder = config_file.parent / str(options.get("catalog_dir") or "catalog")
    shown = Path(os.path.relpath(folder)) if folder.is_absolute() else folder
    return Site(config_file, shown, str(options.get("definitions") or DEFAULT_MODULE))


def use_site(config_file: Path) -> Site:
    """Read the site's configuration and put its catalog definitions in use."""
    site = read_site(config_file)
    try:
        use(site.definitions, config_file.parent.resolve())
    except DefinitionError as exc:
        raise ConfigError(str(exc)) from None
    return site


def read_settings(config_file: Path, out: Path) -> Settings:
    """Settings from an mkdocs.yml (paths in it are relative to its folder)."""
    data = _read(config_file)
    base = config_file.parent
    options = _plugin_options(data.get("plugins"))
    docs_dir = base / str(data.get("docs_dir") or "docs")
    contributing = str(options.get("contributing", "contributing.md") or "")
    return Settings(
        catalog_dir=base / str(options.get("catalog_dir") or "catalog"),
        docs_dir=docs_dir,
        out_dir=out,
        contributing=contributing or None,
        edit_uri=data.get("edit_uri") or None,
        repo_url=data.get("repo_url") or None,
        directory_urls=data.get("use_directory_urls", True) is not False,
        listed=tuple(_listed(data.get("extra_css")) + _listed(data.get("extra_javascript"))),
        site_name=str(data.get("site_name") or "Knowledge base"),
        site_url=str(data["site_url"]) if data.get("site_url") else None,
    )


def _listed(items: Any) -> list[str]:
    """The paths of extra_css or extra_javascript (plain, or ``{path: ...}``)."""
    paths = [i.get("path") if isinstance(i, dict) else i for i in items or []]
    return [p for p in paths if isinstance(p, str)]
