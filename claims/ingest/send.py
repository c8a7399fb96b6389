"""Sending a webhook: one POST to an address checked exactly as a report's URL is.

The same rules as :mod:`claims.ingest.fetch`: the URL's scheme, port and host spelling are
checked, the host is resolved once and every answer must be public (``addresses``), and the
socket is connected to exactly the checked address, under one total deadline. Redirects are
never followed (a receiver that redirects has failed), and at most ``MAX_ANSWER`` bytes of the
answer are read, for the delivery log.
"""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass

from .errors import FetchRefused
from .fetch import (
    FetchPolicy,
    _connect_error,
    _PinnedConnection,
    _read_error,
    _resolve_and_check,
    _Watchdog,
    parse_target,
)

MAX_ANSWER = 2048


@dataclass(frozen=True)
class Sent:
    """The receiver's answer: its status, the start of its body, the address we reached."""

    status: int
    reason: str
    answer: bytes
    address: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def check_target(url: str, *, policy: FetchPolicy | None = None) -> str:
    """Check a webhook URL's spelling and, by resolving it, its addresses; return it cleaned.

    Raises FetchRefused (with a reason in plain words) for a private, loopback, link-local or
    otherwise internal address, a port or scheme outside the policy, or an unknown host.
    Nothing is sent.
    """
    policy = policy or FetchPolicy()
    target = parse_target(url, policy)
    _resolve_and_check(target, policy, time.monotonic() + policy.total_timeout)
    return target.url


def post(
    url: str,
    *,
    body: bytes,
    headers: dict[str, str],
    policy: FetchPolicy | None = None,
) -> Sent:
    """POST ``body`` to ``url`` under ``policy``. Raises FetchRefused when the address is not
    allowed or the connection fails; a non-2xx answer is returned (``ok`` False)."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.total_timeout
    target = parse_target(url, policy)
    found = _resolve_and_check(target, policy, deadline)
    watchdog = _Watchdog(deadline - time.monotonic())
    try:
        last_error: FetchRefused | None = None
        for address in found:
            conn = _PinnedConnection(
                target, address, policy=policy, deadline=deadline, watchdog=watchdog
            )
            try:
                try:
                    conn.connect()
                except (OSError, ValueError) as exc:
                    last_error = _connect_error(exc, policy, watchdog)
                    if watchdog.fired:
                        break
                    continue
                try:
                    conn.putrequest("POST", target.path, skip_accept_encoding=True)
                    conn.putheader("User-Agent", policy.user_agent)
                    conn.putheader("Content-Length", str(len(body)))
                    conn.putheader("Connection", "close")
                    for name, value in headers.items():
                        conn.putheader(name, value)
                    conn.endheaders(body)
                    conn.set_read_timeout()
                    response = conn.getresponse()
                    answer = response.read(MAX_ANSWER)
                except (OSError, ValueError, http.client.HTTPException) as exc:
                    raise _read_error(exc, policy, watchdog) from None
                if watchdog.fired:
                    raise FetchRefused(f"no answer after {policy.total_timeout:g} s")
                return Sent(response.status, response.reason, answer, address)
            finally:
                conn.close()
        assert last_error is not None  # noqa: S101 -- found is never empty
        raise last_error
    finally:
        watchdog.cancel()
