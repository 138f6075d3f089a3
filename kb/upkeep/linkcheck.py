"""Check every source and website URL of the catalogs: HEAD, then GET when HEAD is refused;
bounded concurrency, a timeout, retries with back-off and a minimum delay between two
requests to the same host. Standard library only.

Only public addresses are requested (kb.upkeep.netguard): a URL or a redirect leading to the
checker's own network is reported as refused, and what a server answered is never echoed
beyond its status code."""

from __future__ import annotations

import http.client
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from kb.data.catalog import KnowledgeBase
from kb.data.introspect import url_paths
from kb.data.problems import display_path, one_line
from kb.upkeep.netguard import Blocked, Guard, Resolver, opener

USER_AGENT = "kb-check-links (+https://github.com/example/cv-kb)"
_RETRYABLE = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Place:
    """Where a URL is written."""

    path: str
    line: int
    col: int


@dataclass(frozen=True)
class Options:
    """How politely and how patiently to check."""

    timeout: float = 10.0
    concurrency: int = 8
    retries: int = 2
    per_host_delay: float = 1.0
    backoff: float = 0.5
    # For tests only (the command line sets neither): how host names are resolved, and
    # which (address, port) pairs may be requested although they are not public.
    resolve: Resolver | None = None
    allow_private: Collection[tuple[str, int]] = ()


@dataclass(frozen=True)
class Result:
    """The outcome for one URL: ``error`` is None when it works."""

    url: str
    error: str | None
    final_url: str | None = None


def collect(kb: KnowledgeBase) -> dict[str, list[Place]]:
    """Every URL field of every entry (website, repository, sources, rating sources ... as
    the models declare them), with the places it is written."""
    found: dict[str, list[Place]] = defaultdict(list)
    for catalog, entry in kb.all():
        doc = kb.documents.get((catalog, entry.id))
        path = display_path(kb.path_of(catalog, entry.id))
        for fields in url_paths(type(entry)):
            for loc, url in _located(entry, fields, ()):
                line, col = doc.where(loc) if doc else (1, 1)
                found[url].append(Place(path, line, col))
    return dict(found)


def _located(
    value: Any, fields: tuple[str, ...], loc: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The URL(s) at ``fields`` inside ``value``, with their YAML location (list items
    are walked, so one path such as sources.url covers every source)."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _located(item, fields, (*loc, i))
    elif not fields:
        if isinstance(value, str):
            yield loc, value
    elif value is not None:
        yield from _located(getattr(value, fields[0], None), fields[1:], (*loc, fields[0]))


class _HostPacer:
    """Keeps at least ``delay`` seconds between the starts of two requests to one host."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self.last: dict[str, float] = {}
        self.guard = threading.Lock()

    def wait(self, host: str) -> None:
        with self.guard:
            lock = self.locks[host]
        with lock:
            ready = self.last.get(host, 0.0) + self.delay
            pause = ready - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            self.last[host] = time.monotonic()


def _request(url: str, method: str, timeout: float, via: urllib.request.OpenerDirector) -> str:
    """The final URL after redirects; raises on failure. The body is never read."""
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    with via.open(req, timeout=timeout) as response:
        return str(response.geturl())


def _reason(exc: BaseException) -> str:
    """Why a request failed, in our words: a server's own text (its reason phrase, a
    banner a non-HTTP service sent back) is never repeated."""
    if isinstance(exc, Blocked):
        return f"refused: {one_line(str(exc))}"
    if isinstance(exc, urllib.error.HTTPError):
        exc.close()
        try:
            return f"HTTP {exc.code} {http.HTTPStatus(exc.code).phrase}"
        except ValueError:
            return f"HTTP {exc.code}"
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return "timed out"
    if isinstance(exc, urllib.error.URLError):
        why = exc.reason
        if isinstance(why, OSError):  # our own system's words (refused, unreachable …)
            return f"cannot connect ({one_line(why.strerror or type(why).__name__)})"
        return f"cannot connect ({one_line(str(why))})"
    if isinstance(exc, http.client.HTTPException):
        return f"not a valid HTTP answer ({type(exc).__name__})"
    return f"{type(exc).__name__}"


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, Blocked):
        return False
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code in _RETRYABLE
    return True  # timeouts and connection errors may pass on a second try


def check_one(url: str, opts: Options, pacer: _HostPacer, guard: Guard | None = None) -> Result:
    """HEAD the URL (GET when HEAD is refused), retrying transient failures. A URL leading
    to a non-public address is refused before anything is sent to it."""
    guard = guard or Guard(opts.resolve, opts.allow_private)
    try:
        guard.check_url(url)
    except Blocked as exc:
        return Result(url, _reason(exc))
    except (OSError, ValueError):
        pass  # does not resolve, or a bad port: the request below reports it as before
    via = opener(guard)  # checks every connection again, redirects included
    host = urlsplit(url).hostname or ""
    error: BaseException | None = None
    for attempt in range(opts.retries + 1):
        if attempt:
            time.sleep(opts.backoff * 2 ** (attempt - 1))
        for method in ("HEAD", "GET"):
            pacer.wait(host)
            try:
                final = _request(url, method, opts.timeout, via)
                return Result(url, None, final if final != url else None)
            except Exception as exc:  # every failure is reported, none escapes
                error = exc
                if isinstance(exc, Blocked):
                    break
                head_refused = isinstance(exc, urllib.error.HTTPError) and exc.code != 404
                if method == "HEAD" and head_refused:
                    continue  # some servers refuse HEAD (405, 403, 501): try GET
                break
        if error is not None and not _retryable(error):
            break
    return Result(url, _reason(error) if error else "unknown error")


def check(urls: list[str], opts: Options) -> list[Result]:
    """Check every URL, at most ``opts.concurrency`` at a time."""
    pacer = _HostPacer(opts.per_host_delay)
    guard = Guard(opts.resolve, opts.allow_private)
    with ThreadPoolExecutor(max_workers=max(1, opts.concurrency)) as pool:
        return list(pool.map(lambda u: check_one(u, opts, pacer, guard), urls))
