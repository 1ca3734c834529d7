"""Browser tests: the pages a recruiting team uses, driven in Debian's Chromium through Playwright.

Covers: upload a seed and see its warnings; search; practice; assemble a paper; take it as a
candidate through a reload mid-answer; score it as an interviewer. Every page is photographed
at 1366×768 and 390×844 (artifacts/screenshots/).
"""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import sync_playwright

from kaoguan.cli.serving import load_seeds
from kaoguan.score import Scorer
from kaoguan.web import create_app
from tests.conftest import INTERNET_BANK_SEED, JD_SEED, SEEDS
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, LiveServer, screenshots
from tests.web.conftest import ADMIN_PASSWORD, admin_token
from tests.web.waiting import wait_scored

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('web') / 'kaoguan.db'}", scorer=Scorer("fast"))
    # As `kaoguan serve --load-seeds` does: the seed banks are public, open to practice.
    load_seeds(app.state.services.library, SEEDS, on_saved=lambda bank: app.state.accounts.set_bank_public(bank, True))
    live = LiveServer(app).start()
    live.token = admin_token(app)
    for rater in ("面试官甲", "面试官乙"):
        admin_token(app, rater)
    yield live
    live.stop()


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server.url, timeout=60, headers={"Authorization": f"Bearer {server.token}"}) as client:
        yield client


def sign_in(page, username: str = "admin") -> None:
    page.goto("/login")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', ADMIN_PASSWORD)
    page.click('#login-form button[type="submit"]')
    page.locator("#signed-in-as").wait_for()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN", base_url=server.url)
    page = context.new_page()
    # Any request that leaves the app would fail on an offline network: record them.
    outside = []
    page.on("request", lambda request: None if request.url.startswith(server.url) else outside.append(request.url))
    sign_in(page)
    yield page
    context.close()
    assert not outside, f"the page requested resources from outside the app: {outside}"


def bank_id(api, title_part: str) -> int:
    """The first stored bank whose title contains `title_part` (the seed, not later uploads)."""
    return min(b["bank_id"] for b in api.get("/api/v1/banks").json() if title_part in b["title"])


def invite(api, paper_id: int, name: str) -> str:
    response = api.post(f"/api/v1/papers/{paper_id}/invitations", json={"name": name})
    assert response.status_code == 201, response.text
    return response.json()["url"]


def small_paper(api, title: str) -> dict:
    spec = {"title": title, "bank_ids": [bank_id(api, "京东")], "per_section": {"行为面试题": 2}, "seed": 7,
            "time_limit_minutes": 30}
    response = api.post("/api/v1/papers", json=spec)
    assert response.status_code == 201, response.text
    return response.json()


def test_upload_a_seed_and_see_its_warnings(page, tmp_path):
    # The seeds are already stored; a second edition of the JD document is new content.
    second_edition = tmp_path / "jd-finance-kefu-guwen-2026-fushi.txt"
    second_edition.write_text(JD_SEED.read_text(encoding="utf-8").replace("客服顾问面试题集", "客服顾问复试题集"),
                              encoding="utf-8")
    page.goto("/banks")
    screenshots(page, "01-library")
    page.set_input_files("#upload-input", str(second_edition))
    page.get_by_text("查看结果与警告").wait_for(timeout=30_000)
    assert "已导入《2026年京东金融客服顾问复试题集》" in page.inner_text("#jobs")
    assert page.locator('.job [role="progressbar"]').get_attribute("aria-valuenow") == "100"
    screenshots(page, "01-library-upload-done")
    page.get_by_text("查看结果与警告").click()
    page.wait_for_url(re.compile(r"/banks/\d+$"))
    assert page.inner_text("#bank-title") == "2026年京东金融客服顾问复试题集"
    warnings = page.locator("#warnings")
    assert "导入警告" in warnings.inner_text()
    assert warnings.locator("li").count() >= 1
    assert "题目不完整" in warnings.inner_text()  # the seed's truncated last question
    screenshots(page, "02-bank-with-warnings")


def test_fix_a_key_point_in_place(page, api):
    jd = bank_id(api, "京东")
    page.goto(f"/banks/{jd}")
    key_point = page.locator('article[data-question-id="s1-q1"] li[data-key-point-id="k1"] [data-field="text"]')
    key_point.fill("保持冷静,先安抚客户情绪")
    page.locator('article[data-question-id="s1-q1"] .save-question').click()
    page.get_by_text("已保存 s1-q1").wait_for()
    stored = api.get(f"/api/v1/banks/{jd}").json()["sections"][0]["questions"][0]["key_points"][0]
    assert stored["text"] == "保持冷静,先安抚客户情绪"
    page.reload()
    assert "网页修改答案要点" in page.inner_text("#versions")  # the edit is a new version, the old one stays
    page.fill('#tag-form input[name="tags"]', "京东金融,客服顾问")
    page.click('#tag-form button[type="submit"]')
    page.get_by_text(re.compile("已保存 \\d")).first.wait_for()
    assert api.get(f"/api/v1/banks/{jd}/summary").json()["tags"] == ["京东金融", "客服顾问"]


