"""The authorization matrix: every route of the app (enumerated from `app.routes`, so a new route
without an expectation here fails), called as every role, allowed or denied as the issue says;
and no response to a candidate, a job seeker or an anonymous visitor contains a private bank's
key points, model phrasing or answers. Runs on SQLite and on a real PostgreSQL.

The expectations are written out here by hand, independently of `kaoguan.web.auth.RULES`.
"""

from __future__ import annotations

from fastapi.routing import APIRoute

from tests.security.world import World

ROLES = ["anonymous", "practice", "candidate A", "candidate B", "interviewer assigned", "interviewer not assigned",
         "owner team A", "owner team B", "admin"]
ALL = set(ROLES)
CANDIDATES = {"candidate A", "candidate B"}  # each with their own link
ANY_STAFF = {"interviewer assigned", "interviewer not assigned", "owner team A", "owner team B", "admin"}
TEAM_A = {"interviewer assigned", "interviewer not assigned", "owner team A", "admin"}
SESSION_A = {"interviewer assigned", "owner team A", "admin"}  # the session's interviewer, its team's owner
OWNERS = {"owner team A", "owner team B", "admin"}
OWNER_A = {"owner team A", "admin"}
ADMIN = {"admin"}
# Roles that must never receive a private bank's key points or answers.
OUTSIDERS = {"anonymous", "practice", "candidate A", "candidate B"}

# Who may call each endpoint on team A's objects (bank A, paper A, candidate A's session).
EXPECTED: dict[str, set[str]] = {
    "api.list_banks": ANY_STAFF, "api.save_bank": OWNERS, "api.get_bank": TEAM_A, "api.replace_bank": OWNER_A,
    "api.delete_bank": OWNER_A, "api.bank_summary": TEAM_A, "api.bank_versions": TEAM_A, "api.set_tags": OWNER_A,
    "api.edit_question": OWNER_A, "api.edit_key_point": OWNER_A, "api.list_questions": ANY_STAFF,
    "api.search": ANY_STAFF, "api.duplicates": ANY_STAFF, "api.merge_duplicate": OWNERS, "api.keep_both": OWNERS,
    "api.start_imports": OWNERS, "api.list_imports": OWNERS, "api.import_status": OWNER_A,
    "api.list_papers": ANY_STAFF, "api.assemble_paper": OWNERS, "api.get_paper": TEAM_A, "api.invite": TEAM_A,
    "api.open_session": CANDIDATES, "api.autosave": CANDIDATES, "api.submit": CANDIDATES,
    "api.list_sessions": ANY_STAFF, "api.scoring_sheet": SESSION_A, "api.score_session": SESSION_A,
    "api.rate": SESSION_A, "api.disagreements": SESSION_A, "api.practice_score": TEAM_A,
    "login.login_page": ALL, "library.home": ALL, "library.library_page": ANY_STAFF, "library.bank_page": TEAM_A,
    "library.api_reference": ALL, "search.search_page": ANY_STAFF, "duplicates.duplicates_page": ANY_STAFF,
    "papers.papers_page": ANY_STAFF, "papers.paper_page": TEAM_A, "candidate.candidate_page": CANDIDATES,
    "practice.practice_home": ALL, "practice.practice_bank": TEAM_A, "practice.practice_question": TEAM_A,
    "scoring.sessions_page": ANY_STAFF, "scoring.sheet_page": SESSION_A,
    "reports.candidate_page": SESSION_A, "reports.candidate_pdf_download": SESSION_A,
    "reports.cohort_page": OWNER_A, "reports.cohort_download": OWNER_A, "reports.items_page": OWNER_A,
    "reports.export_page": OWNER_A, "reports.blank_excel_template": ANY_STAFF, "reports.export_download": OWNER_A,
    "reports.items_json": OWNER_A, "reports.cohort_json": OWNER_A,
    "admin.users_page": ADMIN, "admin.add_user_form": ADMIN, "admin.audit_page": ADMIN, "admin.list_users": ADMIN,
    "admin.add_user": ADMIN, "admin.change_user": ADMIN, "admin.audit_log": ADMIN, "admin.get_retention": ADMIN,
    "admin.set_retention": ADMIN, "admin.retention_form": ADMIN,
    "admin.account_page": ANY_STAFF, "admin.create_token_form": ANY_STAFF,
    "admin.revoke_token_form": {"owner team A"},  # the page revokes only one's own tokens (ann's here)
    "admin.me": ANY_STAFF, "admin.list_tokens": ANY_STAFF,
    "admin.create_token": ANY_STAFF, "admin.revoke_token": OWNER_A,  # ann's own token; admins revoke any
    "admin.set_bank_visibility": OWNER_A, "admin.assign_session": OWNER_A,
    "admin.export_candidate": OWNER_A, "admin.delete_candidate": OWNER_A,
}
# Sign-in and sign-out change the caller's own session: tested on their own in test_accounts.py.
OWN_SESSION = {"login.login", "login.logout"}
# Bodies for writes whose check looks inside the body (the rest get `{}`: an allowed caller is then
# refused by validation with 422, a denied one earlier with 401/403/404).
BODIES = {
    "api.practice_score": lambda w: {"bank_id": w.bank_a, "question_id": "s1-q1", "text": "我会先安抚客户情绪。"},
    "api.autosave": lambda w: {"text": "我会先安抚客户情绪。", "revision": 50},
}
DENIED = {401, 403, 404, 410}


