"""Documents added and removed in the chat UI, in a real headless Chromium (Debian's), against `assistant serve`:
upload a PDF, a Word file and an HTML page, ask about each, see the quote highlighted, delete one. Also the
pages around the UI: `/` leads to it, `/docs` and `/redoc` render without the internet."""

from __future__ import annotations

import pytest

from tests.documents import make_docx, make_html, make_pdf
from tests.servers import ROOT, AssistantServer, copy_index, serve_env, writable_corpus
from tests.test_ui_browser import ask, browser  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.server]

ARTIFACTS = ROOT / "test-artifacts"
DOCUMENTS = {  # file name -> (the sentence it alone holds, a question only it answers, what the answer says)
    "zorblat.pdf": ("The Zorblat beacon was installed in 1987.", "When was the Zorblat beacon installed?", "1987"),
    "quillon.docx": ("The Quillon bridge is 412 metres long.", "How long is the Quillon bridge?", "412"),
    "morven.html": ("The Morven observatory opened to visitors in 2004.", "When did the Morven observatory open to visitors?", "2004"),
}
FILLER = "It is described in this document, written for a test of the assistant's sources panel."


@pytest.fixture(scope="module")
def server(tmp_path_factory, indexed):
    tmp = tmp_path_factory.mktemp("ui-uploads")
    copy_index(indexed[0].store.path, tmp)
    _, corpus_env = writable_corpus(tmp)
    env = serve_env(tmp, **corpus_env)
    with AssistantServer(tmp, env=env) as server:
        yield server


@pytest.fixture
def page(browser, server):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.outside = []
    page.on("request", lambda r: page.outside.append(r.url) if not r.url.startswith((server.url, "data:", "blob:")) else None)
    yield page
    page.close()


def documents(folder):
    made = []
    for name, (sentence, _, _) in DOCUMENTS.items():
        title = f"About the {name.split('.')[0].capitalize()}"
        path = folder / name
        if name.endswith(".pdf"):
            make_pdf(path, [sentence, FILLER], title=title)
        elif name.endswith(".docx"):
            make_docx(path, [sentence, FILLER], heading=title)
        else:
            make_html(path, [sentence, FILLER], title=title)
        made.append(path)
    return made


def test_upload_three_formats_ask_each_see_the_quote_then_delete_one(page, server, tmp_path):
    page.goto(f"{server.url}/")  # the home page leads to the chat UI
    page.wait_for_selector("#question textarea", timeout=30_000)
    assert page.url.rstrip("/").endswith("/ui")
    assert "offline reader" in page.inner_text("#header")  # who writes the answers

    page.click("#sources .label-wrap")
    page.set_input_files("#upload input[type=file]", [str(p) for p in documents(tmp_path)])
    page.wait_for_selector("#upload-status .notice.info", timeout=120_000)
    status = page.inner_text("#upload-status")
    for name in DOCUMENTS:
        assert f"About the {name.split('.')[0].capitalize()}" in status
        assert page.locator(f'#sources-list li[data-id="{name.split(".")[0]}"]').count() == 1

    for number, (name, (sentence, question, expected)) in enumerate(DOCUMENTS.items(), start=1):
        ask(page, question)
        answer = page.locator("#chat .answer").last
        assert expected in answer.inner_text()
        # the panel follows the latest answer at once, and says which answer it shows
        page.wait_for_function(
            "n => document.querySelector('#evidence .ev-which')?.innerText.startsWith('Answer ' + n)", arg=number, timeout=10_000
        )
        answer.locator("a.cite").first.click()
        page.wait_for_selector("#evidence mark", timeout=10_000)
        assert sentence in page.inner_text("#evidence mark")
        assert name.split(".")[0] in page.locator("#evidence .ev-text").get_attribute("data-ref")
        assert page.inner_text("#evidence .ev-which").startswith(f"Answer {number}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-uploads.png"))

    page.once("dialog", lambda dialog: dialog.accept())
    page.click('#sources-list li[data-id="quillon"] button.delete')
    page.wait_for_function("() => !document.querySelector('#sources-list li[data-id=\"quillon\"]')", timeout=60_000)
    ask(page, DOCUMENTS["quillon.docx"][1])
    assert "Not covered by the sources" in page.locator("#chat .notice").last.inner_text()
    assert page.locator('#sources-list li[data-id="zorblat"]').count() == 1
    assert page.outside == []


def test_the_api_docs_render_without_the_internet(page, server):
    page.goto(f"{server.url}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    assert "Sources Assistant API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock-summary-path", has_text="/sources").count() >= 2
    page.goto(f"{server.url}/redoc")
    page.wait_for_selector("h1", timeout=30_000)
    assert "Sources Assistant API" in page.inner_text("h1")
    assert page.outside == []
