import pytest

from kaoguan.bank import Bank
from tests.store.banks import internet_bank, jd_bank


@pytest.fixture
def jd() -> Bank:
    return jd_bank()


@pytest.fixture
def ib() -> Bank:
    return internet_bank()
