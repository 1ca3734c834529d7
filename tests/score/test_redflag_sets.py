"""The detector on the red-flag answer sets written by others (tests/score/data/README.md):
answer-level precision and recall must not slip below what was reached. Every set now trains
the learned classifier (and sets 1, 2 and the tune set were tuned on by hand), so these are
regression checks of behaviour users rely on (a violation in fresh words is caught, a refusal
or a warning is not flagged), not estimates for unseen wording: those are leave-one-writer-out
(test_redflag_learned.py, python -m kaoguan.score.redflag_train)."""

import json
from pathlib import Path

import pytest

from kaoguan.score.redflags import detect_red_flags

DATA = Path(__file__).parent / "data"


def answer_level(path: Path) -> tuple[float, float]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    flagged = [(bool(row["red_flags"]), bool(detect_red_flags(row["text"]))) for row in rows]
    true_positives = sum(gold and found for gold, found in flagged)
    precision = true_positives / max(sum(found for _, found in flagged), 1)
    recall = true_positives / max(sum(gold for gold, _ in flagged), 1)
    return precision, recall


@pytest.mark.parametrize(
    ("name", "min_precision", "min_recall"),
    [("redflag_tune.jsonl", 0.95, 0.80), ("redflag_set1.jsonl", 0.95, 0.88), ("redflag_set2.jsonl", 0.83, 0.94)],
)
def test_tuned_sets_keep_their_precision_and_recall(name, min_precision, min_recall):
    precision, recall = answer_level(DATA / name)
    assert precision >= min_precision and recall >= min_recall, (precision, recall)


