"""The audit log, a candidate's data export and deletion, retention, and the `kaoguan user` and
`kaoguan db purge` commands (SQLite and PostgreSQL)."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import text, update
from typer.testing import CliRunner

from kaoguan.cli import app as cli
from kaoguan.store import Database
from kaoguan.store.accounts import Accounts
from kaoguan.store.personal_data import purge_finished
from kaoguan.store.schema import CandidateRow, SessionRow, utcnow

ANSWER = "我会先安抚客户情绪。"  # what build_world has candidate A type


def actions(world) -> list[tuple[str, str, str | None]]:
    return [(e.actor, e.action, e.object_id) for e in world.app.state.audit.entries(limit=1000)]


def test_imports_edits_exports_report_views_and_score_changes_are_audited(world):
    ann, ivan = world.clients["owner team A"], world.clients["interviewer assigned"]
    assert ann.patch(f"/api/v1/banks/{world.bank_a}/questions/s1-q1", json={"points": 9, "note": "改分值"}).status_code == 200
    assert ann.get(f"/api/v1/banks/{world.bank_a}/export/json").status_code == 200
    assert ivan.get(f"/reports/sessions/{world.session_a}").status_code == 200
    submitted = world.clients["candidate A"].post(f"/api/v1/take/{world.token_a}/submit")
    assert submitted.status_code == 200
    rated = ivan.put(f"/api/v1/sessions/{world.session_a}/ratings/1", json={"score": 3, "notes": "一般"})
    assert rated.status_code == 200, rated.text
    log = actions(world)
    for expected in [("ann", "bank.create", str(world.bank_a)), ("ann", "bank.edit", str(world.bank_a)),
                     ("ann", "bank.export", str(world.bank_a)), ("ivan", "report.view", str(world.session_a)),
                     ("ivan", "score.rate", str(world.session_a)), ("ann", "session.invite", str(world.session_a)),
                     ("ann", "login", None)]:
        assert any(a == expected[0] and b == expected[1] and (expected[2] is None or c == expected[2])
                   for a, b, c in log), expected
    # The background import is logged once the bank is stored, and the bank is ann's team's.
    deadline = time.monotonic() + 60
    while (job := ann.get(f"/api/v1/imports/{world.job_a}").json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, "the import did not finish"
        time.sleep(0.2)
    assert job["state"] == "done", job["error"]
    assert ("ann", "bank.import", str(job["bank_id"])) in actions(world)
    assert ann.get(f"/api/v1/banks/{job['bank_id']}").status_code == 200
    assert world.clients["owner team B"].get(f"/api/v1/banks/{job['bank_id']}").status_code == 404


def test_only_the_admin_reads_the_audit_log(world):
    admin = world.clients["admin"]
    entries = admin.get("/api/v1/audit", params={"action": "bank.create"}).json()
    assert {e["object_id"] for e in entries} >= {str(world.bank_a), str(world.bank_b)}
    page = admin.get("/admin/audit")
    assert page.status_code == 200 and "保存题库" in page.text
    assert world.clients["owner team A"].get("/api/v1/audit").status_code == 403


def test_a_candidates_data_is_exported_then_deleted_and_the_log_keeps_no_content(world):
    ann = world.clients["owner team A"]
    exported = ann.get(f"/api/v1/candidates/{world.candidate_a}/export")
    assert exported.status_code == 200
    data = exported.json()
    assert data["candidate"]["name"] == "候选人甲"
    assert data["sessions"][0]["answers"][0]["text"] == ANSWER
    assert world.clients["owner team B"].get(f"/api/v1/candidates/{world.candidate_a}/export").status_code == 404

    deleted = ann.delete(f"/api/v1/candidates/{world.candidate_a}")
    assert deleted.status_code == 200 and deleted.json()["deleted"]["answers"] == 1
    assert ann.get(f"/api/v1/candidates/{world.candidate_a}/export").status_code == 404
    assert ann.get(f"/api/v1/sessions/{world.session_a}/sheet").status_code == 404
    assert world.clients["candidate A"].get(f"/api/v1/take/{world.token_a}").status_code == 410
    # Candidate B's session is untouched.
    assert ann.get(f"/api/v1/sessions/{world.session_b}/sheet").status_code == 200

    db = world.app.state.services.db
    with db.reading() as session:
        audit_rows = " ".join(str(row) for row in session.execute(text("SELECT * FROM audit_log")).all())
    assert ("ann", "candidate.delete", str(world.candidate_a)) in actions(world)
    assert "候选人甲" not in audit_rows and ANSWER not in audit_rows


def test_retention_purges_finished_sessions_only(world):
    db: Database = world.app.state.services.db
    submitted = world.clients["candidate A"].post(f"/api/v1/take/{world.token_a}/submit")
    assert submitted.status_code == 200
    with db.transaction() as session:  # finished 40 days ago
        session.execute(update(SessionRow).where(SessionRow.id == world.session_a)
                        .values(submitted_at=utcnow() - timedelta(days=40)))
    assert purge_finished(db, 60)["sessions"] == 0
    counts = purge_finished(db, 30)
    assert counts["sessions"] == 1 and counts["candidates"] == 1
    with db.reading() as session:
        assert session.get(SessionRow, world.session_b) is not None  # still open: kept
        assert session.get(CandidateRow, world.candidate_a) is None


def test_only_owners_and_admins_are_offered_the_personal_data_buttons(world):
    assert "删除个人数据" in world.clients["owner team A"].get("/sessions").text
    assert "删除个人数据" not in world.clients["interviewer assigned"].get("/sessions").text


def test_the_retention_setting_is_the_admins(world):
    admin = world.clients["admin"]
    assert admin.put("/api/v1/settings/retention", json={"days": 180}).json() == {"days": 180}
    assert admin.get("/api/v1/settings/retention").json() == {"days": 180}
    assert admin.put("/api/v1/settings/retention", json={"days": -1}).status_code == 422
    assert world.clients["owner team A"].put("/api/v1/settings/retention", json={"days": 1}).status_code == 403


def test_user_commands_create_the_first_admin_and_change_passwords(db):
    runner = CliRunner()
    url = db.url
    added = runner.invoke(cli, ["user", "add", "admin", "--role", "admin", "--password", "第一个管理员的登录密码", "--db", url])
    assert added.exit_code == 0, added.output
    refused = runner.invoke(cli, ["user", "add", "ann", "--role", "owner", "--password", "另一个足够长的登录密码", "--db", url])
    assert refused.exit_code == 1 and "team" in refused.output
    assert runner.invoke(cli, ["user", "add", "ann", "--role", "owner", "--team", "A", "--password", "另一个足够长的登录密码",
                               "--db", url]).exit_code == 0
    listed = runner.invoke(cli, ["user", "list", "--db", url])
    assert "admin" in listed.output and "owner" in listed.output and " A" in listed.output
    changed = runner.invoke(cli, ["user", "passwd", "ann", "--db", url], input="新的足够长的登录密码\n新的足够长的登录密码\n")
    assert changed.exit_code == 0, changed.output
    accounts = Accounts(db)
    assert accounts.authenticate("ann", "新的足够长的登录密码") is not None
    assert accounts.authenticate("ann", "另一个足够长的登录密码") is None
    assert runner.invoke(cli, ["user", "passwd", "nobody", "--password", "x" * 12, "--db", url]).exit_code == 1


def test_db_purge_uses_the_stored_retention(db):
    runner = CliRunner()
    nothing = runner.invoke(cli, ["db", "purge", "--db", db.url])
    assert nothing.exit_code == 0 and "no retention period" in nothing.output
    Accounts(db).set_setting("retention_days", "30")
    purged = runner.invoke(cli, ["db", "purge", "--db", db.url])
    assert purged.exit_code == 0 and "30 days" in purged.output


def test_an_older_database_upgrades_with_its_banks_private_and_unowned(db_url):
    from tests.store.banks import jd_bank

    from kaoguan.store import Library

    database = Database(db_url)
    database.upgrade("0002")
    with database.engine.begin() as connection:  # a bank stored by the previous version
        connection.execute(text("INSERT INTO banks (title, current_version, created_at, updated_at) "
                                "VALUES ('旧题库', 1, :now, :now)"), {"now": utcnow()})
        old_id = connection.scalar(text("SELECT id FROM banks"))
    database.upgrade()
    assert Accounts(database).bank_access(old_id) == (None, False)
    assert Library(database).save_bank(jd_bank()).created
    database.downgrade("0002")  # and back, for restoring older backups
    assert "users" not in database.table_names()
    database.dispose()
