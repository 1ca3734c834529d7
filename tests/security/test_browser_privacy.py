"""In Chromium: a bank owner deletes a candidate's data from the sessions page (the page's fetch
carries the CSRF token), and a candidate's page source holds no key points."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from kaoguan.score import Scorer
from tests.security.world import PASSWORD, build_world
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, LiveServer, screenshots

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    world = build_world(f"sqlite:///{tmp_path_factory.mktemp('privacy') / 'kaoguan.db'}", Scorer("fast"))
    server = LiveServer(world.app).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield world, server, browser
        browser.close()
    server.stop()


def test_an_owner_deletes_a_candidates_data_from_the_sessions_page(live):
    world, server, browser = live
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN", base_url=server.url)
    page = context.new_page()
    page.goto("/login")
    page.fill('input[name="username"]', "ann")
    page.fill('input[name="password"]', PASSWORD)
    page.click('#login-form button[type="submit"]')
    page.goto("/sessions")
    assert "候选人乙" in page.inner_text("main")
    screenshots(page, "20-sessions-with-personal-data")
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator(".candidate-delete[data-name='候选人乙']").click()
    page.wait_for_load_state("load")
    page.wait_for_function("!document.body.innerText.includes('候选人乙')")
    context.close()
    entries = world.app.state.audit.entries(action="candidate.delete")
    assert len(entries) == 1 and entries[0].actor == "ann"


def test_the_candidates_page_source_and_scripts_hold_no_key_points(live):
    world, server, browser = live
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    bodies = []
    page.on("response", lambda response: bodies.append(response.text()) if response.ok else None)
    page.goto(f"/take/{world.token_a}")
    page.wait_for_load_state("networkidle")
    bodies.append(page.content())
    context.close()
    assert len(bodies) >= 3  # the page, its scripts and styles
    assert not [secret for body in bodies for secret in world.secrets if secret in body]
