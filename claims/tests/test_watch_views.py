"""The feeds, watches, notifications and webhooks pages: roles, ownership, query budgets."""

# ruff: noqa: F401, F811 -- fixtures imported from claims.tests.ingest_desk are used as parameters

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from claims.models_feeds import Feed, FeedRun, RunStatus
from claims.models_watch import (
    Notification,
    NotificationKind,
    Watch,
    WatchKind,
    Webhook,
    WebhookDelivery,
)
from claims.services import feeds, watch
from claims.tests.ingest_desk import FakeResolver, NetworkGuard, network_guard, resolver

HX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def public_names(settings: Any, resolver: FakeResolver, network_guard: NetworkGuard) -> Any:
    """Names that resolve to a documentation (public) address; nothing is ever connected."""
    for name in ("news.example", "hooks.example", "other.example"):
        resolver.add(name, ["93.184.215.14"])
    return resolver


def notify(user: User, claim: Any, n: int, kind: str = NotificationKind.VERDICT) -> None:
    found = watch.watch_claim(by=user, claim=claim)
    Notification.objects.bulk_create(
        Notification(user=user, kind=kind, claim=claim, watch=found, text=f"Event {i}")
        for i in range(n)
    )


# --- feeds ------------------------------------------------------------------------------------


def test_viewers_may_not_see_or_add_feeds(client: Client, viewer: User, public_names: Any) -> None:
    login(client, viewer)
    assert client.get(reverse("claims:feeds")).status_code == 403
    response = client.post(reverse("claims:feed_add"), {"url": "http://news.example/rss"})
    assert response.status_code == 403
    assert not Feed.objects.exists()


def test_reporters_read_the_feeds_but_may_not_add(
    client: Client, reporter: User, editor: User, public_names: Any
) -> None:
    feeds.feed_add(by=editor, url="http://news.example/rss", name="Gazette")
    login(client, reporter)
    page = client.get(reverse("claims:feeds"))
    assert page.status_code == 200
    assert "Gazette" in page.text and "Watch a feed" not in page.text
    refused = client.post(
        reverse("claims:feed_add"),
        {"url": "http://other.example/rss", "kind": "feed", "interval_minutes": 60},
    )
    assert refused.status_code == 403
    assert Feed.objects.count() == 1


def test_an_editor_adds_a_feed_and_a_private_one_is_refused_with_the_reason(
    client: Client, editor: User, public_names: Any
) -> None:
    login(client, editor)
    form = {"url": "http://192.168.0.4/rss", "kind": "feed", "interval_minutes": 60}
    refused = client.post(reverse("claims:feed_add"), form)
    assert refused.status_code == 200
    assert "the address is on a private network" in refused.text
    assert not Feed.objects.exists()
    form["url"] = "http://news.example/rss"
    form["outlet"] = "Valley Gazette"
    added = client.post(reverse("claims:feed_add"), form)
    feed = Feed.objects.get()
    assert added.status_code == 302 and added["Location"] == reverse(
        "claims:feed_detail", args=[feed.pk]
    )
    assert feed.outlet is not None and feed.outlet.name == "Valley Gazette"
    assert feed.created_by == editor


def test_the_feeds_page_shows_a_failing_feed_within_its_budget(
    client: Client, editor: User, public_names: Any, django_assert_max_num_queries: Any
) -> None:
    from django.utils import timezone

    for n in range(12):
        feed = feeds.feed_add(by=editor, url=f"http://news.example/rss{n}", name=f"Feed {n}")
        FeedRun.objects.create(
            feed=feed, started_at=timezone.now(), status=RunStatus.OK, items_new=n
        )
    Feed.objects.filter(name="Feed 3").update(consecutive_failures=4, last_error="timed out")
    login(client, editor)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("claims:feeds"))
    assert "failing (4 in a row)" in page.text
    feed = Feed.objects.get(name="Feed 3")
    FeedRun.objects.create(
        feed=feed,
        started_at=timezone.now(),
        status=RunStatus.OK,
        items_refused=1,
        refusals=[{"url": "http://10.0.0.1/x", "reason": "the address is on a private network"}],
    )
    with django_assert_max_num_queries(8):
        detail = client.get(reverse("claims:feed_detail", args=[feed.pk]))
    assert "the address is on a private network" in detail.text
    assert "timed out" in detail.text


