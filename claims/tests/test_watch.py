"""Watchlists, notifications and signed webhooks (services and the task worker).

The webhook receiver is a real HTTP server on 127.0.0.1, reached as ``hooks.test`` through the
fake resolver (127.0.0.1 stands in for a public address through the test-only setting);
loopback itself stays refused, and the network guard fails any test that tries to reach
another address.
"""

# ruff: noqa: F401, F811 -- fixtures imported from claims.tests.ingest_desk are used as parameters

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from claims import services
from claims.models import ClaimState
from claims.models_watch import (
    DeliveryStatus,
    Notification,
    NotificationKind,
    Watch,
    WatchKind,
    WebhookDelivery,
)
from claims.services import watch
from claims.tests.conftest import make_claim, make_source
from claims.tests.ingest_desk import FakeResolver, NetworkGuard, network_guard, resolver

FIRST = "War-risk premiums for a single voyage to Odesa have climbed to US$45,000, brokers said."
SECOND = "Insurers now ask US$52,000 in war-risk premiums for each voyage to Odesa, brokers say."


def premium(by: Any, text: str, quote: str, value: int, title: str, **kw: Any) -> Any:
    source = make_source(by, text=text, title=title)
    return make_claim(
        by,
        source,
        quote,
        value=value,
        qualifier="=",
        unit="USD",
        unit_name="dollar",
        currency="USD",
        per="voyage",
        dimension="rate",
        subject="war-risk premiums per voyage",
        **kw,
    )


# --- the webhook receiver ----------------------------------------------------------------------


@dataclass
class Receiver:
    port: int
    received: list[dict[str, Any]] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # statuses to answer, then 200

    def url(self, path: str = "/hook", host: str = "hooks.test") -> str:
        return f"http://{host}:{self.port}{path}"


