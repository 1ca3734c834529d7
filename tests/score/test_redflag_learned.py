"""The learned red-flag classifier (redflag_learned.py, fitted by redflag_train.py).

The held-out checks fit the classifier without one writer's data, exactly as
`python -m kaoguan.score.redflag_train` does for its leave-one-writer-out figures, and score
that writer's answers: with the classifier alone (regexes and exemplars off) and with the
whole detector. Set 5 (no quoted evidence: its own flagged answers would train by multiple-
instance learning) and train-d were chosen. Figures (session 5, nineteen writers, the
exemplar veto in the whole detector): classifier alone set 5 19 of 32 caught with 1 false
alarm, train-d 35 of 56 with 2; whole detector set 5 P 0.87 R 0.81, train-d P 0.84 R 0.73. The
catch bounds sit a third below and the recall bounds a fifth below, so they fail when learning
breaks (labels misread, evidence not found, features misaligned, gates lost), not on a refit's
noise. The bounds were set for session 5's softmax regression; session 12's network (one hidden
layer) and session 13's (three such networks merged; the folds here fit one, for time) are held to
the same ones. Unit vectors are cached in pytest's cache directory: the first run encodes ~80,000
training units.
"""

from dataclasses import replace
from importlib import resources

import numpy as np
import pytest

from kaoguan.score import redflag_learned, redflag_train
from kaoguan.score.redflag_learned import MODEL_FILE, LearnedModel, model_meta, shipped_model
from kaoguan.score.redflag_train import (
    L2,
    answer_signals,
    best_learned,
    data_digest,
    encode_units,
    exemplar_support,
    sparse_features,
    fold_model,
    load_answers,
    merge_networks,
    training_units,
)
from kaoguan.score.redflags import detect_red_flags


def test_the_shipped_model_was_fitted_on_the_data_in_the_repository():
    # Change a training file or an exemplar and this fails until the model is refitted
    # (python -m kaoguan.score.redflag_train --write).
    meta = model_meta(resources.files("kaoguan.score").joinpath(MODEL_FILE).read_bytes())
    assert meta["data_sha256"] == data_digest()


def test_the_shipped_model_carries_the_setting_the_trainer_chose():
    # The thresholds and the veto live in redflag_train.py (chosen on the LOWO figures) and are
    # written into the model by --write: a setting changed without refitting would ship the old one.
    model = shipped_model()
    setting = (model.require_cue, model.threshold, model.strong_threshold, model.exemplar_veto)
    assert setting == (redflag_train.CUE_MODE, redflag_train.THRESHOLD, redflag_train.STRONG_THRESHOLD, redflag_train.EXEMPLAR_VETO)


def test_the_shipped_model_is_the_trainers_ensemble_of_networks():
    model = shipped_model()
    assert model.weights.shape[0] == redflag_train.HIDDEN * redflag_train.ENSEMBLE
    assert model_meta(resources.files("kaoguan.score").joinpath(MODEL_FILE).read_bytes())["ensemble"] == redflag_train.ENSEMBLE


def test_merged_networks_compute_the_mean_of_their_members_logits():
    # The shipped model is several networks merged into one (redflag_train.merge_networks): a
    # wrong merge would silently ship a different classifier from the one measured.
    rng = np.random.default_rng(1)
    members = [
        [rng.standard_normal((4, 3)), rng.standard_normal((5, 3)), rng.standard_normal(3),
         rng.standard_normal((3, 2)), rng.standard_normal(2)]
        for _ in range(3)
    ]
    vectors, ngrams = rng.standard_normal((6, 4)), rng.standard_normal((6, 5))

    def logits(params):
        vector_weights, ngram_weights, hidden_bias, out_weights, out_bias = params
        return np.maximum(vectors @ vector_weights + ngrams @ ngram_weights + hidden_bias, 0) @ out_weights + out_bias

    expected = np.mean([logits(member) for member in members], axis=0)
    np.testing.assert_allclose(logits(merge_networks(members)), expected, rtol=1e-6, atol=1e-9)


def test_the_learned_part_adds_flags_and_quotes_the_answer():
    # Leaking another customer's details in words neither the patterns nor the exemplars
    # know: only the learned part catches it, and it quotes the candidate's own clause.
    text = "我把另一位客户的手机号和住址直接发给了他，反正他们认识。"
    assert detect_red_flags(text, learned=False) == []
    flags = detect_red_flags(text)
    assert [flag.code for flag in flags] == ["privacy_leak"]
    assert flags[0].evidence == "我把另一位客户的手机号和住址直接发给了他"


