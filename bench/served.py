"""The desk served as it is deployed, for bench/scale.py ``--gunicorn``.

Starts gunicorn with the project's configuration (the Dockerfile's and docker-compose's
command: ``factdesk.wsgi:application``, 3 workers, ``--timeout 60``, DEBUG off, tasks on the
database backend) bound to 127.0.0.1 on a free port, and one task worker
(``manage.py db_worker``, as the compose file's ``worker``) for the big exports. Requests go
over one keep-alive HTTP connection on loopback with the bench editor's session cookie. Both
processes are stopped when the ``with`` block ends, whatever happens in it, and are started
with a deadline: a bench that hangs is killed by its own timeout, never left running.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 3
TIMEOUT = 60  # gunicorn's --timeout in the Dockerfile and docker-compose.yml
EXPORT_WAIT = 240.0  # seconds an export may take in the task worker before the bench gives up


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    port: int
    session: str
    server: subprocess.Popen[bytes]
    worker: subprocess.Popen[bytes]
    csrf: str = ""
    conn: http.client.HTTPConnection | None = None
    log: Path = field(default_factory=lambda: Path("/dev/null"))

    # --- HTTP ---------------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT + 10)
        return self.conn

    def request(
        self,
        method: str,
        path: str,
        params: dict[str, str] | None = None,
        *,
        body: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], int]:
        """Status, headers (lower-case names) and body size; the body is read to the end."""
        url = path + (f"?{urlencode(params)}" if params else "")
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "Cookie": f"sessionid={self.session}"
            + (f"; csrftoken={self.csrf}" if self.csrf else ""),
            **(headers or {}),
        }
        data = None
        if body is not None:
            data = urlencode(body).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["X-CSRFToken"] = self.csrf
            sent["Origin"] = f"http://127.0.0.1:{self.port}"
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, url, body=data, headers=sent)
                response = conn.getresponse()
                size = 0
                while chunk := response.read(1 << 16):
                    size += len(chunk)
                got = {k.lower(): v for k, v in response.getheaders()}
                if got.get("connection", "").lower() == "close":
                    self.close()
                return response.status, got, size
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def get(
        self, path: str, params: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], int]:
        return self.request("GET", path, params)

    def warm(self, path: str, params: dict[str, str] | None = None) -> None:
        """The page on every worker at once (a sync worker takes one request at a time, so
        ``WORKERS`` requests in flight reach them all), twice: no timed sample then pays a
        worker's first request for the page (its templates compiled, its queries planned),
        which one sequential warm-up, served by whichever worker was free, left to chance."""
        url = path + (f"?{urlencode(params)}" if params else "")
        headers = {"Host": f"127.0.0.1:{self.port}", "Cookie": f"sessionid={self.session}"}

        def one(_: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT + 10)
            try:
                conn.request("GET", url, headers=headers)
                conn.getresponse().read()
            finally:
                conn.close()

        with ThreadPoolExecutor(WORKERS) as pool:
            for _round in range(2):
                list(pool.map(one, range(WORKERS)))

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def learn_csrf(self) -> None:
        """The CSRF cookie a page sets, for the POSTs (sent back as cookie and header)."""
        self.close()
        conn = self._connection()
        conn.request(
            "GET",
            "/claims/",
            headers={"Host": f"127.0.0.1:{self.port}", "Cookie": f"sessionid={self.session}"},
        )
        response = conn.getresponse()
        response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("csrftoken="):
                self.csrf = value.split(";", 1)[0].split("=", 1)[1]
        self.close()

    def export(self, path: str, params: dict[str, str]) -> tuple[int, int]:
        """An export as a user gets it: streamed, or (a big one) its status page, polled
        until the task worker has written the file, then the download. Status and bytes."""
        status, headers, size = self.get(path, params)
        if status != 303:
            return status, size
        location = headers["location"]
        pk = location.rstrip("/").rsplit("/", 1)[-1]
        deadline = time.monotonic() + EXPORT_WAIT
        while time.monotonic() < deadline:
            status, _headers, size = self.get(f"/exports/{pk}/download/")
            if status != 409:
                return status, size
            if self.server.poll() is not None or self.worker.poll() is not None:
                raise SystemExit("gunicorn or the task worker stopped during an export")
            time.sleep(0.25)
        raise SystemExit(f"export {pk} not ready after {EXPORT_WAIT:.0f} s")

    # --- memory -------------------------------------------------------------------------

    def worker_memory_mb(self) -> dict[str, float]:
        """Resident and peak resident memory (VmRSS, VmHWM) of the biggest gunicorn worker."""
        rss = hwm = 0.0
        for pid in _children(self.server.pid):
            status = _proc_status(pid)
            rss = max(rss, status.get("VmRSS", 0.0))
            hwm = max(hwm, status.get("VmHWM", 0.0))
        return {"rss_mb": round(rss / 1024, 1), "hwm_mb": round(hwm / 1024, 1)}

    def task_worker_memory_mb(self) -> dict[str, float]:
        status = _proc_status(self.worker.pid)
        return {
            "rss_mb": round(status.get("VmRSS", 0.0) / 1024, 1),
            "hwm_mb": round(status.get("VmHWM", 0.0) / 1024, 1),
        }


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _proc_status(pid: int) -> dict[str, float]:
    out: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            m = re.match(r"(Vm\w+):\s+(\d+) kB", line)
            if m:
                out[m.group(1)] = float(m.group(2))
    except OSError:
        pass
    return out


def _environment(database_url: str, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "factdesk.settings",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            # Plain HTTP on loopback, as docker-compose.yml serves it without a TLS proxy.
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "BEHIND_TLS_PROXY": "0",
        }
    )
    # The session the bench makes is signed with this process's SECRET_KEY: share it.
    env["SECRET_KEY"] = os.environ["SECRET_KEY"]
    return env


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def serve(database_url: str, session: str, *, log_dir: Path) -> Iterator[Served]:
    """gunicorn and a task worker on 127.0.0.1 for the ``with`` block; stopped after it."""
    port = free_port()
    env = _environment(database_url, port)
    log_dir.mkdir(parents=True, exist_ok=True)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server_log = (log_dir / "gunicorn.log").open("wb")
    worker_log = (log_dir / "db_worker.log").open("wb")
    server = subprocess.Popen(  # noqa: S603 (our own server, on loopback)
        [
            str(gunicorn),
            "factdesk.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            str(TIMEOUT),
        ],
        cwd=ROOT,
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "default",
            "--interval",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    served = Served(port=port, session=session, server=server, worker=worker, log=log_dir)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn did not start: see {log_dir / 'gunicorn.log'}")
            try:
                status, _h, _s = served.get("/healthz")
                if status == 200 and len(_children(server.pid)) >= WORKERS:
                    break
            except OSError:
                served.close()
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.3)
        served.learn_csrf()
        for _ in range(WORKERS * 2):  # every worker loads the desk once before timing
            served.close()
            served.get("/claims/")
        yield served
    finally:
        served.close()
        _stop(server)
        _stop(worker)
        server_log.close()
        worker_log.close()


def describe(served: Served) -> dict[str, Any]:
    return {"port": served.port, "workers": WORKERS, "timeout": TIMEOUT, "logs": str(served.log)}
