"""Forms of the feeds, watches, notifications and webhooks pages (parse and display only)."""

from __future__ import annotations

from django import forms

from claims.forms import IdField
from claims.models_feeds import FeedKind
from claims.models_watch import WatchKind


class FeedAddForm(forms.Form):
    url = forms.CharField(label="Feed or page address", max_length=2000)
    name = forms.CharField(label="Name", max_length=200, required=False)
    kind = forms.ChoiceField(label="Kind", choices=FeedKind.choices, initial=FeedKind.FEED)
    outlet = forms.CharField(label="Outlet", max_length=200, required=False)
    interval_minutes = forms.IntegerField(
        label="Minutes between polls", min_value=5, max_value=7 * 24 * 60, initial=60
    )


class FeedActiveForm(forms.Form):
    active = forms.BooleanField(required=False)


class WatchWordsForm(forms.Form):
    kind = forms.ChoiceField(
        label="Watch a",
        choices=[(WatchKind.SUBJECT, "Subject"), (WatchKind.SEARCH, "Search")],
    )
    text = forms.CharField(label="Words", max_length=200)


class WatchEntityForm(forms.Form):
    name = forms.CharField(label="Speaker, relayer or outlet", max_length=200)


class WatchClaimForm(forms.Form):
    claim = IdField()


class MarkReadForm(forms.Form):
    notification = IdField(required=False)


class WebhookForm(forms.Form):
    name = forms.CharField(label="Name", max_length=60)
    url = forms.CharField(label="Address (https://…)", max_length=2000)


class WebhookActiveForm(forms.Form):
    active = forms.BooleanField(required=False)
