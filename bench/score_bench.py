"""Scoring speed and memory, per mode, on the dev-answers set.

    .venv/bin/python bench/score_bench.py [--repeat N]

Each mode runs in its own process so its peak memory (max RSS) is its own. Figures:
model load time, batch throughput (score_many over all answers, key-point vectors
already cached as they are for a loaded bank), single-answer latency (score() one at a
time, median and 95th percentile), and peak RSS. Every timed answer is scored as if for the
first time: the scorer's per-text memo caches (functools caches in kaoguan.score, e.g. the
red-flag detector's encoded clauses) are emptied before each timed batch and each single
answer, since the same 120 answers are scored again and again here but a candidate's answer
is scored once (--warm keeps them, to see what they hide). Batch throughput is also given per
CPU-second, a figure that other work on the machine disturbs less than wall time. Timings depend on the machine's load:
this repository's runs share 2 cores with other work, so repeat when numbers look odd.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

from kaoguan.score.calibrate import DEFAULT_DEV_DIR


def forget_answers() -> None:
    """Empty the bounded functools caches of the loaded kaoguan.score modules: memos keyed by
    text (lru_cache(maxsize=N)). Unbounded or single-entry ones (@functools.cache, a loader's
    lru_cache(1)) hold per-process things such as models and are kept, and so are key-point
    vectors: they are cached per bank by design, not per answer."""
    for name, module in list(sys.modules.items()):
        if name.startswith("kaoguan.score"):
            for value in list(vars(module).values()):
                parameters = getattr(value, "cache_parameters", None)  # functools' caches have it
                if callable(parameters) and (parameters()["maxsize"] or 0) > 1:
                    value.cache_clear()


def measure(mode: str, repeat: int, warm: bool = False) -> dict[str, float]:
    from kaoguan.score import Scorer
    from kaoguan.score.devset import load_dev_set

    bank, rated = load_dev_set(DEFAULT_DEV_DIR)
    pairs = [(bank.question(r.question_id), r.text, r.answer_id) for r in rated]
    scorer = Scorer(mode=mode)

    start = time.perf_counter()
    scorer.score_many(pairs[:1])  # loads jieba, OpenCC and the model(s)
    load_s = time.perf_counter() - start
    scorer.score_many(pairs)  # caches every question's key-point vectors, as a loaded bank would

    batch_rates, cpu_rates = [], []
    for _ in range(repeat):
        if not warm:
            forget_answers()
        start, cpu_start = time.perf_counter(), time.process_time()
        scorer.score_many(pairs)
        batch_rates.append(len(pairs) / (time.perf_counter() - start))
        # CPU seconds (all threads of this process): less sensitive than wall time to
        # other work on the machine; on an idle machine wall ≈ CPU / threads used.
        cpu_rates.append(len(pairs) / (time.process_time() - cpu_start))

    latencies = []
    for question, text, answer_id in pairs:
        if not warm:
            forget_answers()
        start = time.perf_counter()
        scorer.score(question, text, answer_id)
        latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    return {
        "load_s": load_s,
        "batch_answers_per_s": statistics.median(batch_rates),
        "batch_answers_per_cpu_s": statistics.median(cpu_rates),
        "single_ms_median": statistics.median(latencies),
        "single_ms_p95": latencies[int(0.95 * (len(latencies) - 1))],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "answers": len(pairs),
        "mean_chars": statistics.mean(len(t) for _, t, _ in pairs),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warm", action="store_true", help="keep per-answer caches between timed runs")
    parser.add_argument("--mode", help=argparse.SUPPRESS)  # internal: run one mode and print JSON
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(measure(args.mode, args.repeat, args.warm)))
        return 0
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}, per-answer caches {'kept' if args.warm else 'emptied'}")
    for mode in ("accurate", "fast"):
        run = subprocess.run(
            [sys.executable, __file__, "--mode", mode, "--repeat", str(args.repeat)] + (["--warm"] if args.warm else []),
            capture_output=True, text=True, check=True,
        )
        figures = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"(load average now {os.getloadavg()[0]:.2f})")
        print(
            f"{mode:9s} load {figures['load_s']:.2f} s | batch {figures['batch_answers_per_s']:.1f} answers/s "
            f"({figures['batch_answers_per_cpu_s']:.1f} per CPU-second) | single median {figures['single_ms_median']:.0f} ms, p95 {figures['single_ms_p95']:.0f} ms "
            f"| peak RSS {figures['peak_rss_mb']:.0f} MB | {figures['answers']} answers, mean {figures['mean_chars']:.0f} chars"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
