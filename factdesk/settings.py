"""Factdesk settings, read from the environment.

Every setting that differs between a laptop and production comes from an environment variable
(or, for secrets, from a file named by ``NAME_FILE``). The defaults give a working development
desk on SQLite under ``var/``; production sets ``DEBUG=0``, ``SECRET_KEY``, ``DATABASE_URL``,
``ALLOWED_HOSTS`` and ``CSRF_TRUSTED_ORIGINS``. See the configuration table in README.md.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envstr(name: str, default: str = "") -> str:
    """A string from the environment; ``NAME_FILE`` (a path) wins over ``NAME``."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("FACTDESK_VAR_DIR") or BASE_DIR / "var")

# Development defaults to DEBUG on (like healthchecks); the Dockerfile and every production
# recipe set DEBUG=0, and `check --deploy` fails loudly if DEBUG is left on there.
DEBUG = envbool("DEBUG", True)


def _secret_key() -> str:
    key = envstr("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Factdesk refuses to start without one: "
            "set SECRET_KEY (or SECRET_KEY_FILE) to a long random string."
        )
    # Development: generate one key, once, and keep it so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_NAME = envstr("SITE_NAME", "Factdesk")
# Behind the documented TLS proxy: trust its X-Forwarded-Proto (with DEBUG off) and take the
# client's address for login throttling from the entry it appends to X-Forwarded-For. Off, no
# forwarding header is trusted (anyone could send one).
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", False)
# The organisation named as author in exports such as schema.org ClaimReview, and the public
# address of the desk's published fact sheets (ClaimReview "url"; left out when empty).
DESK_ORGANISATION = envstr("DESK_ORGANISATION", "Factdesk demo desk")
DESK_PUBLIC_URL = envstr("DESK_PUBLIC_URL")
# A write sent again with the same request key (a retry after a lost answer) is answered with
# the first outcome for this many hours instead of being applied twice.
REQUEST_KEY_HOURS = envint("REQUEST_KEY_HOURS", 24)
# Requests per API token (or session user) per minute; 0 turns throttling off.
API_RATE_PER_MINUTE = envint("API_RATE_PER_MINUTE", 600)
# PDF fact sheets render in a child process that is stopped after this many seconds.
FACTSHEET_PDF_TIMEOUT = envint("FACTSHEET_PDF_TIMEOUT", 60)
# Where the worker keeps each published version's PDF (rendered once, served from here).
FACTSHEET_PDF_DIR = Path(envstr("FACTSHEET_PDF_DIR") or VAR_DIR / "factsheet-pdfs")
# The key that signs audit checkpoints (manage.py audit_checkpoint) and checks them
# (verify_audit). Kept in the environment or a file, never in the database, so whoever can
# rewrite the database cannot re-sign a rewritten history. Empty: no checkpoints.
AUDIT_CHECKPOINT_KEY = envstr("AUDIT_CHECKPOINT_KEY")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "ninja",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "claims.middleware.AuditChannelMiddleware",
    # A session that owes its second factor reaches only the page that takes it.
    "claims.twofactor.TwoFactorGate",
    "claims.middleware.DeskRoleMiddleware",
    "claims.middleware.NoStoreMiddleware",
    "claims.middleware.BidiNeutralMiddleware",
    # Axes goes last so it sees the outcome of the authentication above.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factdesk.urls"
WSGI_APPLICATION = "factdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "claims.context_processors.desk",
            ],
        },
    },
]

