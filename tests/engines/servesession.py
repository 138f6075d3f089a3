"""A build session as ``mkdocs serve`` runs it, driven from a test: one process, the
configuration loaded again before every build, the plugin instances kept (MkDocs keeps
them across rebuilds). Each line read from stdin names a folder; the session builds the
project into its own site folder, copies the site there and answers ``built`` with how
many pages' HTML the plugin kept, how many it had rendered and how many pages' search
entries it kept (or ``failed``). The site URL is mkdocs.yml's, as for ``mkdocs build``, so
that the site can be compared with a cold build's, file by file.

    python servesession.py PROJECT_DIR
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def main() -> None:
    project = Path(sys.argv[1])
    site = tempfile.mkdtemp(prefix="kb-session-")
    started = False
    for line in sys.stdin:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
        if not started:  # once per session, as serve does
            config.plugins.on_startup(command="serve", dirty=False)
            started = True
        try:
            build(config)
        except Exception:  # the test reads the traceback
            traceback.print_exc()
            print("failed", flush=True)
            continue
        shutil.copytree(site, line.strip())
        kept = config.plugins["kb"]
        theme, search = kept.theme_cache, kept.search_cache  # type: ignore[attr-defined]
        print(f"built {theme.hits} {theme.rendered} {search.reused}", flush=True)
    shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