def test_search_a_question(page):
    page.goto("/search")
    page.fill('input[name="q"]', "投诉处理")
    page.click('#search-form button[type="submit"]')
    results = page.locator("#results")
    results.wait_for()
    assert results.locator(".search-hit").count() > 0
    assert "投诉" in results.inner_text()
    assert set(results.locator("mark").all_inner_texts()) <= {"投诉", "处理", "投诉处理", "处理投诉"}
    assert results.locator("mark").count() > 0
    screenshots(page, "03-search")


def test_practice_a_question_and_see_the_evidence_highlighted(page, api):
    page.goto("/")
    screenshots(page, "00-home")
    page.click("#start-practice")
    screenshots(page, "04a-practice-banks")
    page.locator(".practice-bank", has_text="京东金融客服顾问面试题集").click()
    screenshots(page, "04b-practice-questions")
    page.locator(".practice-questions a").first.click()
    page.fill("#answer", "我会先保持冷静,安抚客户的情绪,向他道歉。然后耐心倾听,问清楚他遇到了什么问题。")
    page.click("#score-button")
    page.locator("#feedback").wait_for(state="visible", timeout=60_000)
    assert page.locator("#highlighted mark").count() >= 1
    assert page.locator("#missed li").count() >= 1
    assert re.search(r"\d+(\.\d+)? / 8(\.0)? 分", page.inner_text("#score-value"))
    screenshots(page, "04-practice-feedback")


def test_assemble_a_paper(page):
    page.goto("/papers")
    page.fill('input[name="title"]', "客服顾问一面")
    page.locator('input[name="bank"]').first.uncheck()
    page.locator("label", has_text="京东金融客服顾问面试题集").locator('input[name="bank"]').check()
    page.fill('input[data-section="行为面试题"]', "3")
    page.fill('input[data-section="专业知识题"]', "2")
    page.fill('input[name="seed"]', "2026")
    screenshots(page, "05-assemble-form")
    page.click("#assemble")
    page.wait_for_url(re.compile(r"/papers/\d+$"))
    assert page.inner_text("#paper-title") == "客服顾问一面"
    assert page.locator(".paper-item").count() == 5
    assert page.inner_text("#paper-seed") == "2026"
    page.fill('#invite-form input[name="name"]', "张三")
    page.click('#invite-form button[type="submit"]')
    link = page.locator("#invite-link")
    link.wait_for()
    assert "/take/" in link.get_attribute("href")
    screenshots(page, "06-paper-with-invitation")


def test_take_a_paper_through_a_reload_mid_answer(page, api):
    paper = small_paper(api, "候选人作答测试")
    url = invite(api, paper["paper_id"], "李四")
    page.goto(url)
    assert "李四" in page.inner_text("#exam")
    for item in paper["items"]:  # a candidate never sees key points
        for key_point in item["question"]["key_points"]:
            assert key_point["text"] not in page.content()
    first_answer = "我会先稳定客户情绪,真诚道歉,然后问清楚故障发生在哪一步。"
    page.fill("#answer", first_answer)
    page.reload()  # at once, before the autosave pause: the browser's copy must survive
    assert page.input_value("#answer") == first_answer
    page.get_by_text(re.compile(r"已保存 \d\d:\d\d:\d\d")).wait_for(timeout=15_000)
    screenshots(page, "07-candidate-question")
    page.click("#next")
    page.fill("#answer", "先排优先级,紧急的先处理,同时请同事支援。")
    page.get_by_text(re.compile(r"已保存 \d\d:\d\d:\d\d")).wait_for(timeout=15_000)
    page.reload()
    assert "请同事支援" in page.input_value("#answer")  # still on question 2, answer restored
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#submit")
    page.locator("#done").wait_for(state="visible")
    screenshots(page, "08-candidate-submitted")
    sessions = api.get("/api/v1/sessions", params={"paper_id": paper["paper_id"]}).json()
    assert [s["status"] for s in sessions] == ["submitted"]
    page.goto(url)  # the one-time link is used up
    assert "出错了" in page.content()


