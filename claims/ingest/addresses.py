"""Address policy for fetching: which hosts and IP addresses the server may connect to.

Two decisions worth knowing:

* Hosts written as numbers in anything but the canonical dotted-quad form
  (``2130706433``, ``0177.0.0.1``, ``0x7f.0.0.1``, ``127.1``) are refused outright rather than
  normalised: no newsroom links to such addresses, and refusing them means no resolver quirk can
  ever turn one into a different address than the one we checked. IPv6 literals (``[::1]``) and
  ``user@host`` addresses are refused too.
* Every address a name resolves to must be public; if any of them is not, the whole host is
  refused (a name that mixes public and private answers is a rebinding trick).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable

from .errors import FetchRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

PRIVATE_NETWORK = "the address is on a private network"
LOOPBACK = "the address points back at this server (loopback)"
LINK_LOCAL = "the address is a link-local or cloud metadata address"
UNSPECIFIED = "the address is unspecified (0.0.0.0 or ::)"
MULTICAST = "the address is a multicast or broadcast address"
SHARED = "the address is on a carrier-grade NAT network (100.64.0.0/10)"
RESERVED = "the address is reserved and not on the public internet"

_SHARED_NET = ipaddress.ip_network("100.64.0.0/10")
_NAT64_NETS = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_SIXTOFOUR_NET = ipaddress.ip_network("2002::/16")
_IPV4_COMPATIBLE_NET = ipaddress.ip_network("::/96")
_BROADCAST = ipaddress.ip_address("255.255.255.255")

# A host name after IDNA encoding: labels of letters, digits, hyphens (and underscores, which
# some real hosts use), separated by dots, with an optional final dot.
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_CANONICAL_IPV4 = re.compile(
    r"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$"
)


def resolve_host(host: str, port: int) -> list[str]:
    """Return every address ``host`` resolves to, as strings. Tests patch this function."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    seen: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in seen:
            seen.append(address)
    return seen


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden inside an IPv6 one (mapped, compatible, NAT64, 6to4), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if any(ip in net for net in _NAT64_NETS):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _IPV4_COMPATIBLE_NET and int(ip) > 1:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(address: str | IPAddress) -> str | None:
    """Why the server must not connect to ``address``, in plain words; None if it is public."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "the address is not a valid IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return LINK_LOCAL
        inner = _embedded_ipv4(ip)
        if inner is not None:
            problem = address_problem(inner)
            if problem is not None:
                return problem
            if ip.ipv4_mapped is None:
                # NAT64, 6to4 and IPv4-compatible forms are tunnels; we never need them.
                return RESERVED
    if ip.is_unspecified:
        return UNSPECIFIED
    if ip.is_loopback:
        return LOOPBACK
    if ip.is_link_local:
        return LINK_LOCAL
    if ip.is_multicast or ip == _BROADCAST:
        return MULTICAST
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED_NET:
        return SHARED
    if ip.is_private:
        return PRIVATE_NETWORK
    if not ip.is_global or ip.is_reserved:
        return RESERVED
    return None


def is_loopback(address: str | IPAddress) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return False  # ::ffff:127.0.0.1 is never treated as allowed loopback
    return ip.is_loopback


def check_address(
    address: str,
    *,
    allow_loopback: bool = False,
    allowed_addresses: Iterable[str] = (),
) -> None:
    """Raise FetchRefused unless the server may connect to ``address``.

    ``allow_loopback`` and ``allowed_addresses`` exist for tests only; production keeps both off.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        raise FetchRefused("the address is not a valid IP address") from None
    if any(ip == ipaddress.ip_address(allowed) for allowed in allowed_addresses):
        return
    if allow_loopback and is_loopback(ip):
        return
    problem = address_problem(ip)
    if problem is not None:
        raise FetchRefused(problem, detail=str(ip))


def looks_numeric(host: str) -> bool:
    """True for hosts that are numbers rather than names (what inet_aton would accept)."""
    last_label = host.rstrip(".").rsplit(".", 1)[-1]
    if re.fullmatch(r"(0x[0-9a-f]*|[0-9]+)", last_label):
        return True
    try:
        socket.inet_aton(host)
    except OSError:
        return False
    return True


def normalise_host(host: str) -> str:
    """Check a host name from a URL and return it lower-cased and IDNA-encoded.

    Canonical dotted-quad IPv4 addresses are returned as they are (the address policy then
    applies to them); every other numeric spelling is refused.
    """
    if not host:
        raise FetchRefused("the address has no host name")
    if "@" in host:
        raise FetchRefused("addresses with a user name or password (user@host) are not fetched")
    if host.startswith("[") or ":" in host:
        raise FetchRefused("addresses written as IPv6 numbers are not fetched; use the host name")
    host = host.lower()
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise FetchRefused("the host name is not valid") from None
    if _CANONICAL_IPV4.fullmatch(ascii_host):
        return ascii_host
    if looks_numeric(ascii_host):
        raise FetchRefused(
            "the address is written as an unusual number; only plain host names "
            "or dotted addresses like 93.184.215.14 are fetched"
        )
    labels = ascii_host[:-1].split(".") if ascii_host.endswith(".") else ascii_host.split(".")
    if len(ascii_host) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise FetchRefused("the host name is not valid")
    return ascii_host
