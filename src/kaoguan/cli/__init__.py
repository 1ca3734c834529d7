"""The `kaoguan` command. Verbs live in one module per stage; this file only assembles them."""

from kaoguan.cli import db, exporting, importing, scoring, serving, users  # noqa: F401  (each registers its verbs)
from kaoguan.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
