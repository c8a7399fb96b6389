from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from claims.views import accounts

admin.site.site_header = "Factdesk administration"
admin.site.site_title = "Factdesk admin"

urlpatterns = [
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
    path("admin/", admin.site.urls),
    path("", include("claims.urls")),
]
