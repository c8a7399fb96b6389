"""The address policy, checked directly and through fetch_url with a patched resolver.

Everything here runs with the production policy: loopback is not allowed.
"""

from __future__ import annotations

import pytest

from claims.ingest import FetchPolicy, FetchRefused, fetch_url
from claims.ingest.addresses import (
    LINK_LOCAL,
    LOOPBACK,
    MULTICAST,
    PRIVATE_NETWORK,
    SHARED,
    UNSPECIFIED,
    address_problem,
    check_address,
)

from .conftest import FakeResolver, NetworkGuard

FORBIDDEN = [
    ("127.0.0.1", LOOPBACK),
    ("127.0.0.2", LOOPBACK),
    ("127.255.255.254", LOOPBACK),
    ("::1", LOOPBACK),
    ("0.0.0.0", UNSPECIFIED),  # noqa: S104
    ("::", UNSPECIFIED),
    ("10.0.0.1", PRIVATE_NETWORK),
    ("10.255.255.255", PRIVATE_NETWORK),
    ("172.16.0.1", PRIVATE_NETWORK),
    ("172.31.255.254", PRIVATE_NETWORK),
    ("192.168.1.1", PRIVATE_NETWORK),
    ("169.254.169.254", LINK_LOCAL),
    ("169.254.0.1", LINK_LOCAL),
    ("fe80::1", LINK_LOCAL),
    ("100.64.0.1", SHARED),
    ("100.127.255.254", SHARED),
    ("fc00::1", PRIVATE_NETWORK),
    ("fd12:3456:789a::1", PRIVATE_NETWORK),
    ("::ffff:127.0.0.1", LOOPBACK),
    ("::ffff:10.0.0.1", PRIVATE_NETWORK),
    ("::ffff:169.254.169.254", LINK_LOCAL),
    ("::127.0.0.1", LOOPBACK),
    ("64:ff9b::7f00:1", LOOPBACK),
    ("2002:7f00:1::1", LOOPBACK),
    ("2002:c0a8:101::1", PRIVATE_NETWORK),
    ("224.0.0.1", MULTICAST),
    ("239.255.255.250", MULTICAST),
    ("255.255.255.255", MULTICAST),
    ("ff02::1", MULTICAST),
    ("ff0e::1", MULTICAST),
    ("192.0.2.10", PRIVATE_NETWORK),
    ("198.18.0.1", PRIVATE_NETWORK),
    ("240.0.0.1", PRIVATE_NETWORK),
    ("2001:db8::1", PRIVATE_NETWORK),
]

