"""The output folder of ``kb generate``, touched only through open folder descriptors.

A pull request can commit a symbolic link anywhere, also inside the output folder: a fresh
clone has it before the first run. So no path here is ever handed to the operating system
whole. A path is a list of plain names, walked one folder at a time from the output
folder's own descriptor with ``O_NOFOLLOW``: a link on the way is refused, never followed,
and no name can lead outside (``..``, empty and absolute paths are refused before anything
is opened). A file is written to a new temporary file (``O_CREAT|O_EXCL|O_NOFOLLOW``, a
random name) and renamed over its target: a rename replaces a name, it never writes through
a link that stands there.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from kb.data.problems import one_line

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIR = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
# O_NONBLOCK: opening a named pipe for reading must not wait for a writer.
_READ = os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0)
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC


_LINK = "a symbolic link; kb generate never follows one (remove it)"


class UnsafePath(Exception):
    """A path kb generate will not touch; the message is one line naming it."""


def supported() -> bool:
    """Whether this system can open files relative to a folder without following links
    (every POSIX system; not Windows)."""
    needed = {os.open, os.stat, os.mkdir, os.unlink, os.rmdir, os.rename}
    return bool(_NOFOLLOW) and needed <= os.supports_dir_fd


def inside(rel: str) -> bool:
    """Whether ``rel`` names something inside a folder: '/'-separated plain names, no
    ``..``, ``.``, empty part (so no absolute path) and no NUL."""
    return all(part not in ("", ".", "..") and "\0" not in part for part in rel.split("/"))


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def _lstat(name: str, fd: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _enter(fd: int, name: str, create: bool, shown: str) -> int | None:
    """The folder ``name`` of folder ``fd``, opened without following a link (made first
    when ``create``); None when it does not exist and is not to be made."""
    st = _lstat(name, fd)
    if st is None:
        if not create:
            return None
        # made by someone else meanwhile: the open below checks what it is
        with suppress(FileExistsError):
            os.mkdir(name, 0o777, dir_fd=fd)
    elif _kind(st.st_mode) == "link":
        raise UnsafePath(f"{shown}: {_LINK}")
    elif _kind(st.st_mode) != "folder":
        raise UnsafePath(f"{shown}: not a folder, where kb generate needs one")
    try:
        return os.open(name, _DIR, dir_fd=fd)
    except OSError as exc:  # replaced by a link or a file since it was looked at
        raise UnsafePath(f"{shown}: cannot be entered safely ({exc.strerror})") from None


class OutFolder:
    """The output folder, opened once (and made, with the folders above it, on the first
    write). Use as a context manager; every method takes a path relative to the folder."""

    def __init__(self, path: Path) -> None:
        if not supported():
            raise UnsafePath("kb generate needs a system that can refuse symbolic links (POSIX)")
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> OutFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def shown(self, rel: str) -> str:
        """``rel`` as printed: under the folder's path, invisible characters escaped."""
        return one_line(str(self.path / rel))

    def _root(self, create: bool) -> int | None:
        """The folder's descriptor. For a relative --out every folder on the way from the
        working directory is entered without following a link (a committed ``build`` link
        is refused); an absolute --out was typed by the user, who chose the folders above
        it, so only the folder itself must not be a link."""
        if self._fd is not None:
            return self._fd
        if self.path.is_absolute():
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            elif not self.path.parent.is_dir():
                return None
            fd: int | None = os.open(self.path.parent, os.O_RDONLY | _CLOEXEC)
            steps = [(self.path.name, self.path)]
        else:
            fd = os.open(".", os.O_RDONLY | _CLOEXEC)
            parts = self.path.parts
            steps = [(name, Path(*parts[: i + 1])) for i, name in enumerate(parts)]
        try:
            for name, shown in steps:
                assert fd is not None
                step = _enter(fd, name, create, one_line(str(shown)))
                os.close(fd)
                fd = step
                if fd is None:
                    return None
        except BaseException:
            if fd is not None:
                os.close(fd)
            raise
        self._fd = fd
        return fd

    @contextmanager
    def _folders(self, rel: str, create: bool) -> Iterator[tuple[list[int], list[str]] | None]:
        """The descriptors of the output folder and of each folder of ``rel`` (root first),
        with their names; None when one of them does not exist (and ``create`` is off)."""
        if not inside(rel):
            raise UnsafePath(f"{self.shown(rel)}: not a path inside {one_line(str(self.path))}")
        names = rel.split("/")[:-1]
        root = self._root(create)
        if root is None:
            yield None
            return
        chain = [root]
        try:
            for i, name in enumerate(names):
                fd = _enter(chain[-1], name, create, self.shown("/".join(names[: i + 1])))
                if fd is None:
                    break
                chain.append(fd)
            yield (chain, names) if len(chain) == len(names) + 1 else None
        finally:
            for fd in chain[1:]:
                os.close(fd)

    def kind(self, rel: str) -> str | None:
        """What is at ``rel`` ("file", "folder", "link", "other"), None if nothing."""
        with self._folders(rel, create=False) as found:
            if found is None:
                return None
            st = _lstat(rel.rsplit("/", 1)[-1], found[0][-1])
            return None if st is None else _kind(st.st_mode)

    def read(self, rel: str) -> bytes | None:
        """The bytes of the regular file at ``rel`` (None if nothing is there)."""
        with self._folders(rel, create=False) as found:
            if found is None:
                return None
            name, folder = rel.rsplit("/", 1)[-1], found[0][-1]
            st = _lstat(name, folder)
            if st is None:
                return None
            if _kind(st.st_mode) == "link":
                raise UnsafePath(f"{self.shown(rel)}: {_LINK}")
            try:  # O_NOFOLLOW again: it may have been replaced by a link since
                fd = os.open(name, _READ, dir_fd=folder)
            except OSError as exc:
                why = exc.strerror
                raise UnsafePath(f"{self.shown(rel)}: cannot be read safely ({why})") from None
            with os.fdopen(fd, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    raise UnsafePath(f"{self.shown(rel)}: not a regular file")
                return fh.read()

    def write(self, rel: str, data: bytes) -> None:
        """Put ``data`` at ``rel`` through a new temporary file and a rename: a reader sees
        the old file or the new one, and nothing that stands at either name is followed."""
        with self._folders(rel, create=True) as found:
            assert found is not None  # made when missing
            folder, name = found[0][-1], rel.rsplit("/", 1)[-1]
            tmp = f".{name}.{secrets.token_hex(8)}.kb-tmp"
            fd = os.open(tmp, _NEW, 0o666, dir_fd=folder)  # 0666 less the umask
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.rename(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
            except BaseException:
                with suppress(FileNotFoundError):
                    os.unlink(tmp, dir_fd=folder)
                raise

    def remove(self, rel: str) -> bool:
        """Delete the regular file at ``rel`` (never a link's target: a link is refused) and
        the folders it leaves empty, up to the output folder; False if it was not there."""
        with self._folders(rel, create=False) as found:
            if found is None:
                return False
            chain, names = found
            name = rel.rsplit("/", 1)[-1]
            st = _lstat(name, chain[-1])
            if st is None:
                return False
            if _kind(st.st_mode) != "file":
                raise UnsafePath(f"{self.shown(rel)}: not a regular file; kb generate leaves it")
            os.unlink(name, dir_fd=chain[-1])
            for i in range(len(names) - 1, -1, -1):
                if os.listdir(chain[i + 1]):
                    break
                os.rmdir(names[i], dir_fd=chain[i])
            return True
