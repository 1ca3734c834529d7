"""`kaoguan db upgrade|backup|restore`."""

from kaoguan.cli.app import app  # noqa: F401
