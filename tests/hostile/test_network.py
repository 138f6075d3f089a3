"""What a pull request cannot do to the network ``kb check-links`` runs in: a URL cannot
make it request a loopback, private or other internal address (directly, through a public-
looking name, or through a redirect), a redirect cannot lead to another scheme than http
and https, and what a service answers is never echoed.

Every server here listens on 127.0.0.1 only. The refusals are checked on the servers' side
too: a refused URL must not have reached them at all. Hosts other than those of the test
are never looked up (the resolver hook answers for them or fails)."""

from __future__ import annotations

import http.client
import http.server
import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import pytest
from conftest import Run, Tree

from kb.upkeep.linkcheck import Options, check
from kb.upkeep.netguard import Blocked, Guard, non_public, opener


@dataclass
class Local:
    """A server on 127.0.0.1: its port and what reached it."""

    port: int
    hits: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)


# path -> (status, reason phrase or None, Location header or None)
Routes = dict[str, tuple[int, str | None, str | None]]


@contextmanager
def http_server(routes: Routes) -> Iterator[Local]:
    """An HTTP server answering ``routes`` (404 elsewhere), recording every request."""
    local = Local(0)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

        def _answer(self) -> None:
            local.hits.append(f"{self.command} {self.headers.get('Host')} {self.path}")
            status, reason, location = routes.get(self.path, (404, None, None))
            self.send_response(status, reason)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "13")
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(b"body-7c41aa0e")

        do_HEAD = do_GET = _answer

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    local.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield local
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def banner_server(banner: bytes) -> Iterator[Local]:
    """A TCP service that is not HTTP (an FTP, SSH or Redis server): it sends ``banner``
    to whoever connects and records the connection."""
    local = Local(0)

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            local.hits.append("connect")
            self.request.sendall(banner)
            self.request.settimeout(1)
            with suppress(OSError):  # the client may hang up first
                self.request.recv(1024)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    local.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield local
    finally:
        server.shutdown()
        server.server_close()


def resolver(names: dict[str, str]) -> Callable[[str, int], list[str]]:
    """A resolver answering for ``names`` (and IP literals) only: no real lookup."""

    def resolve(host: str, port: int) -> list[str]:
        if host in names:
            return [names[host]]
        try:
            socket.inet_pton(socket.AF_INET, host)
        except OSError:
            raise socket.gaierror(f"{host}: not a name of this test") from None
        return [host]

    return resolve


def _check(url: str, *allowed: Local, names: dict[str, str] | None = None) -> str | None:
    """The error ``check`` reports for ``url`` (None: it works)."""
    opts = Options(
        timeout=5,
        retries=0,
        per_host_delay=0,
        resolve=resolver(names or {}),
        allow_private=[a.endpoint for a in allowed],
    )
    (result,) = check([url], opts)
    return result.error


# --- the command line, as a contributor's pull request would run it ------------------------


def test_the_command_refuses_loopback_addresses(tree: Tree, cli: Callable[..., Run]) -> None:
    with http_server({"/ok": (200, None, None)}) as local:
        for path in tree.root.rglob("*.yml"):
            text = path.read_text("utf-8").replace("https://example.com/article", f"{local.url}/ok")
            text = text.replace(
                "https://label-tool.example.org/", f"http://localhost:{local.port}/"
            )
            path.write_text(text, "utf-8")
        run = cli("check-links", "--per-host-delay", "0", "--retries", "0")
        assert local.hits == []  # nothing was sent
    assert run.code == 1
    assert "0 of 2 URLs answer" in run.err
    lines = run.out.splitlines()
    source = next(
        n
        for n, text in enumerate((tree.root / "vision-tasks/image-classification.yml").open(), 1)
        if text.startswith("  - url:")
    )
    assert (
        f"catalog/vision-tasks/image-classification.yml:{source}:10: {local.url}/ok: "
        "refused: resolves to a loopback address 127.0.0.1"
    ) in lines
    website = [line for line in lines if f"http://localhost:{local.port}/" in line]
    assert len(website) == 1
    assert website[0].startswith("catalog/annotation-vendors/label-tool.yml:")
    assert "refused: resolves to a loopback address" in website[0]  # 127.0.0.1 or ::1
    assert all(": refused: resolves to a loopback address " in line for line in lines)


# --- names and addresses ------------------------------------------------------------------


def test_a_public_looking_name_that_resolves_to_loopback_is_refused() -> None:
    with http_server({"/ok": (200, None, None)}) as local:
        names = {"docs.kb-test.example": "127.0.0.1"}
        url = f"http://docs.kb-test.example:{local.port}/ok"
        assert _check(url, names=names) == "refused: resolves to a loopback address 127.0.0.1"
        assert local.hits == []
        # Allowed, the request goes to the address that was checked, under its name.
        assert _check(url, local, names=names) is None
        assert local.hits[0] == f"HEAD docs.kb-test.example:{local.port} /ok"