def routes(app):
    """Every API route of the app as (full path, method, endpoint key), included routers expanded."""
    def walk(items, prefix=""):
        for route in items:
            if hasattr(route, "original_router"):  # FastAPI's lazily included router
                yield from walk(route.original_router.routes, prefix + route.include_context.prefix)
            elif isinstance(route, APIRoute):
                for method in sorted(route.methods - {"HEAD"}):
                    key = f"{route.endpoint.__module__.rsplit('.', 1)[-1]}.{route.endpoint.__name__}"
                    yield prefix + route.path, method, key
    found = sorted(set(walk(app.router.routes)), key=lambda r: (r[1] != "GET", r[2] == "api.submit", r[0]))
    assert len(found) > 60, "route enumeration found too few routes; did FastAPI change how it includes routers?"
    return found


def concrete(path: str, method: str, key: str, role: str, w: World) -> str:
    values = {
        "bank_id": w.fresh_bank_a() if key == "api.delete_bank" else w.bank_a,
        "paper_id": w.paper_a, "session_id": w.session_a, "question_id": "s1-q1", "key_point_id": "k1",
        "position": 1, "job_id": w.job_a, "format_name": "json", "extension": "csv", "username": "iris",
        "token_id": w.token_id_ann,
        "candidate_id": w.fresh_candidate_a() if key == "admin.delete_candidate" else w.candidate_a,
        # The token is the candidate's key: each candidate holds their own; nobody else has one.
        "token": {"candidate A": w.token_a, "candidate B": w.token_b}.get(role, "no-such-token-for-this-role"),
    }
    for name, value in values.items():
        path = path.replace("{" + name + "}", str(value)).replace("{" + name + ":int}", str(value))
    assert "{" not in path, f"no test value for a parameter of {path}"
    return path


def test_every_route_has_an_expectation_and_a_rule(world):
    from kaoguan.web.auth import RULES

    keys = {key for _, _, key in routes(world.app)}
    assert keys - EXPECTED.keys() - OWN_SESSION == set(), "routes without an expectation in this matrix"
    assert keys - RULES.keys() == set(), "routes without an access rule in kaoguan.web.auth.RULES"


