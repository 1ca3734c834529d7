"""`kaoguan serve`."""

from kaoguan.cli.app import app  # noqa: F401