def test_score_a_session_as_two_interviewers(page, api):
    paper = small_paper(api, "评分测试")
    token = invite(api, paper["paper_id"], "王五").rsplit("/", 1)[1]
    # Position 1 is answered with the model phrasing of its key points, so the scorer finds evidence.
    model = "".join(kp["detail"] or kp["text"] for kp in paper["items"][0]["question"]["key_points"][:2])
    for position, text in [(1, f"我会这样说:{model}"), (2, "不知道。")]:
        assert api.put(f"/api/v1/take/{token}/answers/{position}", json={"text": text, "revision": 1}).status_code == 200
    assert api.post(f"/api/v1/take/{token}/submit").status_code == 200
    session_id = api.get("/api/v1/sessions", params={"paper_id": paper["paper_id"]}).json()[0]["session_id"]
    wait_scored(api, session_id)

    sign_in(page, "面试官甲")
    page.goto(f"/sessions/{session_id}/sheet")
    first = page.locator(".sheet-item").first
    assert first.locator("mark").count() >= 1  # the scorer's evidence, highlighted in the answer
    first.locator('input[name="score"]').fill("8")
    first.locator('button[type="submit"]').click()
    page.get_by_text("已保存第 1 题的评分").wait_for()
    screenshots(page, "09-scoring-sheet")

    sign_in(page, "面试官乙")
    page.goto(f"/sessions/{session_id}/sheet")
    first = page.locator(".sheet-item").first
    # Ticking every key point as not covered proposes 0 points (points × mean coverage).
    for row in first.locator(".kp-row").all():
        row.get_by_label("未覆盖").check()
    assert first.locator('input[name="score"]').input_value() == "0"
    first.locator('input[name="score"]').fill("2")
    first.locator('button[type="submit"]').click()
    page.get_by_text("已保存第 1 题的评分").wait_for()
    first = page.locator(".sheet-item").first
    assert "评分分歧" in first.inner_text()
    assert "面试官甲" in first.inner_text() and "面试官乙" in first.inner_text()
    screenshots(page, "10-scoring-disagreement")
    page.goto("/sessions")
    assert "王五" in page.inner_text("main")
    screenshots(page, "10a-sessions")
    page.goto("/api/v1")
    assert page.locator("#endpoints tr").count() > 20
    screenshots(page, "10b-api-reference")


def test_answers_typed_while_offline_reach_the_server_when_the_network_returns(page, api):
    paper = small_paper(api, "断网测试")
    url = invite(api, paper["paper_id"], "赵六")
    page.goto(url)
    page.context.set_offline(True)
    page.fill("#answer", "断网时写下的回答:先安抚客户情绪。")
    page.get_by_text("网络异常").wait_for(timeout=15_000)
    screenshots(page, "11-candidate-offline")
    page.context.set_offline(False)
    page.get_by_text(re.compile(r"已保存 \d\d:\d\d:\d\d")).wait_for(timeout=15_000)
    token = url.rsplit("/", 1)[1]
    saved = {q["position"]: q["saved_text"] for q in api.get(f"/api/v1/take/{token}").json()["questions"]}
    assert "断网时写下的回答:先安抚客户情绪。" in saved.values()


def test_near_duplicates_can_be_kept_both(page, api):
    page.goto("/duplicates")
    pairs = page.locator(".dup-pair")
    before = pairs.count()
    assert before >= 1, "the seeds share near-identical questions across banks"
    screenshots(page, "12-duplicates")
    pairs.first.locator('[data-action="keep-both"]').click()
    page.get_by_text("已记录:两题都保留").wait_for()
    page.reload()
    assert page.locator(".dup-pair").count() == before - 1


OBJECTIVE_BANK = {
    "schema": "kaoguan.bank/1", "title": "客观题小测", "sections": [{
        "title": "单选与判断", "category": "objective", "questions": [
            {"id": "s1-q1", "number": 1, "kind": "single_choice", "prompt": "客户来电投诉时,第一步应当?", "points": 2,
             "options": {"A": "解释规则", "B": "安抚情绪", "C": "转接主管"}, "answer": "B"},
            {"id": "s1-q2", "number": 2, "kind": "true_false", "prompt": "客服可以向客户承诺保本保收益。", "points": 2,
             "answer": False},
        ]}],
}


def test_choice_questions_keep_the_choice_through_a_reload_and_are_graded(page, api):
    saved = api.post("/api/v1/banks", json=OBJECTIVE_BANK)
    assert saved.status_code == 201, saved.text
    picks = [{"bank_id": saved.json()["bank_id"], "question_id": q} for q in ("s1-q1", "s1-q2")]
    paper = api.post("/api/v1/papers", json={"title": "客观题", "picks": picks}).json()
    url = invite(api, paper["paper_id"], "孙七")
    page.goto(url)
    for _ in range(2):
        prompt = page.inner_text("#question-prompt")
        if "第一步" in prompt:
            page.get_by_label("B. 安抚情绪").check()
        else:
            page.get_by_label("错误").check()
        page.get_by_text(re.compile(r"已保存 \d\d:\d\d:\d\d")).wait_for(timeout=15_000)
        page.reload()
        assert page.locator('input[name="choice"]:checked').count() == 1
        if page.locator("#next").is_enabled():
            page.click("#next")
        else:
            page.click("#prev")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#submit")
    page.locator("#done").wait_for(state="visible")
    session_id = api.get("/api/v1/sessions", params={"paper_id": paper["paper_id"]}).json()[0]["session_id"]
    sheet = wait_scored(api, session_id)
    assert [item["auto"]["score"]["correct"] for item in sheet["items"]] == [True, True]