# Widgets render through Django's templates, but for the common ones written in Python with
# the same HTML (claims/form_renderer.py): a filter form's selects cost a fifth of the page.
FORM_RENDERER = "claims.form_renderer.FastWidgetRenderer"

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL picks the database: sqlite:///path or postgres://user@host:5432/name.
# Without it Factdesk uses an embedded SQLite file under var/ so a newcomer installs nothing.
_default_sqlite = f"sqlite:///{VAR_DIR / 'factdesk.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", _default_sqlite),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, plus ANALYZE when a closing connection finds the claims table without
    # statistics or tenfold bigger than when they were taken (factdesk/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "factdesk.sqlite"
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE avoids "database is locked" when two writers upgrade a read lock at once.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# --- Background tasks -----------------------------------------------------------------------
# The embedded default runs tasks inline. Production and docker compose use the database
# queue of django-tasks-db, drained by `python manage.py db_worker`.
# "background" is for work too long to run inside a request even with the embedded default
# (extracting a large report): always the database queue, drained beside runserver by the
# worker `make run` starts (`python manage.py db_worker --backend background`). When the
# default backend is a real queue already, everything goes there instead.
TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"),
    },
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# --- Accounts -------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Two-factor authentication (TOTP, django-otp): optional for editors and admins; with
# OTP_REQUIRED_FOR_ADMINS=1 every admin must turn it on before using the desk.
OTP_REQUIRED_FOR_ADMINS = envbool("OTP_REQUIRED_FOR_ADMINS", False)
OTP_TOTP_ISSUER = SITE_NAME
LOGIN_REDIRECT_URL = "claims:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Failed logins are throttled per username *and* address, with a cool-off, so a stranger
# cannot lock an editor out for good by mistyping their name from elsewhere.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Failures while locked out do not restart the cool-off (axes' default does), so nobody can
# keep an editor locked out by retrying; the lockout page says when to try again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "claims.views.accounts.locked_out"
# The client's address: REMOTE_ADDR, or behind the TLS proxy the address the proxy appended
# to X-Forwarded-For (see claims.views.accounts.client_ip_address).
AXES_CLIENT_IP_CALLABLE = "claims.views.accounts.client_ip_address"
AXES_VERBOSE = False

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or envbool("FACTDESK_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Ingest ---------------------------------------------------------------------------------
INGEST_MAX_BYTES = envint("INGEST_MAX_BYTES", 10 * 1024 * 1024)
INGEST_ALLOWED_PORTS = [int(p) for p in envlist("INGEST_ALLOWED_PORTS", "80,443")]
INGEST_CONNECT_TIMEOUT = envint("INGEST_CONNECT_TIMEOUT", 10)
INGEST_TOTAL_TIMEOUT = envint("INGEST_TOTAL_TIMEOUT", 20)
# PDFs are read in a child process, stopped past this many seconds or megabytes of memory.
INGEST_PDF_TIMEOUT = envint("INGEST_PDF_TIMEOUT", 8)
INGEST_PDF_MEMORY_MB = envint("INGEST_PDF_MEMORY_MB", 1024)
# Only tests turn these on; production never fetches loopback or private addresses, and the
# list of exact addresses treated as public is deliberately not read from the environment.
INGEST_ALLOW_LOOPBACK = envbool("INGEST_ALLOW_LOOPBACK", False)
INGEST_TEST_ALLOWED_ADDRESSES: list[str] = []
# Extraction: at most this many candidate claims per report (the most claim-worthy figures);
# reports longer than this many characters are extracted in the background, never inline.
EXTRACTION_MAX_CANDIDATES = envint("EXTRACTION_MAX_CANDIDATES", 500)
EXTRACTION_INLINE_MAX_CHARS = envint("EXTRACTION_INLINE_MAX_CHARS", 50_000)

# --- Watched feeds and webhooks (claims/services/feeds.py, claims/services/watch.py) ------------
# `manage.py feeds poll --loop` polls due feeds every FEED_POLL_SECONDS (the compose `feeds`
# service). A feed failing FEED_FAILING_AFTER times in a row is shown as failing; each failure
# doubles its wait, up to FEED_MAX_BACKOFF_HOURS.
FEED_POLL_SECONDS = envint("FEED_POLL_SECONDS", 60)
FEED_FAILING_AFTER = envint("FEED_FAILING_AFTER", 3)
FEED_MAX_BACKOFF_HOURS = envint("FEED_MAX_BACKOFF_HOURS", 24)
FEED_MAX_NEW_ITEMS = envint("FEED_MAX_NEW_ITEMS", 50)
# A webhook delivery is tried WEBHOOK_MAX_ATTEMPTS times, waiting WEBHOOK_RETRY_SECONDS,
# then twice, four times… as long between tries.
WEBHOOK_MAX_ATTEMPTS = envint("WEBHOOK_MAX_ATTEMPTS", 6)
WEBHOOK_RETRY_SECONDS = envint("WEBHOOK_RETRY_SECONDS", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz answers load balancers over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for HSTS preload. Preloading is a one-way commitment that the
    # operator must make for the whole domain; it stays opt-in (SECURE_HSTS_PRELOAD=1).
    "security.W021",
]

# Strict Content Security Policy: scripts only from our origin with the per-request nonce,
# no inline styles or eval; htmx is configured to match (see templates/base.html).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