def test_the_learned_part_never_removes_what_the_regexes_found():
    text = "客户说怕亏，我就跟他讲这款保本保收益，稳赚不赔，您放心放着。"
    by_regexes = detect_red_flags(text, semantic=False)
    assert by_regexes  # the regexes catch this one
    assert {f.code for f in by_regexes} <= {f.code for f in detect_red_flags(text)}


def test_the_exemplar_veto_drops_exemplar_flags_whose_evidence_the_classifier_finds_clean(monkeypatch):
    # Only the exemplar fallback catches this one. The learned part's own additions are switched
    # off (thresholds above 1) to see the veto alone: above every probability it drops the
    # exemplar's flag, at 0 it keeps it.
    text = "他再吵我就不搭理他了"
    assert detect_red_flags(text, semantic=False) == []
    assert [f.code for f in detect_red_flags(text, learned=False)] == ["hostile"]
    model = shipped_model()
    assert 0 < model.exemplar_veto < 0.5
    quiet = replace(model, threshold=2.0, strong_threshold=2.0)
    monkeypatch.setattr(redflag_learned, "_model", replace(quiet, exemplar_veto=1.01))
    assert detect_red_flags(text) == []
    monkeypatch.setattr(redflag_learned, "_model", replace(quiet, exemplar_veto=0.0))
    assert [f.code for f in detect_red_flags(text)] == ["hostile"]


@pytest.mark.parametrize(
    ("text", "code", "evidence"),
    [
        # a fixer recommended (reported as rule_bypass), a grace period granted by a note in the system:
        # the classifier scores both between its thresholds, and no hand-written cue names them
        ("我认识一个朋友专门做这个，可以帮您把记录处理掉。", "rule_bypass", "我认识一个朋友专门做这个"),
        ("没事，我在系统里给您标注一下，下个月再还也行。", "beyond_authority", "我在系统里给您标注一下"),
    ],
)
def test_learned_cue_words_let_the_classifier_flag_what_no_hand_written_cue_names(monkeypatch, text, code, evidence):
    assert [(f.code, f.evidence) for f in detect_red_flags(text)] == [(code, evidence)]
    # the same model without its learned words drops them
    monkeypatch.setattr(redflag_learned, "_model", replace(shipped_model(), cues={}))
    assert detect_red_flags(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # refusals and warnings of what the classifier would otherwise score as a violation
        "我绝不会跟客户说年化四个多点是跑不掉的，收益要以实际净值为准。",
        "赔偿这块我现在没办法直接答应您，我会记录下来上报主管，两个工作日内回复您。",
        "我会提醒客户，任何人让他把短信验证码念出来都是诈骗，千万不要说。",
    ],
)
def test_refusals_stay_clean_with_the_learned_part(text):
    assert detect_red_flags(text, patterns=False, exemplars=False) == []


def test_model_probabilities_are_a_distribution_over_its_classes():
    model = shipped_model()
    vectors = np.random.default_rng(0).normal(size=(5, model.dim)).astype(np.float32)
    probabilities = model.probabilities(vectors, ["我"] * 5)
    assert probabilities.shape == (5, len(model.classes))
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    again = LearnedModel.from_bytes(model.to_bytes({}))
    assert again.classes == model.classes and again.exemplar_veto == model.exemplar_veto


def _units(rows):
    """redflag_train.Units from (text, label, weight, writer) rows, one clause each."""
    units = redflag_train.Units()
    for text, label, weight, writer in rows:
        units.add((text,), label, weight, writer)
    return units


