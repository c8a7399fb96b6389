"""Command line: ``python -m claims.extraction FILE`` (``-`` for stdin) prints one JSON object per
quantity per line; ``python -m claims.extraction --batch`` reads JSON lines ``{"id", "text"}`` on
stdin and prints ``{"id", "quantities"}`` per input line, in order (each quantity as
:meth:`ExtractedQuantity.to_dict`, with ``change`` and ``from_value``). Every quantity is printed,
whatever its score."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from . import extract


def _dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def run_file(source: TextIO, out: TextIO) -> None:
    for quantity in extract(source.read()):
        out.write(_dump(quantity.to_dict()) + "\n")


def run_batch(source: TextIO, out: TextIO) -> int:
    errors = 0
    for line_no, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item.get("text") if isinstance(item, dict) else None
            if not isinstance(text, str):
                raise ValueError("expected an object with a string 'text'")
        except ValueError as exc:
            sys.stderr.write(f"line {line_no}: {exc}\n")
            errors += 1
            out.write(_dump({"id": None, "quantities": [], "error": str(exc)}) + "\n")
            continue
        quantities = [q.to_dict() for q in extract(text)]
        out.write(_dump({"id": item.get("id"), "quantities": quantities}) + "\n")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m claims.extraction", description="Extract the figures from a text."
    )
    parser.add_argument("file", nargs="?", help="text file to read, or - for stdin")
    parser.add_argument("--batch", action="store_true", help='JSON lines {"id", "text"} on stdin')
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    if args.batch:
        sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        return run_batch(sys.stdin, sys.stdout)
    if not args.file:
        parser.error("give a FILE (or -), or --batch")
    if args.file == "-":
        sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        run_file(sys.stdin, sys.stdout)
    else:
        with open(args.file, encoding="utf-8") as handle:
            run_file(handle, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
