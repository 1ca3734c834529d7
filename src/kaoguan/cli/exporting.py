"""`kaoguan export` and `kaoguan report`."""

from kaoguan.cli.app import app  # noqa: F401
