"""Portable backups: `kaoguan db backup/restore` round-trips between SQLite and PostgreSQL."""

import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from kaoguan.bank import dump_bank
from kaoguan.cli import app
from kaoguan.interview import Interviews, PaperSpec, QuestionPick
from kaoguan.score import Scorer
from kaoguan.store import BackupFormatError, Database, Library, NotEmpty, backup, restore
from kaoguan.store.schema import CACHE_TABLES, Base
from tests.store.banks import internet_bank, jd_bank


def dump_rows(db: Database) -> dict[str, list[dict]]:
    """Every row of every table, as plain values, for comparing databases."""
    with db.engine.connect() as connection:
        return {
            table.name: [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
                         for row in connection.execute(select(table).order_by(*table.primary_key.columns)).mappings()]
            for table in Base.metadata.sorted_tables if table.name not in CACHE_TABLES
        }


def fill(db: Database) -> None:
    """Banks with versions and tags, a paper, a submitted and scored session with a rating."""
    library = Library(db)
    jd_id = library.save_bank(jd_bank(), tags=["消费金融"]).bank_id
    library.save_bank(internet_bank(), tags=["银行"])
    library.edit_question(jd_id, "s1-q1", points=10)
    interviews = Interviews(db, scorer=Scorer("fast"))
    paper = interviews.assemble_paper(PaperSpec(title="一面", picks=[QuestionPick(bank_id=jd_id, question_id="s1-q3")]))
    invite = interviews.invite_candidate(paper.paper_id, "张三", "z@example.com")
    interviews.autosave_answer(invite.token, 1, " 先排优先级,\r\n再请求支援。\t😀\u200b é\n", 4)
    interviews.submit(invite.token)
    interviews.rate(invite.session_id, 1, "面试官甲", {"k1": 1, "k2": 0.5}, 4.5, "还行")


