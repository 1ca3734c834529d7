from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DEV_ANSWERS = SHARED / "data" / "dev-answers"
JD_SEED = SEEDS / "jd-finance-kefu-guwen-2026.txt"
INTERNET_BANK_SEED = SEEDS / "internet-bank-kefu-jingli-2026.txt"


# Database fixtures (`db`, `db_url`, `postgres_server`) for store, interview and web tests: see tests/pg.py.
pytest_plugins = ["tests.pg"]


# The two seed banks as stored-bank fixtures (transcribed from the seeds in tests/store/data/).
@pytest.fixture
def jd():
    from tests.store.banks import jd_bank

    return jd_bank()


@pytest.fixture
def ib():
    from tests.store.banks import internet_bank

    return internet_bank()
