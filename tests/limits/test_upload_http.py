"""Over HTTP, a hostile or broken upload is refused at once with a 4xx in Chinese, and nothing is
queued or stored — not even the good files uploaded alongside it."""

from __future__ import annotations

import pytest

from tests.conftest import JD_SEED
from tests.limits.documents import MALFORMED_PDF, encrypted_pdf, external_entity_docx, zip_bomb_docx

HOSTILE = {
    "zip_bomb": ("炸弹.docx", lambda tmp: zip_bomb_docx(inflated_mb=150), "压缩炸弹"),
    "external_entity": ("实体.docx", lambda tmp: external_entity_docx(str(tmp / "secret.txt")), "DOCTYPE"),
    "encrypted_pdf": ("加密.pdf", lambda tmp: encrypted_pdf(), "已加密"),
    "malformed_pdf": ("损坏.pdf", lambda tmp: MALFORMED_PDF, "已损坏"),
    "millions_of_lines": ("长.txt", lambda tmp: b"a\n" * 5_000_000, "超过上限"),
}


def stored_bank_count(client) -> int:
    return len(client.get("/api/v1/banks").json())


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_upload_is_refused_with_a_chinese_message_and_nothing_is_stored(client, case, tmp_path):
    name, build, expected = HOSTILE[case]
    before = stored_bank_count(client)
    files = [("files", (JD_SEED.name, JD_SEED.read_bytes(), "text/plain")),  # a good file in the same upload
             ("files", (name, build(tmp_path), "application/octet-stream"))]
    response = client.post("/api/v1/imports", files=files)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert name in detail and expected in detail
    assert client.get("/api/v1/imports").json() == []  # nothing was queued
    assert stored_bank_count(client) == before


def test_an_upload_over_the_size_limit_is_refused_with_413(client, monkeypatch):
    monkeypatch.setenv("KAOGUAN_MAX_IMPORT_MB", "1")
    response = client.post("/api/v1/imports", files=[("files", ("大.txt", b"x" * (1024 * 1024 + 1), "text/plain"))])
    assert response.status_code == 413
    assert "大.txt" in response.json()["detail"] and "1 MB" in response.json()["detail"]
    assert client.get("/api/v1/imports").json() == []
