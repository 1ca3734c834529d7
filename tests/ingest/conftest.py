from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures")


def codes(bank) -> list[str]:
    return [warning.code for warning in bank.warnings]
