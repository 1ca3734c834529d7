"""The `kaoguan` command. Verbs live in one module per stage; this file only assembles them."""

from kaoguan.cli.app import app
from kaoguan.cli import importing  # noqa: F401  (registers `import`, `schema`)

__all__ = ["app", "main"]


def main() -> None:
    app()