def test_cue_words_are_learned_from_evidence_that_recurs_across_writers():
    clean = [(f"您好，我先核实一下第{i}笔交易", "clean", 1.0, f"set{i}") for i in range(40)]
    rows = clean + [
        ("放心，本金稳稳的", "guaranteed_return", 1.0, "set1"),
        ("这个收益稳稳的", "guaranteed_return", 1.0, "set2"),
        ("每年稳稳的拿四个点", "guaranteed_return", 1.0, "set3"),
        ("我私下帮您兜着", "guaranteed_return", 1.0, "set1"),  # two writers only
        ("我私下帮您兜着点", "guaranteed_return", 1.0, "set2"),
        ("我先核实一下", "hostile", 1.0, "set1"),  # as common in clean answers as anywhere
        ("我先核实一下再说", "hostile", 1.0, "set2"),
        ("我先核实一下，您急什么", "hostile", 1.0, "set3"),
        ("红包我就收下了", "other", 1.0, "set4"),
        ("就收下了", "other", 1.0, "set5"),
        ("那我就收下了", "other", 1.0, "set6"),
        ("稳稳的", "guaranteed_return", 1.0, "exemplars"),  # hand-written: not a writer
    ]
    keep = np.ones(len(rows), dtype=bool)
    cues = redflag_train.learn_cues(_units(rows), keep)
    assert "稳稳" in cues["guaranteed_return"] and "兜着" not in cues["guaranteed_return"]
    assert "核实" not in cues.get("hostile", ())
    # "other" is reported as rule_bypass, so its cues gate that family's units
    assert "收下" in cues["rule_bypass"]
    # a fold learns only from the writers it keeps
    without_set3 = np.asarray([writer != "set3" for *_, writer in rows])
    assert "稳稳" not in redflag_train.learn_cues(_units(rows), without_set3).get("guaranteed_return", ())


def test_learned_cue_words_widen_the_hand_written_cue_and_survive_the_archive():
    import re

    model = replace(shipped_model(), cues={"guaranteed_return": ("稳稳", "a.b")})
    cue = model.cue_pattern("guaranteed_return", re.compile("保本"))
    assert cue.search("本金稳稳的") and cue.search("保本") and not cue.search("axb")  # words, not regexes
    assert replace(shipped_model(), cues={}).cue_pattern("hostile", re.compile("吵")).pattern == "吵"
    again = LearnedModel.from_bytes(model.to_bytes({}))
    assert again.cues == model.cues


def test_the_shipped_model_carries_cue_words_for_every_family():
    # learned by --write from every writer's evidence (redflag_train.learn_cues)
    cues = shipped_model().cues
    assert set(cues) == set(redflag_train.FAMILY_CODES)
    assert all(len(words) >= 20 for words in cues.values())


def test_the_ngram_view_scores_at_run_time_as_it_was_trained():
    # Training reads the n-grams as a sparse matrix; detection builds a small dense one. A
    # difference would mean the shipped weights are read against other features.
    model = shipped_model()
    assert model.ngram_weights.shape == (len(model.ngrams.vocabulary), model.weights.shape[0])
    texts = ["我就帮他把月收入多写一点，这样好批", "客户问能不能保本", "好", "　"]
    assert np.allclose(sparse_features(model.ngrams, texts).toarray(), model.ngrams.features(texts))
    assert model.ngrams.features(texts)[0].any() and not model.ngrams.features(texts)[3].any()
    # ...and the archive gives back the same model
    again = LearnedModel.from_bytes(model.to_bytes({}))
    vectors = np.random.default_rng(1).normal(size=(len(texts), model.dim)).astype(np.float32)
    assert np.allclose(again.probabilities(vectors, texts), model.probabilities(vectors, texts), atol=1e-6)


def test_a_model_with_ngrams_needs_the_units_texts():
    model = shipped_model()
    with pytest.raises(ValueError, match="texts"):
        model.probabilities(np.zeros((2, model.dim), dtype=np.float32))


@pytest.fixture(scope="module")
def lowo(request):
    answers = load_answers()
    units = training_units(answers)
    units.vectors = encode_units(units.pieces, "use", request.config.cache.mkdir("redflag-units"))
    return answers, units, {}


def held_out(lowo, writer):
    """The writer's answers (with what the rules find) and the classifier fitted without them,
    computed once per writer."""
    answers, units, folds = lowo
    if writer not in folds:
        # Only what the fold needs: the held-out writer's answers, and the others' flagged
        # answers without quoted evidence (they add positives by multiple-instance learning).
        others = answer_signals([a for a in answers if a.writer != writer and a.flagged and not a.evidence], rules=False)
        mine = answer_signals([a for a in answers if a.writer == writer])
        # One network where the shipped model merges ENSEMBLE of them fitted alike from other
        # starts: the bounds check that learning carries to an unseen writer, and fitting three
        # per fold would triple the suite's slowest step.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(redflag_train, "ENSEMBLE", 1)
            folds[writer] = (mine, fold_model(units, others + mine, L2, without=writer))
    return folds[writer]