def test_an_editor_pauses_and_resumes_a_feed_and_a_reporter_may_not(
    client: Client, editor: User, reporter: User, public_names: Any
) -> None:
    feed = feeds.feed_add(by=editor, url="http://news.example/rss")
    login(client, reporter)
    assert client.post(reverse("claims:feed_active", args=[feed.pk]), {}).status_code == 403
    login(client, editor)
    client.post(reverse("claims:feed_active", args=[feed.pk]), {})
    feed.refresh_from_db()
    assert not feed.active
    client.post(reverse("claims:feed_active", args=[feed.pk]), {"active": "on"})
    feed.refresh_from_db()
    assert feed.active


# --- notifications ----------------------------------------------------------------------------


def test_users_see_only_their_own_notifications(
    client: Client, editor: User, second_editor: User, open_claim: Any
) -> None:
    notify(editor, open_claim, 2)
    notify(second_editor, open_claim, 1)
    Notification.objects.filter(user=second_editor).update(text="Bob's own event")
    login(client, editor)
    page = client.get(reverse("claims:notifications"))
    assert page.text.count("Event ") == 2 and "Bob's own event" not in page.text
    count = client.get(reverse("claims:notification_count"), **HX)
    assert ">2<" in count.text
    bob_note = Notification.objects.get(user=second_editor)
    client.post(reverse("claims:notifications_read"), {"notification": bob_note.pk})
    bob_note.refresh_from_db()
    assert bob_note.read_at is None  # not hers to mark
    client.post(reverse("claims:notifications_read"), {})
    assert watch.unread_count(editor) == 0
    assert watch.unread_count(second_editor) == 1
    assert client.get(reverse("claims:notification_count"), **HX).text.strip() == ""


def test_the_header_links_to_the_notifications_and_loads_the_count_later(
    client: Client, viewer: User
) -> None:
    login(client, viewer)
    page = client.get(reverse("claims:dashboard"))
    assert f'href="{reverse("claims:notifications")}"' in page.text
    assert f'hx-get="{reverse("claims:notification_count")}"' in page.text


def test_the_notifications_page_keeps_its_budget(
    client: Client, editor: User, open_claim: Any, django_assert_max_num_queries: Any
) -> None:
    notify(editor, open_claim, 80)
    login(client, editor)
    with django_assert_max_num_queries(7):
        page = client.get(reverse("claims:notifications"))
    assert page.text.count("Event ") == 50 and "Older" in page.text
    with django_assert_max_num_queries(5):
        client.get(reverse("claims:notification_count"), **HX)


def test_a_malformed_mark_read_is_a_clear_no(client: Client, editor: User) -> None:
    login(client, editor)
    response = client.post(reverse("claims:notifications_read"), {"notification": "１２"})
    assert response.status_code == 302


# --- watches ----------------------------------------------------------------------------------


def test_watching_a_claim_from_its_page(client: Client, viewer: User, open_claim: Any) -> None:
    login(client, viewer)
    page = client.get(reverse("claims:detail", args=[open_claim.pk]))
    assert "Watch this claim" in page.text
    answer = client.post(reverse("claims:watch_claim"), {"claim": open_claim.pk}, **HX)
    assert "You watch this claim" in answer.text
    assert Watch.objects.get(user=viewer).claim == open_claim


def test_a_viewer_cannot_watch_a_candidate_through_the_page(
    client: Client, viewer: User, candidate: Any
) -> None:
    login(client, viewer)
    assert client.post(reverse("claims:watch_claim"), {"claim": candidate.pk}).status_code == 404
    assert not Watch.objects.exists()


