"""The one Typer application; each stage registers its verbs in its own module of this folder."""

import typer

app = typer.Typer(
    name="kaoguan",
    help="kaoguan (考官): interview question banks, interviews and answer scoring.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """kaoguan (考官): interview question banks, interviews and answer scoring."""
