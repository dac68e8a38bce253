"""The client's address behind trusted proxies, and the address a client is counted by.

Used by the login throttle (django-axes' AXES_CLIENT_IP_CALLABLE), the API's token throttle, the
complaint form's rate limits and TrustedProxyMiddleware: one reading of PRONGSAI_TRUSTED_PROXIES.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest


@lru_cache(maxsize=8)
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or — when that peer is a trusted proxy — the first untrusted address of
    X-Forwarded-For read from the right (the one the nearest trusted proxy saw)."""
    peer = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not is_trusted_proxy(peer):
        return peer
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if not is_trusted_proxy(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return peer  # a forged or broken header: count it against the proxy itself
    return forwarded[0] if forwarded else peer


def throttle_address(request: HttpRequest) -> str | None:
    """The address a client is counted by: client_ip, except that an IPv6 client counts by its /64
    (one subscriber gets a whole /64 and may pick any address in it), written as the network's first
    address ("2001:db8:1:2::"). None when there is no usable address (a request built in code).
    Also django-axes' AXES_CLIENT_IP_CALLABLE: login failures are counted by the same address."""
    try:
        ip = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False).network_address)
    return str(ip)


def counted_address(request: HttpRequest) -> str:
    """throttle_address, or the raw client_ip when it is not an address (a request built in code)."""
    return throttle_address(request) or client_ip(request)
