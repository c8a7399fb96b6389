"""Two-factor authentication (TOTP through django-otp) and ending a user's other sessions.

django-otp was chosen because it is the long-kept, small, pluggable OTP framework for Django:
its TOTP plugin stores one secret per device, refuses a token used twice, and throttles
guesses; the desk only adds the pages (enrol, verify at login, turn off) and the gate below.

An editor or admin may turn TOTP on; with ``OTP_REQUIRED_FOR_ADMINS`` every admin must. The
password login stays as it is (django-axes throttles it); afterwards :class:`TwoFactorGate`
(middleware, after django-otp's) sends a session whose user has a device but has not given a
token to the verification page, and an admin who must enrol to the enrolment page. What a
session must do is worked out once, at login, and kept in the session, so ordinary pages cost
no extra query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from claims.permissions import Role, role_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

SESSION_KEY = "factdesk_two_factor"
VERIFY = "verify"  # has a confirmed device: a token is needed in this session
ENROL = "enrol"  # an admin without a device where the desk requires one
NOTHING = ""

# Pages a session may reach before it has given its second factor.
OPEN_PATHS = ("/logout/", "/static/", "/healthz")


def offers_two_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Editors and admins may turn two-factor authentication on."""
    return role_of(user) >= Role.EDITOR


def must_have_two_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(settings.OTP_REQUIRED_FOR_ADMINS) and role_of(user) >= Role.ADMIN


def confirmed_device(user: AbstractBaseUser | AnonymousUser) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()


def what_is_needed(user: AbstractBaseUser | AnonymousUser) -> str:
    if confirmed_device(user) is not None:
        return VERIFY
    if must_have_two_factor(user):
        return ENROL
    return NOTHING


def remember(request: HttpRequest, needed: str) -> None:
    request.session[SESSION_KEY] = {
        "needed": needed,
        "admins_required": bool(settings.OTP_REQUIRED_FOR_ADMINS),
    }


def needed_in_session(request: HttpRequest) -> str:
    """What this session still owes; worked out again if the desk's rule changed since."""
    stored = request.session.get(SESSION_KEY)
    if (
        not isinstance(stored, dict)
        or stored.get("admins_required") != bool(settings.OTP_REQUIRED_FOR_ADMINS)
        or stored.get("needed") not in (VERIFY, ENROL, NOTHING)
    ):
        needed = what_is_needed(request.user)
        remember(request, needed)
        return needed
    return str(stored["needed"])


@receiver(user_logged_in, dispatch_uid="factdesk_two_factor_at_login")
def _at_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        remember(request, what_is_needed(user))


def end_other_sessions(request: HttpRequest) -> int:
    """Delete every other stored session of this user (this one stays). Returns how many."""
    user_id = str(request.user.pk)
    current = request.session.session_key
    ended = 0
    with transaction.atomic():
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if session.session_key == current:
                continue
            if str(session.get_decoded().get("_auth_user_id")) == user_id:
                session.delete()
                ended += 1
    return ended


def _with_next(url: str, request: HttpRequest) -> str:
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else default


class TwoFactorGate:
    """Sessions that owe a second factor reach only the verification (or enrolment) page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], *args: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PATHS):
            return None
        needed = needed_in_session(request)
        if needed == VERIFY and not user.is_verified():
            target = reverse("two_factor_verify")
        elif needed == ENROL:
            target = reverse("account")
        else:
            return None
        if request.path == target:
            return None
        url = _with_next(target, request)
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)
