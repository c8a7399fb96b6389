"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

They skip, saying why, when no chromium is installed (CI installs the ``chromium`` package).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
# themselves (building data through the services) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _SerialWSGIServer(WSGIServer):
    """The live server answering one request at a time (on SQLite only).

    The SQLite test database lives in memory, so the live server's threads share one
    connection with each other; two requests at once (a page and the htmx request it fires on
    load, such as the unread-notifications count) then misuse it ("bad parameter or other API
    misuse"). Served one at a time, with ``Connection: close``, each request has it alone.
    """

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


if settings.DATABASES["default"]["ENGINE"] in ("django.db.backends.sqlite3", "factdesk.sqlite"):
    LiveServerThread.server_class = _SerialWSGIServer  # type: ignore[assignment]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SKIP_REASON = "no chromium on PATH (Debian/Ubuntu: apt install chromium); browser tests skipped"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1366, "height": 900}}


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def artifacts() -> Iterator[Callable[[str], str]]:
    ARTIFACTS.mkdir(exist_ok=True)

    def path(name: str) -> str:
        return str(ARTIFACTS / name)

    yield path


@pytest.fixture
def csp_violations(context: Any) -> list[str]:
    """What the browser refused under the desk's Content Security Policy, on every page of
    this test's context (chromium reports each refusal on the console). A test ends with
    ``assert csp_violations == []``."""
    seen: list[str] = []

    def on_console(message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            seen.append(text)

    context.on("console", on_console)
    return seen
