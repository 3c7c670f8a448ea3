"""Fetch one web page safely: http(s) only, no private or metadata addresses, capped in time and size.

A URL given to spinscope may come from an untrusted article list, so a fetch must never reach the machine it
runs on, its network or its cloud metadata service (SSRF). Every hop, the first and each redirect (followed
here, not by httpx), is checked the same way before anything is sent:

1. the scheme is http or https;
2. the host name is not `localhost` (or `*.localhost`) nor a metadata name such as metadata.google.internal;
3. the host is resolved once, and every address it resolves to must be public (not loopback, private, shared,
   link-local, unspecified, multicast or reserved);
4. the connection is then pinned to the address that was checked: the request goes to the IP itself, with the
   original `Host` header and, for https, the original name for SNI and certificate verification. A DNS
   answer that changes between the check and the connection (DNS rebinding) therefore cannot redirect it.

`FetchPolicy(allow_private=True)` lifts rule 3 for local and intranet servers; `allowed_networks` lifts it for
chosen networks only. Cloud metadata addresses are refused under every policy: no article lives there.
Proxies from the environment are ignored (`trust_env=False`), since a proxy would make the address check moot.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

import httpx

from spinscope.errors import (
    FetchError,
    FetchTimeoutError,
    TooManyRedirectsError,
    UnsafeURLError,
    UnsupportedContentTypeError,
)
from spinscope.ingest.text import DEFAULT_MAX_BYTES, check_size

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

TEXT_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)
METADATA_HOSTNAMES = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})

try:
    USER_AGENT = f"spinscope/{version('spinscope')}"
except PackageNotFoundError:  # a source tree that was never installed
    USER_AGENT = "spinscope/0.0.0"


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (IP literals resolve to themselves, without DNS)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve the host {host!r}: {error}") from None
    return list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may reach and how long and how much it may take."""

    allow_private: bool = False
    allowed_networks: Sequence[IPNetwork] = ()
    timeout: float = 15.0
    connect_timeout: float = 5.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    resolve: Callable[[str, int], list[str]] = field(default=resolve_host)

    def refusal(self, address: IPAddress) -> str | None:
        """Why `address` may not be fetched under this policy, or None when it may."""
        if address in METADATA_ADDRESSES or getattr(address, "ipv4_mapped", None) in METADATA_ADDRESSES:
            return "a cloud metadata address"
        if self.allow_private or any(address in network for network in self.allowed_networks):
            return None
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            return self.refusal(address.ipv4_mapped)
        for kind, is_kind in (
            ("a loopback address", address.is_loopback),
            ("a link-local address", address.is_link_local),
            ("an unspecified address", address.is_unspecified),
            ("a multicast address", address.is_multicast),
            ("a private address", address.is_private),
            ("a reserved address", address.is_reserved),
            ("a non-public address", not address.is_global),
        ):
            if is_kind:
                return kind
        return None


@dataclass(frozen=True)
class FetchedPage:
    """A fetched response body, before decoding."""

    url: str  # the final URL, after redirects
    media_type: str | None
    charset: str | None
    body: bytes


@dataclass(frozen=True)
class _Target:
    """A checked hop: where to connect, and the names the server must see."""

    pinned_url: httpx.URL
    host: str


