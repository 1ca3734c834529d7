"""Uploading documents: background import jobs, their status, the stored bank and its warnings."""

from __future__ import annotations

import time

from kaoguan.ingest import import_path
from tests.conftest import INTERNET_BANK_SEED, JD_SEED


def wait_for(client, job_id: str, seconds: float = 30) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/imports/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"import job {job_id} did not finish in {seconds}s: {job}")


def upload(client, *paths):
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in paths]
    response = client.post("/api/v1/imports", files=files)
    assert response.status_code == 202, response.text
    return response.json()


def test_uploading_two_seeds_stores_both_banks_with_their_warnings(client):
    jobs = upload(client, JD_SEED, INTERNET_BANK_SEED)
    assert [j["filename"] for j in jobs] == [JD_SEED.name, INTERNET_BANK_SEED.name]
    for job, path in zip(jobs, (JD_SEED, INTERNET_BANK_SEED)):
        done = wait_for(client, job["id"])
        assert done["state"] == "done", done
        assert done["progress"] == 1.0
        expected = import_path(path)
        assert done["question_count"] == expected.question_count
        assert [w["code"] for w in done["warnings"]] == [w.code for w in expected.warnings]
        stored = client.get(f"/api/v1/banks/{done['bank_id']}").json()
        assert stored["title"] == expected.title
        assert [w["code"] for w in stored["warnings"]] == [w.code for w in expected.warnings]


def test_a_file_that_is_not_a_document_fails_with_its_name_and_stores_nothing(client):
    garbage = bytes(range(256)) * 40
    job = client.post("/api/v1/imports", files=[("files", ("题库.pdf", garbage, "application/pdf"))]).json()[0]
    done = wait_for(client, job["id"])
    assert done["state"] == "failed"
    assert "题库.pdf" in done["error"]
    assert client.get("/api/v1/banks").json() == []


def test_an_empty_upload_is_refused_at_once(client):
    response = client.post("/api/v1/imports", files=[("files", ("empty.txt", b"", "text/plain"))])
    assert response.status_code == 422
    assert "empty.txt" in response.json()["detail"]


def test_an_unknown_job_is_reported_as_such(client):
    response = client.get("/api/v1/imports/nope")
    assert response.status_code == 404 and "nope" in response.json()["detail"]


def test_uploading_the_same_document_again_saves_nothing_new(client):
    first = wait_for(client, upload(client, JD_SEED)[0]["id"])
    again = wait_for(client, upload(client, JD_SEED)[0]["id"])
    assert first["created"] is True and again["created"] is False
    assert again["bank_id"] == first["bank_id"]
    assert len(client.get("/api/v1/banks").json()) == 1
