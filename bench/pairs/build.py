"""Write the dev figure pairs: the first hand-written pairs, then the stories of this package.

    python bench/pairs/build.py      # rewrites claims/tests/data/figure_pairs_dev.jsonl

The first 11 pairs (pdev-0001..0011) are kept as they were; the stories add pdev-0012 on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.pairs import stories_1, stories_2, stories_3, stories_4, stories_5  # noqa: E402,F401
from bench.pairs.dsl import FIGURES, PAIRS, REPORTS  # noqa: E402

OUT = ROOT / "claims/tests/data/figure_pairs_dev.jsonl"
FIRST = 11


def side(key: str) -> dict[str, object]:
    rep, figure = FIGURES[key]
    r = REPORTS[rep]
    return {
        "title": r["title"],
        "outlet": r["outlet"],
        "published": r["published"],
        "text": r["text"],
        "figure": figure,
    }


def main() -> None:
    kept = OUT.read_text(encoding="utf-8").splitlines()[:FIRST]
    lines = list(kept)
    for n, p in enumerate(PAIRS, start=FIRST + 1):
        story = REPORTS[FIGURES[p["a"]][0]]["story"]
        row = {
            "id": f"pdev-{n:04d}",
            "split": "dev",
            "story": story,
            "a": side(p["a"]),
            "b": side(p["b"]),
            "label": p["label"],
            "note": p["note"],
        }
        lines.append(json.dumps(row, ensure_ascii=False))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} pairs -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