def test_answers_typed_while_the_server_restarts_are_kept(browser, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'restart.db'}"
    scorer = Scorer("fast")
    first = create_app(db_url, scorer=scorer)
    load_seeds(first.state.services.library, SEEDS)
    server = LiveServer(first).start()
    headers = {"Authorization": f"Bearer {admin_token(first)}"}
    with httpx.Client(base_url=server.url, timeout=60, headers=headers) as api:
        paper = small_paper(api, "重启测试")
        url = invite(api, paper["paper_id"], "周八")
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(url)
        page.fill("#answer", "第一句。")
        page.get_by_text(re.compile(r"已保存 \d\d:\d\d:\d\d")).wait_for(timeout=15_000)
        server.stop()  # the server goes away mid-interview
        page.fill("#answer", "第一句。服务器重启期间写下的第二句。")
        page.get_by_text("网络异常").wait_for(timeout=15_000)
        server = LiveServer(create_app(db_url, scorer=scorer), port=server.port).start()
        page.get_by_text(re.compile(r"已保存 \d\d:\d\d:\d\d")).wait_for(timeout=20_000)
        token = url.rsplit("/", 1)[1]
        with httpx.Client(base_url=server.url, timeout=60) as api:
            saved = [q["saved_text"] for q in api.get(f"/api/v1/take/{token}").json()["questions"]]
        assert "第一句。服务器重启期间写下的第二句。" in saved
    finally:
        context.close()
        server.stop()


def test_documents_can_be_dropped_on_the_upload_area(page):
    page.goto("/banks")
    text = INTERNET_BANK_SEED.read_text(encoding="utf-8")
    # What a browser does when a file is dragged from the desktop and dropped on the zone.
    page.evaluate("""([name, text]) => {
        const data = new DataTransfer();
        data.items.add(new File([text], name, { type: "text/plain" }));
        const zone = document.getElementById("upload-form");
        zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }""", [INTERNET_BANK_SEED.name, text])
    job = page.locator(".job", has_text=INTERNET_BANK_SEED.name)
    job.get_by_text("查看结果与警告").wait_for(timeout=30_000)
    assert "20 题" in job.inner_text()


def test_the_paper_is_submitted_when_the_timer_runs_out(page, api):
    spec = {"title": "限时一分钟", "bank_ids": [bank_id(api, "京东")], "per_section": {"行为面试题": 1},
            "time_limit_minutes": 1}
    paper = api.post("/api/v1/papers", json=spec).json()
    url = invite(api, paper["paper_id"], "吴九")
    page.clock.install()
    page.goto(url)
    assert re.match(r"剩余 0[01]:\d\d", page.inner_text("#timer"))
    page.fill("#answer", "时间到之前写下的回答。")
    page.get_by_text(re.compile(r"已保存 \d\d:\d\d:\d\d")).wait_for(timeout=15_000)
    page.clock.fast_forward("01:05")
    page.locator("#done").wait_for(state="visible", timeout=15_000)
    assert "作答时间已到" in page.inner_text("#done")
    session = api.get("/api/v1/sessions", params={"paper_id": paper["paper_id"]}).json()[0]
    assert session["status"] == "submitted"
    sheet = api.get(f"/api/v1/sessions/{session['session_id']}/sheet").json()
    assert sheet["items"][0]["answer_text"] == "时间到之前写下的回答。"


def test_hand_pick_a_paper_in_the_order_ticked(page):
    page.goto("/papers")
    page.fill('input[name="title"]', "手选试卷")
    page.locator("label", has_text="互联网银行").locator('input[name="bank"]').check()
    page.get_by_label("手动挑选").check()
    picks = page.locator("#pick-list input[type=checkbox]")
    picks.first.wait_for()
    third, first = picks.nth(2), picks.nth(0)
    third.check()
    first.check()
    wanted = [third.locator("xpath=..").inner_text(), first.locator("xpath=..").inner_text()]
    page.click("#assemble")
    page.wait_for_url(re.compile(r"/papers/\d+$"))
    items = page.locator(".paper-item > div")
    assert items.count() == 2
    for item, label in zip(items.all_inner_texts(), wanted):
        assert item[:12] in label  # the label shows the prompt's first 40 characters