def test_every_role_reaches_exactly_what_it_may(world):
    failures, leaks = [], []
    for role in ROLES:
        client = world.clients[role]
        for path_template, method, key in routes(world.app):
            if key in OWN_SESSION:
                continue
            path = concrete(path_template, method, key, role, world)
            body = BODIES.get(key, lambda _w: {})(world)
            response = client.request(method, path, json=None if method == "GET" else body, follow_redirects=False)
            status = response.status_code
            to_login = status == 303 and response.headers.get("location", "").startswith("/login")
            denied = status in DENIED or to_login
            assert status != 500, f"{role} {method} {path}: server error {response.text[:200]}"
            allowed = role in EXPECTED[key]
            if allowed == denied:
                failures.append(f"{role:>24} {method:6} {path}: {status} (expected {'allowed' if allowed else 'denied'})")
            if role in OUTSIDERS:
                text = response.content.decode("utf-8", "replace")
                leaks += [f"{role} {method} {path}: {secret[:20]}…" for secret in world.secrets if secret in text]
    assert not failures, "authorization matrix:\n" + "\n".join(failures)
    assert not leaks, "confidential text reached a candidate or visitor:\n" + "\n".join(leaks[:20])


def test_the_candidate_page_and_error_messages_hold_no_key_points(world):
    client = world.clients["candidate A"]
    bodies = [client.get(f"/take/{world.token_a}").text, client.get(f"/api/v1/take/{world.token_a}").text,
              client.put(f"/api/v1/take/{world.token_a}/answers/99", json={"text": "x", "revision": 1}).text,
              client.get(f"/take/{world.token_a}x").text]
    for asset in ("take.js", "app.js"):
        bodies.append(client.get(f"/static/{asset}").text)
    assert world.secrets, "the seed banks have key points to look for"
    for body in bodies:
        assert not [s for s in world.secrets if s in body]


def test_practice_is_open_on_public_banks_only(world):
    visitor = world.clients["practice"]
    listed = visitor.get("/practice").text
    assert "公开练习题库" in listed
    assert visitor.get(f"/practice/{world.bank_public}/s1-q1").status_code == 200
    scored = visitor.post("/api/v1/practice/score", json={"bank_id": world.bank_public, "question_id": "s1-q1",
                                                          "text": "我会先安抚客户情绪,再了解问题。"})
    assert scored.status_code == 200 and scored.json()["key_points"]  # public: feedback names the key points
    for bank_id in (world.bank_a, world.bank_b):
        assert visitor.get(f"/practice/{bank_id}").status_code == 404
        assert visitor.post("/api/v1/practice/score", json={"bank_id": bank_id, "question_id": "s1-q1",
                                                            "text": "回答"}).status_code == 404


def test_lists_show_only_the_callers_team_and_assignments(world):
    bob = world.clients["owner team B"]
    assert {b["bank_id"] for b in bob.get("/api/v1/banks").json()} == {world.bank_b}
    assert {p["paper_id"] for p in bob.get("/api/v1/papers").json()} == {world.paper_b}
    assert all(s["paper_id"] == world.paper_b for s in bob.get("/api/v1/sessions").json())
    assert all(hit["bank_id"] == world.bank_b for hit in bob.get("/api/v1/search", params={"q": "客户"}).json())
    assert "候选人甲" not in bob.get("/sessions").text
    iris = world.clients["interviewer not assigned"]
    assert iris.get("/api/v1/sessions").json() == []
    ivan = world.clients["interviewer assigned"]
    assert {s["session_id"] for s in ivan.get("/api/v1/sessions").json()} == {world.session_a, world.session_b}
    admin = world.clients["admin"]
    assert {world.bank_a, world.bank_b, world.bank_public} <= {b["bank_id"] for b in admin.get("/api/v1/banks").json()}


def test_an_interviewer_cannot_assign_or_rate_in_another_name(world):
    ivan = world.clients["interviewer assigned"]
    assert ivan.put(f"/api/v1/sessions/{world.session_a}/interviewer", json={"interviewer": "iris"}).status_code == 403
    ann = world.clients["owner team A"]
    assert ann.put(f"/api/v1/sessions/{world.session_a}/interviewer", json={"interviewer": "bob"}).status_code == 422
    assert ann.put(f"/api/v1/sessions/{world.session_a}/interviewer", json={"interviewer": "iris"}).status_code == 200
    assert world.clients["interviewer not assigned"].get(f"/api/v1/sessions/{world.session_a}/sheet").status_code == 200
    assert ivan.get(f"/api/v1/sessions/{world.session_a}/sheet").status_code == 404
