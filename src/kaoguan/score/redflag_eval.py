"""Answer-level precision and recall of the red-flag detector, printed (not asserted).

    python -m kaoguan.score.redflag_eval [--tune PATH.jsonl] [--sweep]

- dev-answers (../shared/data/dev-answers): the full detector, the detector without its
  learned classifier (redflag_learned.py; fitted on every set, so in-sample here — its honest
  figures are leave-one-writer-out, `python -m kaoguan.score.redflag_train`), and the semantic fallback
  alone (regexes off: the regexes were written with these answers in view, so the
  fallback alone is the honest proxy for unseen wording);
- a tuning file of JSON lines {id, question, text, red_flags, families, hard_negative}
  when given: the same two figures, misses per family and false alarms on hard negatives.
`--sweep` also prints the figures over a range of semantic margins.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kaoguan.score.redflags import SEMANTIC_MARGIN, detect_red_flags

DEV_ANSWERS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "dev-answers" / "answers.jsonl"


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    flagged: bool  # by the rater
    families: tuple[str, ...] = ()
    hard_negative: bool = False


def load_dev(path: Path = DEV_ANSWERS) -> list[Case]:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Case(r["answer_id"], r["text"], bool(r["red_flags"])) for r in rows]


def load_tune(path: Path) -> list[Case]:
    cases = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            cases.append(
                Case(
                    str(r.get("id", n)),
                    r["text"],
                    bool(r.get("red_flags")),
                    tuple(r.get("families") or ()),
                    bool(r.get("hard_negative")),
                )
            )
        except (json.JSONDecodeError, KeyError) as error:
            raise SystemExit(f"{path}:{n}: not a tuning case ({error})") from error
    return cases


@dataclass
class Result:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, found: bool) -> None:
        if gold and found:
            self.tp += 1
        elif found:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def __str__(self) -> str:
        return f"P={self.precision:.2f} R={self.recall:.2f} (tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"


def evaluate(cases: list[Case], **options) -> tuple[Result, list[tuple[Case, list]]]:
    """Answer-level confusion counts, and each case with the flags found."""
    result, details = Result(), []
    for case in cases:
        flags = detect_red_flags(case.text, **options)
        result.add(case.flagged, bool(flags))
        details.append((case, flags))
    return result, details


def _report(name: str, cases: list[Case], sweep: bool, verbose: bool) -> None:
    full, details = evaluate(cases)
    semantic_only, semantic_details = evaluate(cases, patterns=False)
    without_learned, _ = evaluate(cases, learned=False)
    print(f"{name}: {len(cases)} answers, {sum(c.flagged for c in cases)} with red flags")
    print(f"  full detector      {full}")
    print(f"  without learned    {without_learned}")
    print(f"  semantic only      {semantic_only}   (margin {SEMANTIC_MARGIN})")
    misses = Counter(f for case, flags in details if case.flagged and not flags for f in case.families or ("?",))
    if any(c.families for c in cases):
        print("  missed by family   " + (", ".join(f"{k} {v}" for k, v in misses.most_common()) or "none"))
    hard = [(c, f) for c, f in details if c.hard_negative]
    if hard:
        print(f"  hard negatives flagged: {sum(bool(f) for _, f in hard)}/{len(hard)}")
    if verbose:
        for case, flags in details:
            if bool(flags) != case.flagged:
                kind = "FP" if flags else "FN"
                shown = "; ".join(f"{f.code}: {f.evidence}" for f in flags) or "/".join(case.families)
                print(f"    {kind} {case.id}: {shown} | {case.text[:70]}")
        for case, flags in semantic_details:
            if flags and not case.flagged:
                print(f"    semantic FP {case.id}: " + "; ".join(f"{f.code}: {f.evidence}" for f in flags))
    if sweep:
        for margin in (0.06, 0.08, 0.10, 0.12, 0.14, 0.16):
            print(f"  margin {margin:.2f}: full {evaluate(cases, margin=margin)[0]}   "
                  f"semantic only {evaluate(cases, patterns=False, margin=margin)[0]}")


def time_per_answer(cases: list[Case], **options) -> float:
    """Milliseconds per answer of the detector, semantic units computed afresh (cache cleared)."""
    import time

    from kaoguan.score.redflags import _semantic_units

    detect_red_flags(cases[0].text, **options)  # load the encoder and the models
    _semantic_units.cache_clear()
    start = time.perf_counter()
    for case in cases:
        detect_red_flags(case.text, **options)
    return (time.perf_counter() - start) * 1000 / len(cases)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=DEV_ANSWERS)
    parser.add_argument("--tune", type=Path)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each disagreement")
    parser.add_argument("--time", action="store_true", help="print the detector's cost per answer")
    args = parser.parse_args(argv)
    if args.time:
        cases = load_dev(args.dev)
        for name, options in (("without the learned part", {"learned": False}), ("full detector", {})):
            print(f"{name}: {time_per_answer(cases, **options):.1f} ms/answer over {len(cases)} dev answers")
        return
    _report("dev-answers", load_dev(args.dev), args.sweep, args.verbose)
    if args.tune:
        _report(str(args.tune), load_tune(args.tune), args.sweep, args.verbose)


if __name__ == "__main__":
    main()
