"""Documents over HTTP against `assistant serve`: upload, ask, delete; bad files refused, naming the file,
with nothing changed; the routes need a key when keys are configured; `/`, `/docs` and `/redoc` work offline."""

from __future__ import annotations

import httpx
import pytest

from assistant.api import create_app
from tests.documents import make_docx, make_html, make_pdf, make_scanned_pdf
from tests.servers import AssistantServer, ThreadedServer, copy_index, serve_env, writable_corpus
from tests.test_api import with_api

pytestmark = pytest.mark.server

LIMIT = 300_000
ZORBLAT = "The Zorblat beacon was installed in 1987 on the northern cliff of Varnholm island."
QUILLON = "The Quillon bridge is 412 metres long and crosses the Esker river."
MORVEN = "The Morven observatory opened its telescope to visitors in 2004."


@pytest.fixture(scope="module")
def served(tmp_path_factory, indexed):
    """`assistant serve` over a writable copy of the corpus (and of its index)."""
    tmp = tmp_path_factory.mktemp("documents")
    copy_index(indexed[0].store.path, tmp)
    corpus, corpus_env = writable_corpus(tmp)
    env = serve_env(tmp, **corpus_env, ASSISTANT_API__MAX_UPLOAD_BYTES=str(LIMIT))
    with AssistantServer(tmp, env=env) as server:
        server.corpus = corpus
        yield server


@pytest.fixture(scope="module")
def client(served):
    with httpx.Client(base_url=served.url, timeout=120) as client:
        yield client


def seen(client, served) -> tuple:
    """What a user could see change: the index generation, the listed articles, the corpus folder."""
    listed = [a["id"] for a in client.get("/sources").json()["articles"]]
    return client.get("/health").json()["generation"], listed, sorted(p.name for p in (served.corpus / "articles").iterdir())


def ask(client, question: str) -> dict:
    response = client.post("/ask", json={"question": question})
    assert response.status_code == 200
    return response.json()


def assert_cited_verbatim(client, answer: dict, source: str) -> None:
    assert answer["answered"], answer
    citation = next(c for c in answer["citations"] if c["source"] == source)
    text = client.get(f"/sources/{source}").json()["text"]
    assert text[citation["start"] : citation["end"]] == citation["quote"]


def test_upload_a_pdf_then_ask_about_it_then_delete_it(client, served, tmp_path):
    pdf = make_pdf(tmp_path / "Zorblat Beacon.pdf", [ZORBLAT], title="The Zorblat Beacon")
    response = client.post("/sources", files=[("file", (pdf.name, pdf.read_bytes(), "application/pdf"))])
    assert response.status_code == 201, response.text
    (added,) = response.json()["sources"]
    assert added["id"] == "Zorblat-Beacon" and added["title"] == "The Zorblat Beacon" and added["chunks_added"] >= 1 and added["facts"] == 0
    assert (served.corpus / "articles" / "Zorblat-Beacon.pdf").is_file()

    answer = ask(client, "When was the Zorblat beacon installed?")  # at once: no re-index, no wait
    assert "1987" in answer["answer"]
    assert_cited_verbatim(client, answer, "Zorblat-Beacon")
    assert any(a["id"] == "Zorblat-Beacon" for a in client.get("/sources").json()["articles"])

    assert client.delete("/sources/Zorblat-Beacon").status_code == 204
    assert not ask(client, "When was the Zorblat beacon installed?")["answered"]
    assert client.get("/sources/Zorblat-Beacon").status_code == 404
    assert not (served.corpus / "articles" / "Zorblat-Beacon.pdf").exists()
    missing = client.delete("/sources/Zorblat-Beacon")
    assert missing.status_code == 404 and "GET /sources lists the articles" in missing.json()["detail"]


def test_several_formats_in_one_request(client, tmp_path):
    docx = make_docx(tmp_path / "quillon.docx", [QUILLON], heading="The Quillon bridge")
    page = make_html(tmp_path / "morven.html", [MORVEN], title="Morven observatory")
    response = client.post("/sources", files=[("file", (p.name, p.read_bytes())) for p in (docx, page)])
    assert response.status_code == 201, response.text
    assert [(s["id"], s["title"]) for s in response.json()["sources"]] == [
        ("quillon", "The Quillon bridge"),
        ("morven", "Morven observatory"),
    ]
    bridge = ask(client, "How long is the Quillon bridge?")
    assert "412" in bridge["answer"]
    assert_cited_verbatim(client, bridge, "quillon")
    observatory = ask(client, "When did the Morven observatory open its telescope to visitors?")
    assert "2004" in observatory["answer"]
    assert_cited_verbatim(client, observatory, "morven")


@pytest.mark.parametrize(
    ("name", "make", "status", "says"),
    [
        ("notes.odt", lambda p: p.write_bytes(b"PK\x03\x04 an OpenDocument file"), 415, "type .odt can't be read"),
        ("huge.txt", lambda p: p.write_text("Zorblat " * (LIMIT // 4)), 413, f"larger than the limit of {LIMIT:,} bytes"),
        ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.5\n%broken: no objects, no trailer"), 422, "is not a readable PDF"),
        ("empty.html", lambda p: p.write_bytes(b""), 422, "the file is empty"),
        ("scan.pdf", make_scanned_pdf, 422, "has no text layer"),
    ],
)
def test_a_bad_file_gets_a_4xx_naming_it_and_changes_nothing(client, served, tmp_path, name, make, status, says):
    before = seen(client, served)
    path = tmp_path / name
    make(path)
    response = client.post("/sources", files=[("file", (name, path.read_bytes()))])
    assert response.status_code == status
    detail = response.json()["detail"]
    assert detail.startswith(f"{name}: ") and says in detail
    assert seen(client, served) == before


def test_an_upload_without_files_is_refused(client):
    response = client.post("/sources", data={"note": "no file"})
    assert response.status_code == 422 and "file" in response.json()["detail"]


def test_home_leads_to_the_ui_and_the_docs_are_served_without_a_cdn(client):
    home = client.get("/", follow_redirects=False)
    assert home.status_code == 307 and home.headers["location"] == "/ui/"
    for page, script in (("/docs", "/docs/assets/swagger-ui-bundle.js"), ("/redoc", "/docs/assets/redoc.standalone.js")):
        html = client.get(page).text
        assert script in html and "cdn" not in html.lower() and "fonts.googleapis" not in html
        asset = client.get(script)
        assert asset.status_code == 200 and len(asset.content) > 100_000
    spec = client.get("/openapi.json").json()
    assert "post" in spec["paths"]["/sources"] and "delete" in spec["paths"]["/sources/{article_id}"]


def test_with_api_keys_changing_the_sources_needs_a_key(pipeline, tmp_path):
    settings = with_api(pipeline, api_keys=["k1"])
    pdf = make_pdf(tmp_path / "z.pdf", [ZORBLAT])
    with ThreadedServer(create_app(pipeline, settings, ui=False)) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        refused = client.post("/sources", files=[("file", ("z.pdf", pdf.read_bytes()))])
        assert refused.status_code == 401 and "API key required" in refused.json()["detail"]
        assert client.delete("/sources/anything").status_code == 401
        assert client.get("/docs").status_code == 200 and client.get("/docs/assets/swagger-ui.css").status_code == 200
        wrong = client.delete("/sources/anything", headers={"X-API-Key": "k1"})
        assert wrong.status_code == 404  # with the key, the request reaches the route
