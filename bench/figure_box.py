"""How long the value box takes to read what an editor types (claims.figure_input).

    .venv/bin/python bench/figure_box.py [--rounds 2000]

Reads each sample ("3.5 million", "40–50", "1 : 4", a bad entry …) ``--rounds`` times and
prints the median and 99th percentile per reading. The preview endpoint's work beyond this is
one template render; the box is read once more when the form is saved.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.figure_input import FigureInputError, parse_figure

SAMPLES = [
    "650,000",
    "3.5 million",
    "$2.1bn",
    "40–50",
    "about 350",
    "1:4",
    "7–8 : 1",
    "more than 10,000",
    "up to 5,000 convoys",
    "4oo",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    for text in SAMPLES:  # warm up: the extractor's lexicon loads on first use
        with contextlib.suppress(FigureInputError):
            parse_figure(text)
    times: list[float] = []
    for _ in range(args.rounds):
        for text in SAMPLES:
            began = time.perf_counter()
            with contextlib.suppress(FigureInputError):
                parse_figure(text)
            times.append(time.perf_counter() - began)
    times.sort()
    p99 = times[int(len(times) * 0.99)]
    print(
        f"{len(times)} readings of {len(SAMPLES)} samples: median "
        f"{statistics.median(times) * 1e6:.0f} µs, p99 {p99 * 1e6:.0f} µs"
    )


if __name__ == "__main__":
    main()