PUBLIC = ["93.184.215.14", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001::1"]


@pytest.mark.parametrize(("address", "reason"), FORBIDDEN)
def test_the_address_check_refuses_every_special_address(address: str, reason: str) -> None:
    assert address_problem(address) == reason
    with pytest.raises(FetchRefused) as refused:
        check_address(address)
    assert refused.value.reason == reason


@pytest.mark.parametrize("address", PUBLIC)
def test_the_address_check_accepts_public_addresses(address: str) -> None:
    assert address_problem(address) is None
    check_address(address)


def test_allow_loopback_allows_loopback_and_nothing_else() -> None:
    check_address("127.0.0.1", allow_loopback=True)
    check_address("127.0.0.2", allow_loopback=True)
    check_address("::1", allow_loopback=True)
    for address in ["10.0.0.1", "169.254.169.254", "::ffff:127.0.0.1", "0.0.0.0"]:  # noqa: S104
        with pytest.raises(FetchRefused):
            check_address(address, allow_loopback=True)


def test_an_allow_listed_address_allows_exactly_that_address() -> None:
    check_address("127.0.0.1", allowed_addresses={"127.0.0.1"})
    with pytest.raises(FetchRefused, match="loopback"):
        check_address("127.0.0.2", allowed_addresses={"127.0.0.1"})


def test_the_default_policy_never_allows_loopback() -> None:
    policy = FetchPolicy()
    assert policy.allow_loopback is False
    assert policy.allowed_addresses == frozenset()
    assert policy.allowed_ports == frozenset({80, 443})
    assert policy.max_redirects == 5
    assert policy.max_bytes == 10 * 1024 * 1024
    assert (policy.connect_timeout, policy.total_timeout) == (10, 20)


@pytest.mark.parametrize(("address", "reason"), FORBIDDEN)
def test_it_refuses_a_host_name_that_resolves_to_a_special_address(
    address: str, reason: str, resolver: FakeResolver, network_guard: NetworkGuard
) -> None:
    resolver.add("private.test", [address])
    with pytest.raises(FetchRefused) as refused:
        fetch_url("http://private.test/report")
    assert refused.value.reason == reason
    assert resolver.lookups == ["private.test"]
    assert network_guard.connections == []


def test_it_refuses_a_host_name_with_one_private_answer_among_public_ones(
    resolver: FakeResolver, network_guard: NetworkGuard
) -> None:
    resolver.add("mixed.test", ["93.184.215.14", "10.1.2.3"])
    with pytest.raises(FetchRefused, match="private network"):
        fetch_url("https://mixed.test/")
    assert network_guard.connections == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.2/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.0.10/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
    ],
)
def test_it_refuses_dotted_addresses_of_special_networks(
    url: str, resolver: FakeResolver, network_guard: NetworkGuard
) -> None:
    with pytest.raises(FetchRefused, match=r"^the address "):
        fetch_url(url)
    assert resolver.lookups == []
    assert network_guard.connections == []


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",  # decimal 127.0.0.1
        "http://0177.0.0.1/",  # octal
        "http://0x7f.0.0.1/",  # hex
        "http://0x7f000001/",
        "http://017700000001/",
        "http://127.1/",  # short form
        "http://127.0.1/",
        "http://3232235777/",  # 192.168.1.1
        "http://0xA9FEA9FE/",  # 169.254.169.254
        "http://0251.0376.0251.0376/",
        "http://0/",
        "http://127.000.000.001/",
        "http://%31%32%37.0.0.1/",
    ],
)
def test_it_refuses_numeric_hosts_that_are_not_plain_dotted_addresses(
    url: str, resolver: FakeResolver, network_guard: NetworkGuard
) -> None:
    with pytest.raises(FetchRefused, match=r"unusual number|not valid"):
        fetch_url(url)
    assert resolver.lookups == []
    assert network_guard.connections == []


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fc00::1]:80/",
        "http://[0:0:0:0:0:ffff:7f00:1]/",
    ],
)
def test_it_refuses_ipv6_literals(url: str, network_guard: NetworkGuard) -> None:
    with pytest.raises(FetchRefused, match="IPv6"):
        fetch_url(url)
    assert network_guard.connections == []


@pytest.mark.parametrize(
    "url",
    [
        "http://user@public.test/",
        "http://user:secret@public.test/",
        "http://public.test@127.0.0.1/",
        "http://public.test:80@10.0.0.1/",
        "http://public.test\\@127.0.0.1/",
        "http://@127.0.0.1/",
    ],
)
def test_it_refuses_user_at_host_tricks(
    url: str, resolver: FakeResolver, network_guard: NetworkGuard
) -> None:
    resolver.add("public.test", ["93.184.215.14"])
    with pytest.raises(FetchRefused, match=r"user@host"):
        fetch_url(url)
    assert resolver.lookups == []
    assert network_guard.connections == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://public.test/report.txt",
        "gopher://public.test:70/",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "dict://public.test:11211/",
        "//public.test/report",
        "public.test/report",
    ],
)
def test_it_refuses_schemes_other_than_http_and_https(
    url: str, network_guard: NetworkGuard
) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_url(url)
    assert refused.value.reason == "only http and https addresses can be fetched"
    assert network_guard.connections == []


@pytest.mark.parametrize(
    "url", ["http://public.test:8080/", "https://public.test:22/", "http://public.test:6379/"]
)
def test_it_refuses_ports_other_than_80_and_443(url: str, network_guard: NetworkGuard) -> None:
    with pytest.raises(FetchRefused, match=r"^only ports 80 and 443 can be fetched"):
        fetch_url(url)
    assert network_guard.connections == []


@pytest.mark.parametrize(
    "url",
    ["http://bad_host!.test/", "http://-dash.test/", "http://a..b.test/", "http://sp ace.test/"],
)
def test_it_refuses_malformed_host_names(url: str, network_guard: NetworkGuard) -> None:
    with pytest.raises(FetchRefused):
        fetch_url(url)
    assert network_guard.connections == []


def test_it_refuses_control_characters_in_the_address(network_guard: NetworkGuard) -> None:
    with pytest.raises(FetchRefused, match="control characters"):
        fetch_url("http://public.test/\r\nHost: 127.0.0.1")


def test_it_says_when_a_host_name_does_not_exist(resolver: FakeResolver) -> None:
    with pytest.raises(FetchRefused, match="could not be found"):
        fetch_url("http://nowhere.test/")