def held_out_figures(lowo, writer, decide) -> tuple[int, int, int]:
    """(caught, false alarms, flagged) on the writer's answers, each decided by
    `decide(signal, model)` with the classifier fitted without that writer."""
    held, model = held_out(lowo, writer)
    found = [bool(decide(s, model)) for s in held]
    caught = sum(f and s.answer.flagged for f, s in zip(found, held))
    return caught, sum(found) - caught, sum(s.answer.flagged for s in held)


def classifier_alone(signal, model) -> bool:
    return best_learned(signal, model) >= model.threshold  # as detect_red_flags decides


def whole_detector(signal, model) -> bool:
    # as detect_red_flags decides: the regexes, the exemplars unless vetoed, the classifier
    return (
        signal.patterns
        or signal.exemplars and exemplar_support(signal, model) >= model.exemplar_veto
        or classifier_alone(signal, model)
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("writer", "min_caught", "min_precision"),
    [("set5", 13, 0.75), ("train_d", 23, 0.75)],
)
def test_the_classifier_catches_violations_of_a_writer_it_never_learned_from(lowo, writer, min_caught, min_precision):
    caught, false_alarms, _ = held_out_figures(lowo, writer, classifier_alone)
    assert caught >= min_caught and caught / max(caught + false_alarms, 1) >= min_precision, (caught, false_alarms)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("writer", "min_precision", "min_recall"),
    [("set5", 0.75, 0.65), ("train_d", 0.70, 0.58)],
)
def test_the_whole_detector_generalises_to_a_writer_the_classifier_never_saw(lowo, writer, min_precision, min_recall):
    caught, false_alarms, flagged = held_out_figures(lowo, writer, whole_detector)
    precision = caught / max(caught + false_alarms, 1)
    assert precision >= min_precision and caught / flagged >= min_recall, (precision, caught, flagged)


def test_the_forward_choice_bounds_dev_false_alarms_and_groups_later_sets_by_three():
    # How the shipped setting is chosen (redflag_train --forward): the most recall on the later
    # writers with precision >= 0.80 on each group, and at most FORWARD_MAX_DEV_FALSE_ALARMS of
    # dev's clean answers flagged.
    from kaoguan.score.redflag_train import Answer, FoldScores, Signals, forward_choice, later_groups

    def signal(writer, flagged, number=0):
        return Signals(Answer(writer, f"{writer}-{flagged}-{number}", "…", flagged), False, False, [], [], None, None)

    def choice(dev_scores):
        signals = [signal(f"set{n}", flagged) for n in range(31, 37) for flagged in (True, False)]
        signals += [signal("dev", False, i) for i in range(len(dev_scores))]
        # each group's violations at 0.7, its clean answers at 0.5 and a violation only 0.6 reaches
        signals += [signal(f"set{n}", True, 1) for n in (31, 34)]
        best = [0.7 if s.answer.flagged else 0.5 for s in signals[:12]] + list(dev_scores) + [0.6, 0.6]
        scores = FoldScores({mode: list(best) for mode in redflag_train.CUE_MODES}, [0.0] * len(signals))
        groups = later_groups([s.answer for s in signals], 30, 36)
        assert groups == [["set31", "set32", "set33"], ["set34", "set35", "set36"]]
        return forward_choice(groups, signals, scores)

    assert redflag_train.FORWARD_MAX_DEV_FALSE_ALARMS == 1
    veto = redflag_train.EXEMPLAR_VETO
    # 0.54 (the first threshold over the groups' clean answers) catches the 0.6 violations and
    # flags one clean dev answer: within the bound
    assert choice([0.59, 0.3]) == ("family", 0.54, 0.9, veto)
    # two: over it, so 0.62, which misses the 0.6 violations
    assert choice([0.59, 0.59]) == ("family", 0.62, 0.9, veto)


def test_every_answer_set_is_either_fitted_on_or_kept_out_for_the_forward_test():
    # A set added to tests/score/data but named in neither list would be silently ignored by the
    # trainer; the held-out sets must reach the forward test and never the fit.
    named = {*redflag_train.ANSWER_FILES.values(), *redflag_train.HELD_OUT_FILES.values()}
    on_disk = {p.name for p in redflag_train.DATA.glob("redflag_*.jsonl") if "clauses" not in p.name}
    assert on_disk == named
    fitted = {a.writer for a in load_answers()}
    with_held_out = {a.writer for a in load_answers(held_out=True)}
    assert set(redflag_train.HELD_OUT_FILES) == with_held_out - fitted
    assert not set(redflag_train.HELD_OUT_FILES) & fitted
