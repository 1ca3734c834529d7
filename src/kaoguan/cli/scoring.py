"""`kaoguan score` and `kaoguan practice`."""

from kaoguan.cli.app import app  # noqa: F401