class _Hook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    receiver: Receiver

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        self.receiver.received.append(
            {
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body,
            }
        )
        status = self.receiver.answers.pop(0) if self.receiver.answers else 200
        answer = b"thanks" if status == 200 else b"try later"
        self.send_response(status)
        self.send_header("Content-Length", str(len(answer)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(answer)
        self.close_connection = True


@pytest.fixture
def receiver(
    settings: Any, resolver: FakeResolver, network_guard: NetworkGuard
) -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    server.daemon_threads = True
    found = Receiver(port=server.server_address[1])
    _Hook.receiver = found
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    settings.INGEST_ALLOWED_PORTS = [80, 443, found.port]
    settings.INGEST_TEST_ALLOWED_ADDRESSES = ["127.0.0.1"]
    settings.INGEST_TOTAL_TIMEOUT = 5
    settings.INGEST_CONNECT_TIMEOUT = 2
    settings.WEBHOOK_RETRY_SECONDS = 0
    assert settings.INGEST_ALLOW_LOOPBACK is False
    resolver.add("hooks.test", ["127.0.0.1"])
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()


def run_worker() -> None:
    """The real task worker, one batch of the queue webhooks go to (stops when it is empty).

    Inside the test's transaction, so its between-tasks ``close_old_connections`` (which
    closes a connection that is inside a transaction: the test's own) is left out."""
    from unittest import mock

    from django_tasks_db.management.commands import db_worker

    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command(
            "db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload"
        )


# --- notifications ----------------------------------------------------------------------------


def test_a_verdict_on_a_watched_claim_notifies_the_watcher_not_the_actor(
    editor: User, second_editor: User, open_claim: Any, django_capture_on_commit_callbacks: Any
) -> None:
    watch.watch_claim(by=second_editor, claim=open_claim)
    watch.watch_claim(by=editor, claim=open_claim)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_set_verdict(
            claim=open_claim,
            by=editor,
            verdict="disputed",
            reason="The ministry's own map says otherwise.",
            expected_version=open_claim.version,
        )
    (note,) = Notification.objects.all()
    assert note.user == second_editor
    assert note.kind == NotificationKind.VERDICT
    assert note.claim == open_claim
    assert "Disputed" in note.text and f"#{open_claim.pk}" in note.text
    assert watch.unread_count(second_editor) == 1
    assert watch.unread_count(editor) == 0


def test_a_rolled_back_write_notifies_nobody(
    editor: User, second_editor: User, open_claim: Any, django_capture_on_commit_callbacks: Any
) -> None:
    watch.watch_claim(by=second_editor, claim=open_claim)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.ClaimConflict):
        services.claim_set_verdict(
            claim=open_claim, by=editor, verdict="confirmed", expected_version=99
        )
    assert not Notification.objects.exists()


def test_a_subject_watch_hears_of_a_new_report_and_a_viewer_only_of_accepted_claims(
    reporter: User,
    editor: User,
    viewer: User,
    second_editor: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    watch.watch_words(by=second_editor, kind=WatchKind.SUBJECT, text="War-risk premiums")
    watch.watch_words(by=viewer, kind=WatchKind.SUBJECT, text="premium")
    with django_capture_on_commit_callbacks(execute=True):
        candidate = premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    notes = list(Notification.objects.all())
    assert [(n.user, n.kind, n.claim_id) for n in notes] == [
        (second_editor, NotificationKind.MENTION, candidate.pk)
    ]
    assert "Insurers raise cover" in notes[0].text
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_accept(claim=candidate, by=editor, expected_version=candidate.version)
        services.claim_set_verdict(
            claim=candidate, by=editor, verdict="confirmed", expected_version=2
        )
    assert Notification.objects.filter(user=viewer, kind=NotificationKind.VERDICT).count() == 1


def test_a_subject_watch_needs_all_its_words(
    reporter: User, second_editor: User, django_capture_on_commit_callbacks: Any
) -> None:
    watch.watch_words(by=second_editor, kind=WatchKind.SUBJECT, text="premiums for tankers")
    with django_capture_on_commit_callbacks(execute=True):
        premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    assert not Notification.objects.exists()


def test_an_entity_watch_hears_of_what_its_speaker_says(
    reporter: User, second_editor: User, django_capture_on_commit_callbacks: Any
) -> None:
    first = premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    speaker = first.mentions.get().speaker  # make_claim names "Officials" as the speaker
    watch.watch_entity(by=second_editor, entity=speaker)
    with django_capture_on_commit_callbacks(execute=True):
        second = premium(reporter, SECOND, "US$52,000", 52000, "Premiums climb again")
    (note,) = Notification.objects.filter(user=second_editor)
    assert note.claim == second and str(speaker) in note.text


def test_a_search_watch_hears_of_a_matching_claim(
    reporter: User, second_editor: User, django_capture_on_commit_callbacks: Any
) -> None:
    # "cover" is in the report's title, "voyages" (as "voyage") in the subject
    watch.watch_words(by=second_editor, kind=WatchKind.SEARCH, text="cover voyages")
    watch.watch_words(by=second_editor, kind=WatchKind.SEARCH, text="premiums grain")
    with django_capture_on_commit_callbacks(execute=True):
        claim = premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    (note,) = Notification.objects.filter(user=second_editor)
    assert note.claim == claim and "cover voyages" in note.text


def test_a_conflict_suggestion_notifies_the_watchers_of_either_claim(
    reporter: User, second_editor: User, django_capture_on_commit_callbacks: Any
) -> None:
    first = premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    watch.watch_claim(by=second_editor, claim=first)
    second = premium(reporter, SECOND, "US$52,000", 52000, "Premiums climb again")
    with django_capture_on_commit_callbacks(execute=True):
        services.matches_for_source(source=second.mentions.get().source)
    (note,) = Notification.objects.filter(kind=NotificationKind.CONFLICT)
    assert (note.user, note.claim, note.other_claim) == (second_editor, first, second)


def test_a_merge_tells_the_kept_claims_watchers_of_the_mentions_it_gained(
    reporter: User, editor: User, second_editor: User, django_capture_on_commit_callbacks: Any
) -> None:
    first = premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    twin = premium(reporter, SECOND, "US$52,000", 52000, "Premiums climb again")
    watch.watch_claim(by=second_editor, claim=first)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_merge(
            claim=first, duplicate=twin, by=editor, expected_version=None, chosen=True
        )
    (note,) = Notification.objects.filter(user=second_editor)
    assert note.kind == NotificationKind.MENTION and note.claim == first
    assert f"carried over from claim #{twin.pk}" in note.text


def test_the_fan_out_costs_the_same_for_one_watch_or_many(
    reporter: User,
    editor: User,
    second_editor: User,
    django_assert_max_num_queries: Any,
) -> None:
    from claims.permissions import Role
    from claims.tests.conftest import make_user

    claim = premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    touches = [watch.Touch(NotificationKind.VERDICT, claim.pk)]
    watch.watch_claim(by=second_editor, claim=claim)
    with django_assert_max_num_queries(12) as one:
        watch.fan_out(touches)
    for n in range(15):
        user = make_user(f"watcher{n}", Role.REPORTER)
        if n % 2:
            watch.watch_claim(by=user, claim=claim)
        watch.watch_words(by=user, kind=WatchKind.SUBJECT, text="premiums")
        watch.watch_words(by=user, kind=WatchKind.SEARCH, text="voyage")
        watch.watch_entity(by=user, entity=claim.mentions.get().speaker)
    with django_assert_max_num_queries(len(one.captured_queries)) as many:
        made = watch.fan_out(touches)
    assert len(made) == 16  # one per user, however many of their watches matched
    assert len(many.captured_queries) == len(one.captured_queries)


def test_a_viewer_cannot_watch_a_candidate(viewer: User, candidate: Any) -> None:
    with pytest.raises(PermissionDenied):
        watch.watch_claim(by=viewer, claim=candidate)


def test_an_outsider_cannot_watch(outsider: User, open_claim: Any) -> None:
    with pytest.raises(PermissionDenied):
        watch.watch_claim(by=outsider, claim=open_claim)


def test_a_watch_of_no_words_is_refused(editor: User) -> None:
    with pytest.raises(ValidationError, match="at least one word"):
        watch.watch_words(by=editor, kind=WatchKind.SEARCH, text="the 10,000")


# --- webhooks ---------------------------------------------------------------------------------


def verdict_for(claim: Any, by: User, capture: Any) -> None:
    with capture(execute=True):
        services.claim_set_verdict(
            claim=claim,
            by=by,
            verdict="misleading",
            reason="The figure counts ships, not voyages.",
            expected_version=claim.version,
        )


def test_a_webhook_is_delivered_signed_and_retried_after_a_failure(
    editor: User,
    second_editor: User,
    open_claim: Any,
    receiver: Receiver,
    django_capture_on_commit_callbacks: Any,
) -> None:
    hook, secret = watch.webhook_create(by=second_editor, name="Newsroom bot", url=receiver.url())
    assert secret.startswith("whsec_") and secret not in hook.secret_encrypted
    watch.watch_claim(by=second_editor, claim=open_claim)
    receiver.answers = [500]
    verdict_for(open_claim, editor, django_capture_on_commit_callbacks)
    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.status == DeliveryStatus.PENDING  # queued, not sent inside the request
    assert receiver.received == []

    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        DeliveryStatus.RETRYING,
        1,
        500,
    )
    assert delivery.last_error == "the receiver answered 500 Internal Server Error"
    assert delivery.next_attempt_at is not None

    run_worker()  # the retry the failure scheduled
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        DeliveryStatus.DELIVERED,
        2,
        200,
    )
    assert len(receiver.received) == 2
    for request in receiver.received:
        headers, body = request["headers"], request["body"]
        stamp = headers["x-factdesk-timestamp"]
        expected = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256)
        assert headers["x-factdesk-signature"] == "sha256=" + expected.hexdigest()
        assert headers["content-type"] == "application/json"
        assert headers["host"] == f"hooks.test:{receiver.port}"
    payload = json.loads(receiver.received[-1]["body"])
    assert payload["event"] == "verdict"
    assert payload["claim"]["id"] == open_claim.pk
    assert payload["claim"]["verdict"] == "misleading"
    # a forged body does not match the signature
    forged = receiver.received[-1]["body"].replace(b"misleading", b"confirmed")
    stamp = receiver.received[-1]["headers"]["x-factdesk-timestamp"]
    assert (
        "sha256=" + hmac.new(secret.encode(), stamp.encode() + b"." + forged, "sha256").hexdigest()
        != receiver.received[-1]["headers"]["x-factdesk-signature"]
    )


