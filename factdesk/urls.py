from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path

from claims.api.main import api
from claims.views import accounts

admin.site.site_header = "Factdesk administration"
admin.site.site_title = "Factdesk admin"


def _open_to_tokens(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """The API authenticates each request itself (token or session): no login redirect."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = login_not_required(pattern.callback)
        else:
            _open_to_tokens(pattern.url_patterns)
    return patterns


_api_patterns, _api_app, _api_namespace = api.urls

urlpatterns = [
    path("api/v1/", include((_open_to_tokens(_api_patterns), _api_app), namespace=_api_namespace)),
    path("healthz", accounts.healthz, name="healthz"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", accounts.account, name="account"),
    path("account/password/", accounts.PasswordChange.as_view(), name="password_change"),
    path("account/verify/", accounts.two_factor_verify, name="two_factor_verify"),
    path("account/tokens/", accounts.api_token_create, name="api_token_create"),
    path("account/tokens/revoke/", accounts.api_token_revoke, name="api_token_revoke"),
    path("admin/", admin.site.urls),
    path("", include("claims.urls")),
]
