"""Safe fetching, against a real HTTP server on 127.0.0.1; nothing here may connect anywhere else."""

from __future__ import annotations

import ipaddress
import socket
from http.server import BaseHTTPRequestHandler

import pytest

from spinscope.errors import (
    FetchError,
    FetchTimeoutError,
    InputTooLargeError,
    TooManyRedirectsError,
    UnsafeURLError,
    UnsupportedContentTypeError,
)
from spinscope.ingest.url import USER_AGENT, FetchPolicy, fetch

LOCAL = FetchPolicy(allow_private=True)
LOOPBACK_ONLY = FetchPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),))


@pytest.fixture(autouse=True)
def connections(monkeypatch):
    """Every address a socket connects to; a connection to a non-loopback address fails the test."""
    seen: list[str] = []
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        host = address[0]
        seen.append(host)
        assert ipaddress.ip_address(host).is_loopback, f"a test tried to connect to {host}"
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    return seen


def resolver(table: dict[str, list[str]]):
    """A DNS stand-in: names from `table`, IP literals as themselves."""

    def resolve(host: str, port: int) -> list[str]:
        return table.get(host, [host])

    return resolve


def test_a_page_is_fetched_with_its_content_type_and_charset(server):
    url = server.page("/article", "<html><body><p>Bonjour</p></body></html>", "text/html; charset=UTF-8")
    page = fetch(url, LOCAL)
    assert page.body == b"<html><body><p>Bonjour</p></body></html>"
    assert (page.media_type, page.charset, page.url) == ("text/html", "UTF-8", url)


def test_the_request_says_it_comes_from_spinscope(server):
    seen = {}

    def route(handler: BaseHTTPRequestHandler) -> None:
        seen["agent"] = handler.headers["User-Agent"]
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        handler.wfile.write(b"ok")

    server.routes["/agent"] = route
    fetch(server.base + "/agent", LOCAL)
    assert seen["agent"] == USER_AGENT
    assert USER_AGENT.startswith("spinscope/")


def test_redirects_are_followed_and_the_final_url_is_kept(server):
    final = server.page("/final", "Texte final.", "text/plain; charset=utf-8")
    first = server.redirect("/moved", "/final")
    page = fetch(first, LOCAL)
    assert (page.url, page.body) == (final, b"Texte final.")


def test_a_redirect_loop_stops_after_five_redirects(server):
    loop = server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    with pytest.raises(TooManyRedirectsError, match="more than 5 redirects"):
        fetch(loop, LOCAL)


def test_a_slow_server_times_out(server):
    url = server.slow("/slow", seconds=2.0)
    with pytest.raises(FetchTimeoutError, match="0.3 s"):
        fetch(url, FetchPolicy(allow_private=True, timeout=0.3))


def test_a_body_announced_larger_than_the_cap_is_refused_unread(server):
    url = server.page("/big", "x" * 5000, "text/plain")
    with pytest.raises(InputTooLargeError, match="/big"):
        fetch(url, FetchPolicy(allow_private=True, max_bytes=1000))


def test_a_streamed_body_is_cut_at_the_cap(server):
    sent = {"bytes": 0}

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()  # no Content-Length: the client only learns the size by reading
        try:
            for _ in range(10_000):
                handler.wfile.write(b"y" * 1024)
                sent["bytes"] += 1024
        except OSError:
            pass  # the client hung up, as it should

    server.routes["/endless"] = endless
    with pytest.raises(InputTooLargeError, match="/endless"):
        fetch(server.base + "/endless", FetchPolicy(allow_private=True, max_bytes=64 * 1024))
    assert sent["bytes"] < 10_000 * 1024


def test_a_binary_content_type_is_refused(server):
    url = server.page("/photo", b"\x89PNG\r\n\x1a\n", "image/png")
    with pytest.raises(UnsupportedContentTypeError, match="image/png"):
        fetch(url, LOCAL)


@pytest.mark.parametrize(("status", "path"), [(404, "/missing"), (500, "/broken")])
def test_http_errors_are_reported_with_their_status(server, status, path):
    if status == 500:
        server.routes[path] = lambda handler: handler.send_error(500)
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        fetch(server.base + path, LOCAL)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://LOCALHOST./",
        "http://api.localhost/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://100.64.0.1/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
    ],
)
def test_non_public_addresses_are_refused_before_connecting(url, connections):
    with pytest.raises(UnsafeURLError):
        fetch(url)
    assert connections == []


def test_the_local_test_server_itself_is_refused_by_default(server, connections):
    url = server.page("/article", "Bonjour")
    with pytest.raises(UnsafeURLError, match="loopback"):
        fetch(url)
    assert connections == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/a.txt", "javascript:alert(1)", "data:text/plain,bonjour"]
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(UnsafeURLError, match="only http and https"):
        fetch(url, LOCAL)


@pytest.mark.parametrize(
    "target",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin", "http://localhost/", "ftp://x/"],
)
def test_a_redirect_to_a_forbidden_address_is_refused(server, connections, target):
    start = server.redirect("/start", target)
    with pytest.raises(UnsafeURLError):
        fetch(start, LOOPBACK_ONLY)
    assert connections == ["127.0.0.1"]  # the allowed first hop only


def test_cloud_metadata_is_refused_even_when_private_addresses_are_allowed(connections):
    with pytest.raises(UnsafeURLError, match="metadata"):
        fetch("http://169.254.169.254/latest/meta-data/", LOCAL)
    with pytest.raises(UnsafeURLError, match="metadata"):
        fetch("http://metadata.google.internal/", LOCAL)
    assert connections == []


def test_a_name_resolving_to_any_private_address_is_refused(connections):
    policy = FetchPolicy(resolve=resolver({"news.example": ["93.184.216.34", "10.1.2.3"]}))
    with pytest.raises(UnsafeURLError, match="10.1.2.3"):
        fetch("http://news.example/article", policy)
    assert connections == []


def test_the_connection_goes_to_the_checked_address_with_the_original_host_header(server):
    """news.test exists in no DNS: the page can only arrive if the request went to the checked IP."""
    seen = {}

    def route(handler: BaseHTTPRequestHandler) -> None:
        seen["host"] = handler.headers["Host"]
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        handler.wfile.write(b"pinned")

    server.routes["/pinned"] = route
    port = server.httpd.server_address[1]
    policy = FetchPolicy(
        allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),),
        resolve=resolver({"news.test": ["127.0.0.1"]}),
    )
    page = fetch(f"http://news.test:{port}/pinned", policy)
    assert page.body == b"pinned"
    assert seen["host"] == f"news.test:{port}"
    assert page.url == f"http://news.test:{port}/pinned"