def test_a_delivery_gives_up_after_the_last_attempt(
    editor: User,
    second_editor: User,
    open_claim: Any,
    receiver: Receiver,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    watch.webhook_create(by=second_editor, name="bot", url=receiver.url())
    watch.watch_claim(by=second_editor, claim=open_claim)
    receiver.answers = [503, 503, 503]
    verdict_for(open_claim, editor, django_capture_on_commit_callbacks)
    (delivery,) = WebhookDelivery.objects.all()
    for _ in range(2):
        watch.webhook_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 2)
    assert watch.webhook_attempt(delivery_id=delivery.pk) is not None
    assert len(receiver.received) == 2  # nothing sent once it gave up


@pytest.mark.parametrize(
    ("url", "answers", "reason"),
    [
        ("http://10.0.0.8/hook", None, "private network"),
        ("http://192.168.1.1/hook", None, "private network"),
        ("http://169.254.169.254/latest/meta-data", None, "link-local"),
        ("http://127.0.0.1/hook", None, "loopback"),
        ("http://0.0.0.0/hook", None, "unspecified"),
        ("http://[::1]/hook", None, "IPv6"),
        ("http://2130706433/hook", None, "unusual number"),
        ("http://intranet.test/hook", ["10.20.30.40"], "private network"),
        ("http://mixed.test/hook", ["93.184.215.14", "172.16.5.5"], "private network"),
        ("file:///etc/passwd", None, "only http and https"),
    ],
)
def test_a_webhook_url_at_an_internal_address_is_refused_without_connecting(
    editor: User,
    resolver: FakeResolver,
    network_guard: NetworkGuard,
    url: str,
    answers: list[str] | None,
    reason: str,
) -> None:
    if answers is not None:
        host = url.split("/")[2]
        resolver.add(host, answers)
    with pytest.raises(ValidationError) as refused:
        watch.webhook_create(by=editor, name="bot", url=url)
    assert reason in str(refused.value)
    assert network_guard.connections == []
    assert not editor.webhooks.exists()


def test_a_webhook_whose_name_moves_to_a_private_address_is_not_sent(
    editor: User,
    second_editor: User,
    open_claim: Any,
    receiver: Receiver,
    resolver: FakeResolver,
    network_guard: NetworkGuard,
    django_capture_on_commit_callbacks: Any,
) -> None:
    watch.webhook_create(by=second_editor, name="bot", url=receiver.url())
    watch.watch_claim(by=second_editor, claim=open_claim)
    verdict_for(open_claim, editor, django_capture_on_commit_callbacks)
    resolver.add("hooks.test", ["10.0.0.5"])  # rebinding after the check at creation
    (delivery,) = WebhookDelivery.objects.all()
    watch.webhook_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED  # an address refusal is not retried
    assert delivery.last_error == "the address is on a private network"
    assert network_guard.connections == [] and receiver.received == []
