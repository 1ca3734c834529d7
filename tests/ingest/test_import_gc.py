"""The importer pauses Python's cyclic garbage collector while it builds a bank (see
importer.analyse_text); the application around it must get the collector back as it was."""

import gc

import pytest

from kaoguan.ingest import parse_text
from tests.conftest import JD_SEED


@pytest.fixture
def collector_state():
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_on_again_after_an_import(collector_state):
    gc.enable()
    bank = parse_text(JD_SEED.read_text(encoding="utf-8"), source=JD_SEED.name)
    assert bank.question_count > 0
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(collector_state):
    gc.disable()
    parse_text(JD_SEED.read_text(encoding="utf-8"), source=JD_SEED.name)
    assert not gc.isenabled()


def test_the_collector_is_on_again_when_the_import_fails(collector_state, monkeypatch):
    from kaoguan.ingest import importer

    def broken_segment(text):
        raise RuntimeError("segmenter failed")

    monkeypatch.setattr(importer, "segment", broken_segment)
    gc.enable()
    with pytest.raises(RuntimeError, match="segmenter failed"):
        parse_text("一、单选题\n1.题目？", source="x.txt")
    assert gc.isenabled()
