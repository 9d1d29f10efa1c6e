"""Where the service may send a webhook: no server-side request forgery.

A subscriber URL must be https and every address its host resolves to must be a
public one: not loopback, private, link-local (cloud metadata lives there), shared,
reserved, multicast or unspecified. The check runs when a subscription is saved and
again when each delivery connects (`GuardedBackend` connects to the very address it
checked), so a host that later resolves elsewhere (DNS rebinding) is refused too.
`EVENTS_SUBSCRIPTIONS_ALLOW_PRIVATE=true` (development and tests) allows plain http
and private addresses.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import typing
from urllib.parse import urlsplit

import httpcore


class UnsafeDestination(ValueError):
    """The URL may not receive webhooks (its scheme, or where its host resolves)."""


Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check_url_form(url: str, *, allow_private: bool) -> tuple[str, int]:
    """The URL's host and port, when its form may receive webhooks."""
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes:
        raise UnsafeDestination("A subscriber URL must be https.")
    if parts.username or parts.password:
        raise UnsafeDestination("A subscriber URL may not carry credentials.")
    if not parts.hostname:
        raise UnsafeDestination("A subscriber URL needs a host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeDestination("The URL's port is not a number from 1 to 65535.") from exc
    return parts.hostname, port


async def resolve_checked(host: str, port: int, *, allow_private: bool) -> list[str]:
    """The addresses of `host`, all of them public (unless allowed); else UnsafeDestination."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeDestination(f"The host {host!r} does not resolve.") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for text in addresses:
            if not is_public(ipaddress.ip_address(text.split("%")[0])):
                raise UnsafeDestination(
                    f"The host {host!r} resolves to {text}, which is not a public address "
                    "(loopback, private, link-local and reserved addresses are refused).")
    if not addresses:
        raise UnsafeDestination(f"The host {host!r} does not resolve.")
    return addresses


async def check_url(url: str, *, allow_private: bool) -> None:
    host, port = check_url_form(url, allow_private=allow_private)
    await resolve_checked(host, port, allow_private=allow_private)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to addresses checked just now.

    The host is resolved and checked here and the socket opened to that address, so
    nothing can re-resolve it in between; TLS still verifies the URL's host name
    (httpcore passes it as the server name)."""

    def __init__(self, *, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await resolve_checked(host, port, allow_private=self._allow_private)
        return await self._inner.connect_tcp(addresses[0], port, timeout=timeout,
                                             local_address=local_address,
                                             socket_options=socket_options)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None,  # noqa: ASYNC109
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise UnsafeDestination("Webhooks are not sent to unix sockets.")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
