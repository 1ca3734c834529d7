"""A small company on one kaoguan server, for the security tests: two teams, every role, a private
bank per team, a public practice bank, a paper with two candidates, and an HTTP client per role.

Team A: owner `ann`, interviewer `ivan` (assigned to both of paper A's candidates), interviewer
`iris` (assigned to nothing). Team B: owner `bob`. `root` is the admin. Clients sign in through
the real login form (cookie + CSRF token); the candidates and the practice user have no account.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from fastapi.testclient import TestClient

from kaoguan.bank import Bank
from kaoguan.web import create_app
from tests.store.banks import internet_bank, jd_bank

PASSWORD = "一个足够长的测试密码-2026"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]*)">')
_fresh = itertools.count(1)


def csrf_of(client: TestClient) -> str:
    """The CSRF token of the client's browser session, read from a page as a browser would."""
    match = CSRF_META.search(client.get("/login").text)
    assert match, "every page carries the CSRF token"
    return match.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    token = csrf_of(client)
    response = client.post("/login", data={"username": username, "password": password, "csrf_token": token,
                                           "next": "/banks"}, follow_redirects=False)
    assert response.status_code == 303, response.text
    client.headers["X-CSRF-Token"] = csrf_of(client)  # a fresh token after signing in
    return client


def anonymous(app) -> TestClient:
    client = TestClient(app)
    client.headers["X-CSRF-Token"] = csrf_of(client)
    return client


def practice_bank() -> Bank:
    """A short public bank (the seed's first section under another title)."""
    bank = jd_bank()
    return bank.model_copy(update={"title": "公开练习题库", "sections": bank.sections[:1]})


def secret_strings(*banks: Bank) -> list[str]:
    """Key-point texts, model phrasing and answers of `banks` that a candidate must never receive
    (long enough to be unambiguous, and not also part of a prompt the candidate does see)."""
    prompts = " ".join(q.prompt for bank in banks for _, q in bank.questions())
    found = set()
    for bank in banks:
        for _, question in bank.questions():
            texts = [kp.text for kp in question.key_points] + [kp.detail or "" for kp in question.key_points]
            texts += [question.reference_answer or "", question.explanation or ""]
            found.update(t for t in texts if len(t) >= 8 and t not in prompts)
    return sorted(found)


@dataclass
class World:
    app: object
    clients: dict[str, TestClient]
    bank_a: int
    bank_b: int
    bank_public: int
    paper_a: int
    paper_b: int
    session_a: int
    session_b: int
    candidate_a: int
    token_a: str
    token_b: str
    job_a: str
    token_id_ann: int
    secrets: list[str]
    users: dict[str, int] = field(default_factory=dict)

    def fresh_bank_a(self) -> int:
        """A throwaway team-A bank (for DELETE)."""
        services = self.app.state.services
        bank = practice_bank().model_copy(update={"title": f"待删除题库 {next(_fresh)}"})
        saved = services.library.save_bank(bank)
        self.app.state.accounts.claim_bank(saved.bank_id, self.app.state.accounts.find_user("ann").team_id)
        return saved.bank_id

    def fresh_candidate_a(self) -> int:
        """A throwaway candidate on paper A, assigned to ivan (for DELETE)."""
        invitation = self.app.state.services.interviews.invite_candidate(self.paper_a, f"待删除 {next(_fresh)}")
        self.app.state.accounts.assign_interviewer(invitation.session_id, self.users["ivan"])
        return invitation.candidate_id


def build_world(db_url: str, scorer) -> World:
    app = create_app(db_url, scorer=scorer)
    accounts = app.state.accounts
    users = {
        "root": accounts.add_user("root", PASSWORD, "admin").id,
        "ann": accounts.add_user("ann", PASSWORD, "owner", "A 团队").id,
        "ivan": accounts.add_user("ivan", PASSWORD, "interviewer", "A 团队").id,
        "iris": accounts.add_user("iris", PASSWORD, "interviewer", "A 团队").id,
        "bob": accounts.add_user("bob", PASSWORD, "owner", "B 团队").id,
    }
    staff = {name: sign_in(TestClient(app), name) for name in users}

    def store(client: TestClient, bank: Bank) -> int:
        response = client.post("/api/v1/banks", content=bank.model_dump_json(by_alias=True),
                               headers={"content-type": "application/json"})
        assert response.status_code == 201, response.text
        return response.json()["bank_id"]

    bank_a, bank_b = store(staff["ann"], jd_bank()), store(staff["bob"], internet_bank())
    bank_public = store(staff["ann"], practice_bank())
    assert staff["ann"].put(f"/api/v1/banks/{bank_public}/visibility", json={"public": True}).status_code == 200

    def paper(client: TestClient, bank_id: int, title: str) -> int:
        response = client.post("/api/v1/papers", json={"title": title, "bank_ids": [bank_id],
                                                       "per_section": {"行为面试题": 1}, "seed": 3})
        assert response.status_code == 201, response.text
        return response.json()["paper_id"]

    paper_a, paper_b = paper(staff["ann"], bank_a, "A 一面"), paper(staff["bob"], bank_b, "B 一面")

    def invite(client: TestClient, paper_id: int, name: str, interviewer: str | None) -> dict:
        response = client.post(f"/api/v1/papers/{paper_id}/invitations",
                               json={"name": name, "email": f"{next(_fresh)}@example.com", "interviewer": interviewer})
        assert response.status_code == 201, response.text
        return response.json()["invitation"]

    inv_a = invite(staff["ann"], paper_a, "候选人甲", "ivan")
    inv_b = invite(staff["ann"], paper_a, "候选人乙", "ivan")
    invite(staff["bob"], paper_b, "候选人丙", None)
    for invitation, text in [(inv_a, "我会先安抚客户情绪。"), (inv_b, "我会耐心倾听。")]:
        saved = staff["root"].put(f"/api/v1/take/{invitation['token']}/answers/1", json={"text": text, "revision": 1})
        assert saved.status_code == 200, saved.text
    upload = staff["ann"].post("/api/v1/imports", files={"files": ("jd.txt", "一、行为面试题\n1. 请介绍你自己。(5分)\n".encode())})
    assert upload.status_code == 202, upload.text
    token_ann = staff["ann"].post("/api/v1/tokens", json={"name": "ann 的脚本"}).json()["id"]

    clients = {
        "anonymous": anonymous(app), "practice": anonymous(app), "candidate A": anonymous(app),
        "candidate B": anonymous(app), "interviewer assigned": staff["ivan"], "interviewer not assigned": staff["iris"],
        "owner team A": staff["ann"], "owner team B": staff["bob"], "admin": staff["root"],
    }
    clients["practice"].get(f"/practice/{bank_public}")  # a job seeker who opened a public bank
    return World(app=app, clients=clients, bank_a=bank_a, bank_b=bank_b, bank_public=bank_public,
                 paper_a=paper_a, paper_b=paper_b, session_a=inv_a["session_id"], session_b=inv_b["session_id"],
                 candidate_a=inv_a["candidate_id"], token_a=inv_a["token"], token_b=inv_b["token"],
                 job_a=upload.json()[0]["id"], token_id_ann=token_ann,
                 secrets=secret_strings(jd_bank(), internet_bank()), users=users)
