"""The few site settings ``kb generate`` needs, read from mkdocs.yml without MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError

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


def read_settings(config_file: Path, out: Path) -> Settings:
    """Settings from an mkdocs.yml (paths in it are relative to its folder)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _Lenient
    try:
        data: Any = yaml.load(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise ConfigError(f"{config_file}: cannot read it ({exc})".splitlines()[0]) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file}: not a mapping of settings")
    base = config_file.parent
    options = _plugin_options(data.get("plugins"))
    return Settings(
        catalog_dir=base / str(options.get("catalog_dir") or "catalog"),
        docs_dir=base / str(data.get("docs_dir") or "docs"),
        out_dir=out,
        contributing=str(options.get("contributing") or "contributing.md"),
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