def test_users_see_and_remove_only_their_own_watches(
    client: Client,
    editor: User,
    second_editor: User,
    open_claim: Any,
    django_assert_max_num_queries: Any,
) -> None:
    mine = watch.watch_words(by=editor, kind=WatchKind.SUBJECT, text="rice harvest")
    theirs = watch.watch_words(by=second_editor, kind=WatchKind.SEARCH, text="secret plan")
    for n in range(10):
        watch.watch_words(by=editor, kind=WatchKind.SEARCH, text=f"topic{n} words")
    watch.watch_claim(by=editor, claim=open_claim)
    login(client, editor)
    with django_assert_max_num_queries(6):
        page = client.get(reverse("claims:watches"))
    assert "rice harvest" in page.text and "secret plan" not in page.text
    assert client.post(reverse("claims:watch_remove", args=[theirs.pk])).status_code == 404
    assert Watch.objects.filter(pk=theirs.pk).exists()
    client.post(reverse("claims:watch_remove", args=[mine.pk]))
    assert not Watch.objects.filter(pk=mine.pk).exists()


def test_adding_watches_through_the_page(client: Client, editor: User, open_claim: Any) -> None:
    login(client, editor)
    client.post(reverse("claims:watch_add"), {"kind": "subject", "text": "Soldiers"})
    assert Watch.objects.get(kind="subject").terms == "soldier"
    empty = client.post(reverse("claims:watch_add"), {"kind": "search", "text": "the 12"})
    assert empty.status_code == 200 and "at least one word" in empty.text
    unknown = client.post(reverse("claims:watch_add"), {"name": "Nobody Known"})
    assert "No speaker, relayer or outlet has that name" in unknown.text
    client.post(reverse("claims:watch_add"), {"name": "officials"})
    entity = Watch.objects.get(kind="entity").entity
    assert entity is not None and entity.name == "Officials"


# --- webhooks ---------------------------------------------------------------------------------


def test_a_webhook_secret_is_shown_once(
    client: Client, editor: User, public_names: Any, network_guard: NetworkGuard
) -> None:
    login(client, editor)
    made = client.post(
        reverse("claims:webhook_add"), {"name": "CMS", "url": "https://hooks.example/in"}
    )
    hook = Webhook.objects.get()
    secret = watch.webhook_secret(hook)
    assert secret in made.text
    assert secret not in client.get(reverse("claims:webhooks")).text
    assert hook.secret_prefix in client.get(reverse("claims:webhooks")).text
    assert network_guard.connections == []


def test_a_webhook_to_a_private_address_is_refused_on_the_page(
    client: Client, editor: User, public_names: Any
) -> None:
    login(client, editor)
    public_names.add("sneaky.example", ["10.0.0.3"])
    refused = client.post(
        reverse("claims:webhook_add"), {"name": "CMS", "url": "http://sneaky.example/in"}
    )
    assert refused.status_code == 200
    assert "the address is on a private network" in refused.text
    assert not Webhook.objects.exists()


def test_users_see_and_change_only_their_own_webhooks_and_deliveries(
    client: Client,
    editor: User,
    second_editor: User,
    open_claim: Any,
    public_names: Any,
    django_assert_max_num_queries: Any,
) -> None:
    mine, _ = watch.webhook_create(by=editor, name="Mine", url="https://hooks.example/a")
    theirs, _ = watch.webhook_create(by=second_editor, name="Theirs", url="https://hooks.example/b")
    notify(editor, open_claim, 30)
    for note in Notification.objects.filter(user=editor):
        WebhookDelivery.objects.create(
            webhook=mine, notification=note, payload="{}", last_error="the receiver answered 502"
        )
    WebhookDelivery.objects.create(webhook=theirs, payload="{}", last_error="Theirs failed")
    login(client, editor)
    with django_assert_max_num_queries(7):
        page = client.get(reverse("claims:webhooks"))
    assert "Mine" in page.text and "Theirs" not in page.text
    assert page.text.count("the receiver answered 502") == 30
    for action in ("claims:webhook_active", "claims:webhook_delete"):
        assert client.post(reverse(action, args=[theirs.pk])).status_code == 404
    assert Webhook.objects.get(pk=theirs.pk).active
    client.post(reverse("claims:webhook_active", args=[mine.pk]), {})
    mine.refresh_from_db()
    assert not mine.active
