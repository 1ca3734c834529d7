"""`kaoguan import` and `kaoguan schema`."""

import json

import typer

from kaoguan.bank import bank_json_schema
from kaoguan.cli.app import app


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of Bank JSON v1."""
    typer.echo(json.dumps(bank_json_schema(), ensure_ascii=False, indent=2))