@pytest.mark.parametrize(
    ("name", "min_precision", "min_recall"),
    [("redflag_set3.jsonl", 0.85, 0.70), ("redflag_set4.jsonl", 0.80, 0.72),
     ("redflag_train_a.jsonl", 0.78, 0.65), ("redflag_train_b.jsonl", 0.72, 0.70),
     ("redflag_set5.jsonl", 0.80, 0.60), ("redflag_set6.jsonl", 0.75, 0.70),
     ("redflag_train_c.jsonl", 0.85, 0.70), ("redflag_train_d.jsonl", 0.78, 0.65),
     ("redflag_set7.jsonl", 0.74, 0.84), ("redflag_set8.jsonl", 0.76, 0.78),
     ("redflag_train_e.jsonl", 0.80, 0.68), ("redflag_train_f.jsonl", 0.82, 0.76),
     ("redflag_train_g.jsonl", 0.80, 0.62), ("redflag_train_h.jsonl", 0.78, 0.74),
     ("redflag_set9.jsonl", 0.74, 0.88), ("redflag_set10.jsonl", 0.66, 0.72),
     ("redflag_set11.jsonl", 0.78, 0.80), ("redflag_set12.jsonl", 0.78, 0.76),
     ("redflag_set13.jsonl", 0.80, 0.90), ("redflag_set14.jsonl", 0.82, 0.87),
     ("redflag_set15.jsonl", 0.90, 0.84), ("redflag_set16.jsonl", 0.83, 0.81),
     ("redflag_set17.jsonl", 0.74, 0.91), ("redflag_set18.jsonl", 0.84, 0.87),
     ("redflag_set19.jsonl", 0.74, 0.69), ("redflag_set20.jsonl", 0.82, 0.90), ("redflag_set21.jsonl", 0.71, 0.80),
     ("redflag_set22.jsonl", 0.87, 0.76), ("redflag_set23.jsonl", 0.82, 0.90), ("redflag_set24.jsonl", 0.93, 0.92),
     ("redflag_set25.jsonl", 0.78, 0.86), ("redflag_set26.jsonl", 0.82, 0.90), ("redflag_set27.jsonl", 0.77, 0.83),
     ("redflag_set28.jsonl", 0.71, 0.83), ("redflag_set29.jsonl", 0.80, 0.90), ("redflag_set30.jsonl", 0.70, 0.82),
     ("redflag_set31.jsonl", 0.84, 0.70), ("redflag_set32.jsonl", 0.71, 0.58), ("redflag_set33.jsonl", 0.67, 0.83),
     ("redflag_set34.jsonl", 0.76, 0.74), ("redflag_set35.jsonl", 0.75, 0.83), ("redflag_set36.jsonl", 0.93, 0.83),
     ("redflag_set37.jsonl", 0.85, 0.90), ("redflag_set38.jsonl", 0.82, 0.68), ("redflag_set39.jsonl", 0.77, 0.74),
     ("redflag_set40.jsonl", 0.95, 0.90), ("redflag_set41.jsonl", 0.97, 0.87), ("redflag_set42.jsonl", 0.93, 0.81),
     ("redflag_set43.jsonl", 0.92, 0.94), ("redflag_set44.jsonl", 0.97, 0.87), ("redflag_set45.jsonl", 0.88, 0.97),
     ("redflag_set46.jsonl", 0.95, 0.94), ("redflag_set47.jsonl", 0.87, 0.97), ("redflag_set48.jsonl", 0.95, 0.94),
     ("redflag_set49.jsonl", 0.83, 0.91), ("redflag_set50.jsonl", 0.86, 0.87), ("redflag_set51.jsonl", 0.77, 0.84)],
)
def test_the_sets_the_rules_were_not_written_from_keep_their_figures(name, min_precision, min_recall):
    # First runs, before anything learned from them: set 3 P 0.73 R 0.66, set 4 P 0.82 R 0.72,
    # train-a P 0.78 R 0.58, train-b P 0.74 R 0.61, set 5 P 0.88 R 0.66, set 6 P 0.80 R 0.77,
    # train-c P 0.75 R 0.57, train-d P 0.73 R 0.59. The learned classifier is now fitted on all
    # of them, so these are regression checks; the honest figures for a new writer are the
    # leave-one-writer-out ones (python -m kaoguan.score.redflag_train, tests/score/data/README.md,
    # and the held-out checks in test_redflag_learned.py). In-sample when written (session 4):
    # set 3 0.92/0.76, set 4 0.87/0.80, train-a 0.80/0.71, train-b 0.78/0.76, set 5 0.88/0.69,
    # set 6 0.80/0.77, train-c 0.92/0.83, train-d 0.86/0.75. Session 5 added sets 7-10 and
    # corpora E-H, whose first runs were set 7 0.80/0.88, set 8 0.75/0.80, train-e 0.82/0.62,
    # train-f 0.86/0.65 (session-4 final detector), train-g 0.85/0.57, train-h 0.81/0.61, set 9
    # 0.77/0.90, set 10 0.64/0.78 (session-5 detectors), and chose a lower threshold on the
    # leave-one-writer-out figures, with a veto of exemplar flags the classifier finds clean (set 2
    # went 0.89 -> 0.86 in precision). In-sample at the end of session 5: set 7 0.80/0.88, set 8
    # 0.81/0.83, train-e 0.85/0.73, train-f 0.87/0.81, train-g 0.87/0.67, train-h 0.84/0.79,
    # set 9 0.80/0.93, set 10 0.71/0.78; floors a little under. Session 6 narrowed the rules'
    # scope and lowered the threshold; sets 11 and 12, written then, gave 0.82/0.84 and 0.83/0.80
    # on their first run and the same once fitted on. Session 7's sets 13, 14 and 15 gave
    # 0.80/0.90, 0.82/0.87 and 0.93/0.84 on their first runs (the same with the session's starting
    # detector); rules were then written from their errors (0.91/1.00, 0.94/0.97, 0.97/0.97), but
    # the classifier is not fitted on them (tests/score/data/README.md says why). Floors at the
    # first runs. Sets 11 and 12 went to 0.82/0.88 and 0.84/0.87 with those rules. Session 8's sets
    # 16, 17 and 18 gave 0.83/0.81, 0.74/0.91 and 0.84/0.87 on their first runs (the session-7 final
    # detector); scope rules from their errors then gave 0.96/0.87, 0.89/0.97 and 0.94/0.94, and
    # sets 13-15 0.91/1.00, 0.97/0.97 and 0.97/0.97. Sets 19, 20 and 21, written after those rules
    # and measured once with the session's final detector: 0.74/0.70, 0.83/0.91 and 0.71/0.81 (the
    # session-7 final detector gave the same pooled recall, 0.80). Session 9's sets 22, 23 and 24
    # (the session-8 final detector): 0.88/0.77, 0.83/0.91 and 0.94/0.97, pooled 0.88/0.88; scope
    # rules from their errors then gave 0.94/0.97, 0.97/0.97 and 0.97/0.97 in-sample, and caught
    # ten more violations of earlier writers. Sets 25, 26 and 27, written after those rules and
    # measured once: 0.79/0.87, 0.83/0.91 and 0.78/0.83, pooled 0.80/0.87 (the session-8 final
    # detector gave the same: the rules from 22-24 changed nothing on new writers); scope faults
    # their false alarms showed, fixed with tests, then gave 0.84/0.87, 0.85/0.91 and 0.86/0.83.
    # Session 10's sets 28, 29 and 30 (the session-9 final detector): 0.72/0.84, 0.81/0.91 and
    # 0.71/0.83, pooled 0.75/0.86; scope faults from their false alarms (and two cue gaps), fixed
    # with tests, then gave 0.80/0.90, 0.88/0.94 and 0.78/0.83 in-sample. Session 11's sets 31, 32
    # and 33 (the session-10 final detector): 0.85/0.71, 0.72/0.58 and 0.68/0.84, pooled 0.74/0.71;
    # scope faults and plainly worded acts from their errors, fixed with tests, then gave 0.91/0.94,
    # 0.84/0.84 and 0.72/0.90 in-sample. Session 12's sets 34, 35 and 36 (the session-11 final
    # detector): 0.78/0.56, 0.69/0.65 and 0.79/0.74, pooled 0.75/0.65; the learned part then became
    # a network with one hidden layer (redflag_learned.py), fixed on a forward test of sets 31-33
    # before 34-36 were read: 0.77/0.75, 0.76/0.84 and 0.90/0.87 (pooled 0.81/0.82), and 31-33
    # 0.93/0.84, 0.93/0.84, 0.81/0.94. Set 24 lost two answers the linear model had caught
    # (0.93/0.97 -> 0.93/0.93). Session 13's sets 37, 38 and 39 (the session-12 final detector):
    # 0.67/0.90, 0.65/0.65 and 0.67/0.71, pooled 0.66/0.75; the network then became three merged
    # networks fitted also on sets 13-36 (their quoted evidence) and held to a family cue, chosen
    # on sets 31-36 before 37-39 were read: 0.68/0.74, 0.74/0.65 and 0.65/0.65 (pooled 0.69/0.68;
    # refitted by redflag_train --forward 36, 0.69/0.66).
    # Fitted on 37-39 too, in-sample: 0.88/0.94, 0.85/0.71, 0.80/0.77; set 36 0.96/0.84 (one answer
    # fewer caught under the cue). Floors for 34-39 a little under the in-sample figures.
    # Session 14's sets 40, 41 and 42 (the session-13 final detector): 0.78/0.81, 0.80/0.77 and
    # 0.90/0.84, pooled 0.82/0.81. With the scope rules written from their false alarms and the
    # classifier fitted on them, in-sample: 0.97/0.94, 1.00/0.90, 0.96/0.84 (37-39 then 1.00/0.94,
    # 1.00/0.74, 1.00/0.81). Floors for 40-42 a little under. Sets 43-45, written after that fit
    # and kept out of it (first runs, the only figures here for writers the detector never saw):
    # 0.88/0.71, 1.00/0.77, 0.81/0.81, pooled 0.89/0.76. Session 15's sets 46-48 and 49-51 (the
    # session-14 final detector): 0.96/0.84, 0.85/0.74, 1.00/0.77 and 0.84/0.84, 0.90/0.87,
    # 0.92/0.74, pooled 0.91/0.80. The classifier then learned its cue words from the evidence
    # (redflag_train.learn_cues) and was fitted on 43-48 too; in-sample 43-48: 0.94/0.97,
    # 1.00/0.90, 0.91/1.00, 0.97/0.97, 0.89/1.00, 0.97/0.97. Sets 49-51, kept out of the fit
    # and read only after it, on their first run with it: 0.85/0.94, 0.88/0.90, 0.79/0.87, pooled
    # 0.84/0.90. Floors a little under.
    # Floors at the first runs.
    precision, recall = answer_level(DATA / name)
    assert precision >= min_precision and recall >= min_recall, (precision, recall)


