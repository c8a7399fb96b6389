"""Accounts: health check, the client address behind the proxy, the lockout page, and the
user's own account (password change, two-factor authentication, personal API tokens)."""

from __future__ import annotations

import base64
import ipaddress
from datetime import datetime
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from claims import permissions, twofactor
from claims.forms import APITokenCreateForm, APITokenRevokeForm
from claims.models_api import APIToken
from claims.services import tokens
from claims.services._base import ServiceError
from claims.views import keyed


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: answers 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not ready"
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

    Without ``BEHIND_TLS_PROXY`` it is the connection's own address: a forwarding header
    could be sent by anyone and is ignored. Behind the proxy every connection comes from the
    proxy, which appends the address it saw to ``X-Forwarded-For``; the right-most entry is
    that one (entries to its left came from the client and could be forged).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_TLS_PROXY:
        return remote or None
    forwarded = request.headers.get("x-forwarded-for", "")
    entries = [entry for entry in forwarded.split(",") if entry.strip()]
    if entries:
        client = _address(entries[-1])
        if client is not None:
            return client
    return remote or None


def retry_time(request: HttpRequest, credentials: dict[str, Any] | None) -> datetime | None:
    """When the failures that locked this user name and address out stop counting."""
    from axes.handlers.proxy import AxesProxyHandler
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    handler = AxesProxyHandler.get_implementation()
    latest = None
    for attempts in handler.get_user_attempts(request, credentials):
        newest = attempts.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
        if newest is not None and (latest is None or newest > latest):
            latest = newest
    if latest is None:
        return None
    return latest + cool_off


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): the desk's page, with the time."""
    retry_at = retry_time(request, credentials)
    minutes = None
    if retry_at is not None:
        seconds = max(0, (retry_at - timezone.now()).total_seconds())
        minutes = max(1, int(-(-seconds // 60)))
    context = {"retry_at": retry_at, "retry_minutes": minutes}
    response = render(request, "registration/locked_out.html", context, status=429)
    if retry_at is not None:
        response["Retry-After"] = str(minutes * 60 if minutes else 60)
    return response


# --- password and two-factor authentication ---------------------------------------------------


class PasswordChange(auth_views.PasswordChangeView):
    """Change one's own password. This session stays logged in; every other session of the
    user ends (Django's session hash no longer matches, and the stored sessions are deleted)."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # keeps this session (update_session_auth_hash)
        ended = twofactor.end_other_sessions(self.request)
        others = f" {ended} other session{'s' if ended != 1 else ''} ended." if ended else ""
        messages.success(self.request, f"Your password was changed.{others}")
        return response


def _device_secret(device: Any) -> str:
    return base64.b32encode(device.bin_key).decode("ascii")


def _qr_data_uri(text: str) -> str:
    """An SVG QR code (segno: pure Python, no image library) as a data: URI, which the CSP's
    img-src allows; the set-up link and the key are shown beside it for typing by hand."""
    return str(segno.make(text, error="m").svg_data_uri(scale=4, border=2))


def _throttled(device: Any) -> str:
    """Why a code cannot be tried now (django-otp waits longer after each wrong code), or ""."""
    allowed, _why = device.verify_is_allowed()
    return "" if allowed else "Too many wrong codes: wait a little, then try again."


WRONG_CODE = "That code did not match; try the one showing now."


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app",
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError("The code is the six digits your app shows.")
        return token


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The user's own account: password, and two-factor authentication (turn on, confirm,
    turn off with the password)."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user: Any = request.user
    device = twofactor.confirmed_device(user)
    pending = None
    token_form = TokenForm()
    password_form = PasswordConfirmForm()
    error = ""
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action and not twofactor.offers_two_factor(user):
        raise PermissionDenied("Two-factor authentication is for editors and admins.")
    if action == "start" and device is None:
        with transaction.atomic():
            TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).delete()
            pending = TOTPDevice.objects.create(
                user=user, name="Authenticator app", confirmed=False
            )
    elif action == "confirm" and device is None:
        pending = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).first()
        token_form = TokenForm(request.POST)
        if pending is None:
            error = "Start again: no set-up was waiting."
        elif token_form.is_valid() and _throttled(pending):
            token_form.add_error("token", _throttled(pending))
        elif token_form.is_valid() and pending.verify_token(token_form.cleaned_data["token"]):
            pending.confirmed = True
            pending.save()
            otp_login(request, pending)
            twofactor.remember(request, twofactor.VERIFY)
            ended = twofactor.end_other_sessions(request)
            others = f" {ended} other session{'s' if ended != 1 else ''} ended." if ended else ""
            messages.success(request, f"Two-factor authentication is on.{others}")
            return HttpResponseRedirect(twofactor.safe_next(request, reverse("account")))
        elif token_form.is_valid():
            token_form.add_error("token", WRONG_CODE)
    elif action == "turn_off" and device is not None:
        password_form = PasswordConfirmForm(request.POST)
        if twofactor.must_have_two_factor(user):
            error = "Admins must keep two-factor authentication on this desk."
        elif password_form.is_valid() and user.check_password(
            password_form.cleaned_data["password"]
        ):
            TOTPDevice.objects.filter(user_id=user.pk).delete()
            twofactor.remember(request, twofactor.NOTHING)
            messages.success(request, "Two-factor authentication is off.")
            return HttpResponseRedirect(reverse("account"))
        elif password_form.is_valid():
            password_form.add_error("password", "That is not your password.")
    elif action:
        error = "That step no longer applies; here is how things stand."
    context = _account_context(
        request,
        device=device,
        pending=pending,
        token_form=token_form,
        password_form=password_form,
        error=error,
    )
    return render(request, "registration/account.html", context)


def _account_context(request: HttpRequest, **given: Any) -> dict[str, Any]:
    """What the account page shows: two-factor state (as ``given``, or as it stands) and the
    user's API tokens."""
    user: Any = request.user
    device = given.pop("device") if "device" in given else twofactor.confirmed_device(user)
    pending = given.pop("pending", None)
    context: dict[str, Any] = {
        "device": device,
        "pending": pending,
        "secret": _device_secret(pending) if pending else "",
        "otpauth_url": pending.config_url if pending else "",
        "qr": _qr_data_uri(pending.config_url) if pending else "",
        "token_form": TokenForm(),
        "password_form": PasswordConfirmForm(),
        "error": "",
        "offers_two_factor": twofactor.offers_two_factor(user),
        "required": twofactor.must_have_two_factor(user),
        "next": twofactor.safe_next(request, ""),
        "may_make_api_tokens": permissions.can_view_desk(user),
        "api_tokens": list(APIToken.objects.filter(user_id=user.pk).order_by("-created_at", "-id")),
        "api_token_form": APITokenCreateForm(),
        "new_api_token": None,
        "now": timezone.now(),
    }
    context.update(given)
    return context


# --- personal API tokens ----------------------------------------------------------------------

TOKENS_ANCHOR = "#api-tokens"


@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    """Make a personal API token. The page that answers shows its secret, once; the desk keeps
    only its hash. A repeat of the same submission (request key) makes no second token."""
    permissions.require(permissions.can_view_desk(request.user), "use the API")
    form = APITokenCreateForm(request.POST)
    new = None
    if form.is_valid():
        name = form.cleaned_data["name"]
        try:
            with keyed.once(request, f"Token “{name.strip()}” made"):
                new = tokens.api_token_create(
                    user=request.user,  # type: ignore[arg-type]
                    by=request.user,
                    name=name,
                    scope=form.cleaned_data["scope"],
                    expires_in_days=form.expires_in_days(),
                )
        except keyed.AlreadyDone as exc:
            messages.info(
                request,
                f"{exc} Its secret was shown once: if you did not copy it, revoke the token "
                "and make another.",
            )
            return HttpResponseRedirect(reverse("account") + TOKENS_ANCHOR)
        except ValidationError as exc:
            form.add_error(None, exc)
        except ServiceError as exc:
            form.add_error(None, str(exc))
    context = _account_context(
        request,
        new_api_token=new,
        api_token_form=APITokenCreateForm() if new is not None else form,
    )
    return render(request, "registration/account.html", context)


@require_POST
def api_token_revoke(request: HttpRequest) -> HttpResponse:
    """Revoke one of one's own tokens (another user's token id finds nothing: 404)."""
    form = APITokenRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pick one of your tokens to revoke.")
        return HttpResponseRedirect(reverse("account") + TOKENS_ANCHOR)
    token = get_object_or_404(APIToken, pk=form.cleaned_data["token"], user_id=request.user.pk)
    try:
        with keyed.once(request, f"Token “{token.name}” revoked"):
            tokens.api_token_revoke(token=token, by=request.user)
    except keyed.AlreadyDone as exc:
        messages.info(request, str(exc))
        return HttpResponseRedirect(reverse("account") + TOKENS_ANCHOR)
    messages.success(request, f"Token “{token.name}” is revoked: it no longer works.")
    return HttpResponseRedirect(reverse("account") + TOKENS_ANCHOR)


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: the code from the authenticator app."""
    from django_otp import login as otp_login
    from django_otp import verify_token

    user: Any = request.user
    device = twofactor.confirmed_device(user)
    next_url = twofactor.safe_next(request, reverse("claims:dashboard"))
    if device is None or user.is_verified():
        twofactor.remember(request, twofactor.what_is_needed(user))
        return HttpResponseRedirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _throttled(device):
            form.add_error("token", _throttled(device))
        else:
            verified = verify_token(user, device.persistent_id, form.cleaned_data["token"])
            if verified is not None:
                otp_login(request, verified)
                return HttpResponseRedirect(next_url)
            form.add_error("token", WRONG_CODE)
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": next_url})