def fetch(
    url: str,
    policy: FetchPolicy | None = None,
    *,
    media_types: frozenset[str] = TEXT_MEDIA_TYPES,
    accept: str = "text/html, text/plain;q=0.9",
) -> FetchedPage:
    """GET `url` under `policy` (the default refuses every non-public address), following redirects.

    A response whose Content-Type is not in `media_types` is refused; `accept` is the Accept header sent.
    A feed reader passes feed types here: the default accepts web pages and plain text only."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout
    current = _parse(url)
    with httpx.Client(trust_env=False, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(policy.max_redirects + 1):
            target = _check(current, policy)
            request = client.build_request(
                "GET",
                target.pinned_url,
                headers={"Host": current.netloc.decode("ascii"), "Accept": accept},
                extensions={"sni_hostname": target.host},
                timeout=_timeout(policy, deadline, url),
            )
            response = _send(client, request, url, policy)
            try:
                if response.is_redirect:
                    current = _redirect_target(current, response.headers["Location"])
                    continue
                return _read(response, str(current), policy, deadline, media_types)
            finally:
                response.close()
    raise TooManyRedirectsError(f"{url}: more than {policy.max_redirects} redirects")


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise FetchError(f"{url}: not a valid URL ({error})") from None
    if parsed.scheme not in ("http", "https"):
        raise UnsafeURLError(f"{url}: only http and https URLs can be fetched")
    if not parsed.host:
        raise FetchError(f"{url}: the URL has no host")
    return parsed


def _redirect_target(current: httpx.URL, location: str) -> httpx.URL:
    try:
        target = current.join(location)
    except httpx.InvalidURL as error:
        raise FetchError(f"{current}: redirected to an invalid URL {location!r} ({error})") from None
    return _parse(str(target))


def _check(url: httpx.URL, policy: FetchPolicy) -> _Target:
    host = url.raw_host.decode("ascii").rstrip(".").lower()
    if host in METADATA_HOSTNAMES:
        raise UnsafeURLError(f"{url}: {host} is a cloud metadata service")
    if not policy.allow_private and (host == "localhost" or host.endswith(".localhost")):
        raise UnsafeURLError(f"{url}: {host} is this machine (use --allow-private to fetch it)")
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = [ipaddress.ip_address(address) for address in policy.resolve(host, port)]
    if not addresses:
        raise FetchError(f"{url}: {host} resolves to no address")
    for address in addresses:
        reason = policy.refusal(address)
        if reason:
            hint = "" if reason == "a cloud metadata address" else " (use --allow-private to fetch it)"
            where = f"{host} is" if host == str(address) else f"{host} resolves to {address},"
            raise UnsafeURLError(f"{url}: {where} {reason}{hint}")
    return _Target(pinned_url=url.copy_with(host=str(addresses[0])), host=host)


def _timeout(policy: FetchPolicy, deadline: float, url: str) -> httpx.Timeout:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchTimeoutError(f"{url}: no complete answer within {policy.timeout:g} s")
    return httpx.Timeout(remaining, connect=min(policy.connect_timeout, remaining))


def _send(client: httpx.Client, request: httpx.Request, url: str, policy: FetchPolicy) -> httpx.Response:
    try:
        return client.send(request, stream=True)
    except httpx.TimeoutException:
        raise FetchTimeoutError(f"{url}: no answer within {policy.timeout:g} s") from None
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: {error or type(error).__name__}") from None


def _read(
    response: httpx.Response, url: str, policy: FetchPolicy, deadline: float, media_types: frozenset[str]
) -> FetchedPage:
    if response.status_code >= 300:
        raise FetchError(f"{url}: the server answered HTTP {response.status_code} {response.reason_phrase}")
    media_type, charset = _content_type(response.headers.get("Content-Type"))
    if media_type is not None and media_type not in media_types:
        accepted = ", ".join(sorted(media_types))
        raise UnsupportedContentTypeError(f"{url}: the server sent {media_type}, not one of {accepted}")
    declared_length = response.headers.get("Content-Length", "")
    if declared_length.isdigit():
        check_size(int(declared_length), url, policy.max_bytes)
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body += chunk
            check_size(len(body), url, policy.max_bytes)
            if time.monotonic() > deadline:
                raise FetchTimeoutError(f"{url}: no complete answer within {policy.timeout:g} s")
    except httpx.TimeoutException:
        raise FetchTimeoutError(f"{url}: no complete answer within {policy.timeout:g} s") from None
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: the download failed ({error or type(error).__name__})") from None
    return FetchedPage(url=url, media_type=media_type, charset=charset, body=bytes(body))


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset="UTF-8"'; (None, None) when the header is missing."""
    if not header or not header.strip():
        return None, None
    media_type, *parameters = header.split(";")
    charset = None
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset
