"""Build a site into a hidden sibling folder and swap it in only when the build succeeded.

A static-site build first empties its output folder, then writes page after page: a build
that fails half-way (invalid data, a strict-mode warning, Ctrl-C) would leave a broken,
half-written site where the last good one was. Building into ``.<name>.building-*`` next to
the output folder and renaming at the end keeps the previous site whole until the new one is
complete. The sibling is on the same file system, so the final step is a rename; on Linux it
is one atomic exchange, so a web server serving the folder never sees it missing.

Engine-neutral (no MkDocs import): the MkDocs plugin calls :meth:`StagedBuild.begin` when a
build starts and :meth:`StagedBuild.finish` when the command ends.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from kb.outputs.writefile import current_umask

_BUILDING = ".building-"
_OLD = ".old-"


@dataclass
class StagedBuild:
    """A build in progress: the folder readers see (``final``) and the one being written."""

    final: Path
    staging: Path
    _handlers: dict[int, Any] = field(default_factory=dict)
    _done: bool = False

    @classmethod
    def begin(cls, final: Path) -> StagedBuild:
        """Create the staging folder next to ``final`` (removing leftovers of builds that were
        killed outright) and return it; build into ``staging``."""
        final = Path(os.path.abspath(final))
        final.parent.mkdir(parents=True, exist_ok=True)
        sweep(final)
        staging = tempfile.mkdtemp(prefix=f".{final.name}{_BUILDING}", dir=final.parent)
        return cls(final, Path(staging))

    def finish(self, succeeded: bool) -> None:
        """Swap the new site in if the build succeeded; otherwise drop it. Either way nothing
        is left behind but ``final``. Signal handlers set by :meth:`trap_signals` are restored."""
        for signum, handler in self._handlers.items():
            signal.signal(signum, handler)
        self._handlers = {}
        if self._done:
            return
        self._done = True
        if not succeeded:
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        os.chmod(self.staging, 0o777 & ~current_umask())  # mkdtemp makes it private (0700)
        if _exchange(self.staging, self.final):
            _remove(self.staging)  # now holds the previous site
            return
        old = self.final.with_name(f".{self.final.name}{_OLD}{os.getpid()}")
        had_old = self.final.exists() or self.final.is_symlink()
        if had_old:
            os.rename(self.final, old)
        os.rename(self.staging, self.final)
        if had_old:
            _remove(old)

    def trap_signals(self) -> None:
        """Ctrl-C or a kill during the build drops the half-written site and exits quietly
        (no traceback), leaving the previous site in place."""

        def stop(signum: int, frame: FrameType | None) -> None:
            self.finish(False)
            raise SystemExit(128 + signum)

        for signum in (signal.SIGINT, signal.SIGTERM):
            self._handlers[signum] = signal.signal(signum, stop)


def sweep(final: Path) -> None:
    """Remove staging and old folders a killed build (SIGKILL, power cut) left beside
    ``final``; they are hidden, so they never reach readers, only take space."""
    prefixes = (f".{final.name}{_BUILDING}", f".{final.name}{_OLD}")
    if not final.parent.is_dir():
        return
    for item in final.parent.iterdir():
        if item.name.startswith(prefixes) and item.is_dir() and not item.is_symlink():
            shutil.rmtree(item, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux ``renameat2(RENAME_EXCHANGE)``); False when the
    platform or the file system cannot, or ``b`` does not exist yet."""
    if not b.exists() or b.is_symlink():
        return False
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)