def test_backup_round_trips_sqlite_postgresql_sqlite(tmp_path, postgres_server):
    source = Database(f"sqlite:///{tmp_path / 'a.db'}")
    source.upgrade()
    fill(source)
    backup(source, tmp_path / "one.jsonl")

    pg = Database(postgres_server.create_database("roundtrip"))
    restore(pg, tmp_path / "one.jsonl")
    backup(pg, tmp_path / "two.jsonl")

    back = Database(f"sqlite:///{tmp_path / 'b.db'}")
    restore(back, tmp_path / "two.jsonl")

    assert dump_rows(pg) == dump_rows(source) == dump_rows(back)
    rows_one = (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()[1:]
    rows_two = (tmp_path / "two.jsonl").read_text(encoding="utf-8").splitlines()[1:]
    assert rows_one == rows_two  # identical files but for the header's timestamp
    assert dump_bank(Library(pg).get_bank(1, 1)) == dump_bank(jd_bank())
    # new rows after a restore get fresh ids (PostgreSQL's counters were moved past the restored ones)
    assert Library(pg).save_bank(jd_bank().model_copy(update={"title": "新题集"})).bank_id == 3
    pg.dispose()
    postgres_server.drop_database("roundtrip")


def test_restore_refuses_a_database_with_data(db, tmp_path):
    Library(db).save_bank(jd_bank())
    backup(db, tmp_path / "b.jsonl")
    with pytest.raises(NotEmpty, match="not empty.*--force"):
        restore(db, tmp_path / "b.jsonl")
    Library(db).save_bank(internet_bank())
    restore(db, tmp_path / "b.jsonl", force=True)
    assert [b.title for b in Library(db).list_banks()] == [jd_bank().title]


def test_a_damaged_backup_changes_nothing(db, tmp_path):
    Library(db).save_bank(jd_bank())
    before = dump_rows(db)
    path = tmp_path / "b.jsonl"
    backup(db, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    (tmp_path / "truncated.jsonl").write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")
    with pytest.raises(BackupFormatError, match="truncated"):
        restore(db, tmp_path / "truncated.jsonl", force=True)
    bad = lines[:]
    bad[2] = "{not json"
    (tmp_path / "bad.jsonl").write_text("\n".join(bad) + "\n", encoding="utf-8")
    with pytest.raises(BackupFormatError, match="bad.jsonl, line 3: not JSON"):
        restore(db, tmp_path / "bad.jsonl", force=True)
    (tmp_path / "other.jsonl").write_text('{"hello": 1}\n', encoding="utf-8")
    with pytest.raises(BackupFormatError, match="not a kaoguan backup"):
        restore(db, tmp_path / "other.jsonl")
    assert dump_rows(db) == before


def test_a_failing_restore_rolls_back_completely(db, tmp_path):
    Library(db).save_bank(jd_bank())
    before = dump_rows(db)
    path = tmp_path / "b.jsonl"
    backup(db, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    # a question row pointing at a section that does not exist: the database refuses it mid-restore
    index = next(i for i, line in enumerate(lines) if '"table": "questions"' in line)
    record = json.loads(lines[index])
    record["row"]["section_id"] = 999
    lines[index] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(Exception):
        restore(db, path, force=True)
    assert dump_rows(db) == before


def test_cli_db_upgrade_backup_restore(tmp_path):
    runner = CliRunner()
    source, target = f"sqlite:///{tmp_path / 'a.db'}", str(tmp_path / "b.db")
    assert "upgraded" in runner.invoke(app, ["db", "upgrade", "--db", source]).output
    Library(Database(source)).save_bank(jd_bank())
    result = runner.invoke(app, ["db", "backup", str(tmp_path / "x.jsonl"), "--db", source])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["db", "restore", str(tmp_path / "x.jsonl"), "--db", target])
    assert result.exit_code == 0 and "restored" in result.output
    assert Library(Database(target)).list_banks()[0].title == jd_bank().title
    again = runner.invoke(app, ["db", "restore", str(tmp_path / "x.jsonl"), "--db", target])
    assert again.exit_code == 1 and "not empty" in again.output


# What revision 0003 (accounts) added; a backup made at 0001 has none of it.
ADDED_AFTER_0001 = {"tables": {"teams", "users", "login_sessions", "api_tokens", "audit_log", "settings"},
                    "columns": {"team_id", "public", "interviewer_id"}}


def as_of_0001(lines: list[str]) -> list[str]:
    """Backup lines as revision 0001 wrote them: without the tables and columns added since."""
    kept = []
    for line in lines:
        entry = json.loads(line)
        if entry.get("table") in ADDED_AFTER_0001["tables"]:
            continue
        if "row" in entry:
            entry["row"] = {k: v for k, v in entry["row"].items() if k not in ADDED_AFTER_0001["columns"]}
        if "rows" in entry:
            entry["rows"] = {k: v for k, v in entry["rows"].items() if k not in ADDED_AFTER_0001["tables"]}
        kept.append(json.dumps(entry, ensure_ascii=False))
    return kept


def test_a_backup_from_an_older_schema_is_migrated_forward(db, tmp_path):
    # Backups record their schema revision; one from revision 0001 (before the embedding cache) must
    # restore by loading into that schema and migrating forward.
    Library(db).save_bank(jd_bank(), tags=["旧"])
    path = tmp_path / "b.jsonl"
    backup(db, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["schema_revision"] == db.head_revision() != "0001"
    header["schema_revision"] = "0001"
    (tmp_path / "old.jsonl").write_text("\n".join([json.dumps(header)] + as_of_0001(lines[1:])) + "\n", encoding="utf-8")
    target = Database(f"sqlite:///{tmp_path / 'new.db'}")
    restore(target, tmp_path / "old.jsonl")
    assert target.current_revision() == target.head_revision()
    assert Library(target).list_banks()[0].tags == ["旧"]
    header["schema_revision"] = "9999"
    (tmp_path / "future.jsonl").write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n", encoding="utf-8")
    with pytest.raises(BackupFormatError, match="'9999', which this kaoguan does not know"):
        restore(Database(f"sqlite:///{tmp_path / 'other.db'}"), tmp_path / "future.jsonl")


def test_cli_reports_an_unreachable_database_without_a_traceback(tmp_path):
    source = Database(f"sqlite:///{tmp_path / 'a.db'}")
    source.upgrade()
    backup(source, tmp_path / "x.jsonl")
    result = CliRunner().invoke(app, ["db", "restore", str(tmp_path / "x.jsonl"),
                                      "--db", "postgresql://nobody@127.0.0.1:1/kaoguan"])
    assert result.exit_code == 1
    assert "failed, nothing was changed" in result.output and "Traceback" not in result.output
