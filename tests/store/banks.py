"""The two seed banks as Bank JSON, for store, interview (and web) tests.

tests/store/data/ holds the questions of the two seed documents (../shared/seeds/), transcribed to
Simplified Chinese; the importer is tested on the documents themselves, these tests need stable banks.
"""

from pathlib import Path

from kaoguan.bank import Bank, load_bank

DATA = Path(__file__).parent / "data"


def jd_bank() -> Bank:
    """2026年京东金融客服顾问面试题集: 12 questions, 90 points (behavioral 8 pts, knowledge 6, situational 10)."""
    return load_bank(DATA / "jd-finance.json")


def internet_bank() -> Bank:
    """2026年互联网银行客服经理岗位面试题集: 20 questions of 10 points in four sections."""
    return load_bank(DATA / "internet-bank.json")
