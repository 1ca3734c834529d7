"""Seed banks as Bank JSON, for store and interview tests.

They hold the questions of the two seed documents (../shared/seeds/), transcribed to Simplified
Chinese; the importer is tested on the documents themselves, these tests need stable banks.
"""

from pathlib import Path

import pytest

from kaoguan.bank import Bank, load_bank

DATA = Path(__file__).parent / "data"


def jd_bank() -> Bank:
    return load_bank(DATA / "jd-finance.json")


def internet_bank() -> Bank:
    return load_bank(DATA / "internet-bank.json")


@pytest.fixture
def jd() -> Bank:
    return jd_bank()


@pytest.fixture
def ib() -> Bank:
    return internet_bank()
