"""`kaoguan serve` helpers: loading a seeds folder, refusing a busy port."""

from __future__ import annotations

import shutil
import socket

import pytest
import typer

from kaoguan.cli.serving import check_port_free, load_seeds
from kaoguan.store import Database, Library
from tests.conftest import INTERNET_BANK_SEED, JD_SEED


@pytest.fixture
def library(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'kaoguan.db'}")
    db.upgrade()
    yield Library(db)
    db.dispose()


def test_seeds_are_imported_once_and_other_files_are_skipped(library, tmp_path, capsys):
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(JD_SEED, folder)
    shutil.copy(INTERNET_BANK_SEED, folder)
    (folder / "README.md").write_text("不是题库")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    assert load_seeds(library, folder) == 2
    captured = capsys.readouterr()
    assert "broken.pdf" in captured.err and "README" not in captured.out + captured.err
    assert sorted(b.source for b in library.list_banks()) == sorted([JD_SEED.name, INTERNET_BANK_SEED.name])
    assert load_seeds(library, folder) == 0  # `make run` twice keeps one copy of each bank
    assert len(library.list_banks()) == 2


def test_a_busy_port_is_refused_with_a_message_naming_it(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(typer.Exit):
            check_port_free("127.0.0.1", port)
    assert f"127.0.0.1:{port}" in capsys.readouterr().err