def test_a_name_with_one_private_address_among_public_ones_is_refused() -> None:
    guard = Guard(lambda host, port: ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(Blocked, match=r"^resolves to a private address 10\.0\.0\.7$"):
        guard.addresses("mixed.kb-test.example", 443)  # refused before any connection


@pytest.mark.parametrize(
    ("ip", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "private"),
        ("255.255.255.255", "private"),
        ("100.64.0.1", "non-public"),  # shared address space (carrier-grade NAT)
        ("192.0.2.10", "private"),  # documentation
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "link-local"),
        ("2002:7f00:1::1", "loopback"),  # 6to4 of 127.0.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("::127.0.0.1", "reserved"),  # IPv4-compatible (deprecated)
        ("8.8.8.8", None),
        ("1.1.1.1", None),
        ("2606:4700:4700::1111", None),
        ("64:ff9b::808:808", None),  # NAT64 of a public address
    ],
)
def test_non_public_addresses(ip: str, kind: str | None) -> None:
    assert non_public(ip) == kind


# --- redirects ------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["ftp://127.0.0.1:{port}/file", "gopher://127.0.0.1:{port}/x"])
def test_a_redirect_to_another_scheme_is_refused(target: str) -> None:
    with banner_server(b"220 internal FTP secret-banner-31b0\r\n") as service:
        location = target.format(port=service.port)
        with http_server({"/away": (302, None, location)}) as local:
            # Both endpoints allowed: the scheme alone is reason enough.
            error = _check(f"{local.url}/away", local, service)
            assert local.hits == [f"HEAD 127.0.0.1:{local.port} /away"]
        assert service.hits == []
    assert error == f"refused: redirects to {location} (only http and https are followed)"


def test_a_redirect_to_a_file_url_is_refused() -> None:
    with http_server({"/away": (301, None, "file:///etc/passwd")}) as local:
        error = _check(f"{local.url}/away", local)
    assert error == "refused: redirects to file:///etc/passwd (only http and https are followed)"


def test_a_redirect_to_a_private_address_is_refused_after_the_redirect() -> None:
    with http_server({"/secret": (200, None, None)}) as inner:
        routes: Routes = {
            "/to-ip": (302, None, f"{inner.url}/secret"),
            "/to-name": (307, None, f"http://intranet.kb-test.example:{inner.port}/secret"),
        }
        with http_server(routes) as outer:
            names = {"intranet.kb-test.example": "127.0.0.1"}
            to_ip = _check(f"{outer.url}/to-ip", outer, names=names)
            to_name = _check(f"{outer.url}/to-name", outer, names=names)
            assert len(outer.hits) == 2  # the allowed server was asked ...
        assert inner.hits == []  # ... the one it pointed at never was
    assert to_ip == (
        f"refused: redirects to {inner.url}/secret, which resolves to a loopback address 127.0.0.1"
    )
    assert to_name == (
        f"refused: redirects to http://intranet.kb-test.example:{inner.port}/secret, which "
        "resolves to a loopback address 127.0.0.1"
    )


def test_a_redirect_between_allowed_servers_is_followed() -> None:
    with http_server({"/end": (200, None, None)}) as inner:
        start = {"/start": (301, None, f"{inner.url}/end")}
        with http_server(start) as outer:
            opts = Options(
                retries=0, per_host_delay=0, allow_private=[outer.endpoint, inner.endpoint]
            )
            (result,) = check([f"{outer.url}/start"], opts)
    assert result.error is None and result.final_url == f"{inner.url}/end"


# --- nothing a service answers is echoed ----------------------------------------------------


def test_a_non_http_service_is_reported_without_its_banner() -> None:
    with banner_server(b"-ERR secret-banner-4d2e unknown command\r\n") as service:
        error = _check(service.url + "/", service)
        assert service.hits  # allowed here, so it was reached
    assert error == "not a valid HTTP answer (BadStatusLine)"


def test_a_status_reason_is_not_echoed() -> None:
    with http_server({"/x": (404, "token-in-reason-5e2", None)}) as local:
        error = _check(f"{local.url}/x", local)
    assert error == "HTTP 404 Not Found"


# --- the connection itself is guarded, not only the URL ---------------------------------------


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_connection_is_checked_when_it_is_made(scheme: str) -> None:
    """The opener refuses on its own, without the check of the URL that ``check`` makes
    first: a redirect, or a name that resolves differently the second time, still ends at
    an address that was checked."""
    with banner_server(b"-ERR not http\r\n") as service:
        url = f"{scheme}://127.0.0.1:{service.port}/"
        with pytest.raises(Blocked, match=r"^resolves to a loopback address 127\.0\.0\.1$"):
            opener(Guard(resolver({}))).open(url, timeout=5)
        assert service.hits == []
        allowed = Guard(resolver({}), [service.endpoint])
        with pytest.raises((OSError, http.client.HTTPException)):  # reached: not HTTP or TLS
            opener(allowed).open(url, timeout=5)
        assert service.hits == ["connect"]
