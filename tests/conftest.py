from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DEV_ANSWERS = SHARED / "data" / "dev-answers"
JD_SEED = SEEDS / "jd-finance-kefu-guwen-2026.txt"
INTERNET_BANK_SEED = SEEDS / "internet-bank-kefu-jingli-2026.txt"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


# Database fixtures (`db`, `db_url`, `postgres_server`) for store, interview and web tests: see tests/pg.py.
pytest_plugins = ["tests.pg"]