def test_hard_negatives_are_not_flagged():
    rows = [json.loads(line) for name in ("redflag_set1.jsonl", "redflag_set2.jsonl")
            for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    hard = [row for row in rows if row["hard_negative"]]
    flagged = [row["id"] for row in hard if detect_red_flags(row["text"])]
    # 44 of 49 stay clean when written (session 4).
    assert len(hard) >= 40 and len(flagged) <= 5, flagged


def test_hard_negatives_of_every_writer_mostly_stay_clean():
    # Every answer file in data/ (sixty files, 1,288 hard negatives). At the end of session 4,
    # 68 of 397 were flagged. Session 5 added 113 (corpora G, H, sets 9, 10: 25 of them flagged on
    # their first runs), lowered the learned threshold for recall (103 of 510 flagged) and let the
    # classifier veto exemplar flags whose evidence it finds clean: 88 of 510 at the end of session
    # 5 (17%: the precision problem the README names). Session 6 narrowed the rules' scope, lowered
    # the threshold again and added sets 11 and 12 (37 hard negatives): 84 of 547 (15%). Session 7
    # added sets 13-15 (54) and scope rules from their false alarms: 84 of 601 (14%); session 8 sets
    # 16-18 (60) and scope rules from theirs: 81 of 661 (12%); sets 19-21 (56) on their first run
    # added 14: 95 of 717 (13%); session 9's sets 22-24 (56) and scope rules from their false
    # alarms: 95 of 773 (12%); sets 25-27 (57) on their first run added 12: 107 of 830 (13%), and
    # 102 after scope rules from their false alarms; session 10's sets 28-30 (56) on their first run
    # added 15: 117 of 886 (13%), and 108 after scope rules from their false alarms; session 11's
    # sets 31-33 (57) on their first run added 13: 121 of 943, and 118 after its rules. Session 12's
    # network in place of the linear model: 60 of 943 (it fits the fitted writers' hard negatives
    # more closely), then sets 34-36 (57) added 12 on their first run: 72 of 1,000. Session 13's
    # sets 37-39 (57) added 18 on their first run (90 of 1,057); the ensemble fitted on sets 13-39
    # and held to a family cue: 52 of 1,057. Session 14's scope rules from sets 37-39, then sets
    # 40-42 (57) on their first run (8 flagged by the session-13 detector) and the refit on them:
    # 41 of 1,114; sets 43-45 (57, not fitted on) add 7 on their first run: 48 of 1,171. Session
    # 15's sets 46-51 (117) add 12 on their first run (60 of 1,288); the cue words learned from
    # the evidence and the refit on 43-48 then give 66 of 1,288 (11 of them in sets 49-51, not
    # fitted on): recall on new writers bought with a few more refusals flagged. The bound is that
    # count plus about 10% for refits moving borderline answers.
    rows = [json.loads(line) for path in sorted(DATA.glob("redflag_*.jsonl")) if "clauses" not in path.name
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    hard = [row for row in rows if row["hard_negative"]]
    flagged = [row["id"] for row in hard if detect_red_flags(row["text"])]
    assert len(hard) >= 1288 and len(flagged) <= 72, (len(flagged), flagged)
