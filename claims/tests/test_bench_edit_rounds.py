"""bench/edit_rounds.py's verdict: whether edits on a big desk stay within 1.2x of the empty one.

The rounds here are made-up timings (ms), not measurements: the summary must tell a desk that
is clearly slower from one that is as fast, and say "undecided" when the rounds disagree.
"""

from __future__ import annotations

import random

from bench.edit_rounds import summarise


def rounds(median: float, *, n: int = 30, per: int = 10, spread: float = 0.1, seed: int = 1):
    rng = random.Random(seed)  # noqa: S311 (made-up timings, not secrets)
    return [[median * (1 + rng.uniform(-spread, spread)) for _ in range(per)] for _ in range(n)]


def test_a_desk_twice_as_slow_fails_the_limit():
    out = summarise(rounds(6.0, seed=1), rounds(3.0, seed=2), limit=1.2, seed=3)
    assert out["verdict"] == "fails"
    assert 1.8 < out["ratio_p50"] < 2.2
    low, high = out["bootstrap_5_95"]
    assert 1.2 < low <= out["ratio_p50"] <= high
    assert 2.5 < out["gap_p50_ms"] < 3.5


def test_desks_that_edit_alike_hold_the_limit():
    out = summarise(rounds(3.0, seed=4), rounds(3.0, seed=5), limit=1.2, seed=6)
    assert out["verdict"] == "holds"
    low, high = out["bootstrap_5_95"]
    assert low <= 1.0 <= high <= 1.2
    assert out["edits_each"] == 300
    assert out["rounds"] == 30


def test_rounds_that_disagree_leave_it_undecided():
    # Half the rounds find the big desk 1.5x slower, half find it as fast: the pooled ratio
    # lands near the limit and the bootstrap straddles it.
    big = rounds(4.5, n=10, seed=7) + rounds(3.0, n=10, seed=8)
    empty = rounds(3.0, n=20, seed=9)
    rng = random.Random(10)  # noqa: S311
    order = list(range(20))
    rng.shuffle(order)
    out = summarise([big[i] for i in order], [empty[i] for i in order], limit=1.2, seed=11)
    low, high = out["bootstrap_5_95"]
    assert low <= 1.2 < high
    assert out["verdict"] == "undecided"
    q1, q3 = out["per_round_quartiles"]
    assert q1 < 1.1 and q3 > 1.4


def test_a_slow_spell_in_one_round_moves_the_median_ratio_little():
    big = rounds(3.3, seed=12)
    empty = rounds(3.0, seed=13)
    # Both desks' edits in round 5 ran while the machine was busy.
    big[5] = [t * 8 for t in big[5]]
    empty[5] = [t * 8 for t in empty[5]]
    out = summarise(big, empty, limit=1.2, seed=14)
    assert 1.05 < out["ratio_p50"] < 1.15
    assert out["verdict"] == "holds"
    assert out["per_round_range"][1] < 1.3


def test_cpu_gets_its_own_verdict_when_load_flattens_the_wall_times():
    # A busy machine adds 6 ms of waiting to every edit on both desks: the wall ratio looks
    # fine, the CPU the edits cost says the big desk is 1.5x dearer.
    cpu_big, cpu_empty = rounds(3.0, seed=15), rounds(2.0, seed=16)
    wall_big = [[t + 6.0 for t in r] for r in cpu_big]
    wall_empty = [[t + 6.0 for t in r] for r in cpu_empty]
    out = summarise(
        wall_big,
        wall_empty,
        limit=1.2,
        seed=17,
        cpu=(cpu_big, cpu_empty),
        python_cpu=(rounds(1.5, seed=18), rounds(1.5, seed=19)),
        waited=(rounds(6.0, seed=20), rounds(6.0, seed=21)),
    )
    assert out["verdict"] == "holds"
    assert out["cpu"]["verdict"] == "fails"
    assert 1.4 < out["cpu"]["ratio_p50"] < 1.6
    assert 0.8 < out["cpu"]["gap_p50_ms"] < 1.2
    assert 1.3 < out["desk_python_cpu_p50_ms"] < 1.7
    assert 5.4 < out["empty_waited_p50_ms"] < 6.6


def test_without_cpu_figures_only_the_wall_times_are_judged():
    out = summarise(rounds(3.0, seed=22), rounds(3.0, seed=23), limit=1.2, seed=24)
    assert "cpu" not in out
    assert "desk_python_cpu_p50_ms" not in out
