"""Running risky work (rendering or parsing a PDF) in a child process under hard limits.

The parent starts ``python -m <module>`` from the project root, feeds it bytes on stdin and
kills it when it overruns the wall-clock limit. The child calls :func:`limit_self` first, so
the kernel stops it when it uses more CPU seconds or address space than allowed: a hostile
document can cost one child, never the web worker that serves the desk.

Used by the fact-sheet PDF export (``claims.exports.pdf``) and by PDF reading at ingest
(``claims.ingest.pdf``). No Django import: the ingest library and both children use it.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class ChildTimeout(RuntimeError):
    """The child ran past its wall-clock limit and was killed."""


def run_child(
    module: str, *, data: bytes, timeout: float, args: Sequence[str] = ()
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m module *args`` with ``data`` on stdin; kill it after ``timeout`` s.

    Returns the finished process (its exit code may be non-zero, or negative when a limit's
    signal ended it). Raises ChildTimeout when the wall-clock limit passed.
    """
    try:
        return subprocess.run(  # noqa: S603 - our own interpreter and module, no shell
            [sys.executable, "-m", module, *args],
            input=data,
            capture_output=True,
            timeout=timeout,
            cwd=PROJECT_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        # subprocess.run has already killed and reaped the child.
        raise ChildTimeout(f"{module} took longer than {timeout:g} s") from None


def cpu_seconds_for(timeout: float) -> int:
    """A CPU limit just above the wall-clock limit, so whichever is hit first stops the work."""
    return max(1, int(timeout) + 1)


def limit_self(*, cpu_seconds: int, memory_bytes: int) -> None:
    """In the child: ask the kernel to stop this process past these CPU and memory limits."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
