"""The chat UI in a real headless Chromium (Debian's), driven by Playwright, against `assistant serve`.

Screenshots (desktop 1280x800, phone 390x844) are saved in test-artifacts/.
"""

from __future__ import annotations

import shutil

import httpx
import pytest

from tests.servers import ROOT, AssistantServer, copy_index, serve_env

pytestmark = [pytest.mark.browser, pytest.mark.server]

ARTIFACTS = ROOT / "test-artifacts"
CHENGDU = "How many companies does Chengdu have on the list?"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, indexed):
    tmp = tmp_path_factory.mktemp("ui")
    copy_index(indexed[0].store.path, tmp)
    with AssistantServer(tmp, env=serve_env(tmp)) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed: run scripts/setup.sh --tests"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_ui(browser, server):
    pages = []

    def open_page(width: int, height: int):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.outside = []  # requests leaving the machine: there must be none
        page.on("request", lambda r: page.outside.append(r.url) if not r.url.startswith((server.url, "data:", "blob:")) else None)
        page.goto(f"{server.url}/ui/")
        page.wait_for_selector("#question textarea", timeout=30_000)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


def ask(page, question: str) -> None:
    before = page.locator("#chat .answer:not(.typing), #chat .notice").count()
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .answer:not(.typing), #chat .notice').length > n", arg=before, timeout=30_000
    )


def mark_is_visible_in_panel(page) -> bool:
    return page.evaluate(
        """() => {
            const box = document.querySelector('#evidence .ev-text').getBoundingClientRect();
            const mark = document.querySelector('#evidence mark').getBoundingClientRect();
            return mark.top >= box.top - 1 && mark.bottom <= box.bottom + 1 && mark.height > 0;
        }"""
    )


def test_ask_see_the_answer_click_a_citation_and_see_the_quote_in_its_article(open_ui, server):
    expected = httpx.post(f"{server.url}/ask", json={"question": CHENGDU}, timeout=30).json()
    page = open_ui(1280, 800)
    assert page.title() == "Sources Assistant"
    assert page.get_by_text("Which city has the most companies?").count() >= 1  # example questions from the facts

    ask(page, CHENGDU)
    answer = page.locator("#chat .answer").last
    assert answer.inner_text().startswith(expected["answer"].split(" [")[0])
    citation = answer.locator("a.cite").first
    assert citation.inner_text() == "[1]"
    assert page.locator("#chat .refs").last.inner_text().startswith("[1] " + expected["citations"][0]["title"])
    page.wait_for_selector("#evidence mark", timeout=10_000)  # the quote panel follows the latest answer
    assert page.inner_text("#evidence .ev-which").startswith("Answer 1")

    citation.click()
    page.wait_for_selector("#evidence mark", timeout=10_000)
    assert page.inner_text("#evidence mark") == expected["citations"][0]["quote"]
    assert expected["citations"][0]["title"] in page.inner_text("#evidence .ev-head")
    page.wait_for_timeout(200)
    assert mark_is_visible_in_panel(page)  # scrolled to the quote

    ask(page, "And Shenzhen?")  # the conversation is kept: the follow-up is understood in context
    assert "12" in page.locator("#chat .answer").last.inner_text()
    assert "Shenzhen" in page.locator("#chat .understood").last.inner_text()

    page.wait_for_function("() => document.querySelector('#evidence .ev-which')?.innerText.startsWith('Answer 2')", timeout=10_000)

    ask(page, "What is the capital of France?")
    assert "Not covered by the sources" in page.locator("#chat .notice").last.inner_text()
    page.wait_for_function("() => document.querySelector('#evidence')?.innerText.includes('Answer 3 cites no source')", timeout=10_000)

    page.locator("#chat .answer a.cite").first.click()  # back to the first answer's citation
    page.wait_for_selector("#evidence mark")
    page.wait_for_function("() => document.querySelector('#evidence .ev-which')?.innerText.startsWith('Answer 1')", timeout=10_000)
    page.wait_for_timeout(200)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-desktop.png"))

    page.click("#new-conversation")
    page.wait_for_function("() => document.querySelectorAll('#chat .answer').length === 0")
    assert page.locator("#evidence mark").count() == 0
    page.get_by_text("Which layer has the largest share of companies?").click()
    page.wait_for_selector("#chat .answer:not(.typing)", timeout=30_000)
    assert "37%" in page.locator("#chat .answer").last.inner_text()

    page.click("#sources button, #sources .label-wrap")  # the sources panel lists the articles
    page.locator("#sources").get_by_text("China's AI industry reaches turning point").click()  # not the answer's [1] of the same article
    page.wait_for_function("() => document.querySelector('#evidence .ev-head')?.innerText.includes('turning point')")
    assert page.outside == []


def test_the_ui_works_at_phone_width(open_ui):
    page = open_ui(390, 844)
    ask(page, CHENGDU)
    page.locator("#chat .answer a.cite").first.click()
    page.wait_for_selector("#evidence mark", timeout=10_000)
    page.wait_for_timeout(800)  # the panel scrolls into view below the chat
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    top = page.evaluate("() => document.querySelector('#evidence').getBoundingClientRect().top")
    assert 0 <= top < 844 / 2
    assert mark_is_visible_in_panel(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-phone.png"))
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "ui-phone-chat.png"))
    assert page.outside == []
