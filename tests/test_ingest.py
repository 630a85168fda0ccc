"""Reading PDF, HTML and Word files into articles: titles, readable text, verbatim chunks, clear errors."""

from __future__ import annotations

import pytest

from assistant.chunking import chunk_article
from assistant.corpus import CorpusError, load_articles, read_article
from assistant.ingest.facts_file import without_article
from tests.documents import make_docx, make_html, make_pdf, make_scanned_pdf

LONG = (
    "The Zorblat beacon was installed in 1987 on the northern cliff, after two winters of storms had wrecked "
    "the wooden mast that stood there before. Its lamp can be seen from forty kilometres away on a clear night."
)


def test_a_pdf_is_read_with_its_title_and_each_paragraph_on_one_line(tmp_path):
    path = make_pdf(tmp_path / "beacon-report.pdf", [LONG, "A short closing line."], title="The Zorblat Beacon", heading="History")
    article = read_article(path)
    assert article.id == "beacon-report" and article.title == "The Zorblat Beacon"
    lines = article.text.split("\n")
    assert lines[0] == "History"
    assert LONG in lines  # the lines the PDF broke the paragraph into are joined again
    assert "A short closing line." in lines


def test_a_pdf_without_a_title_is_named_by_its_first_heading(tmp_path):
    article = read_article(make_pdf(tmp_path / "notes.pdf", [LONG], heading="Beacon maintenance log"))
    assert article.title == "Beacon maintenance log"


def test_chunks_of_a_pdf_are_verbatim_spans_of_its_text(tmp_path):
    article = read_article(make_pdf(tmp_path / "long.pdf", [LONG] * 6, pages=3))
    chunks = chunk_article(article, encoding_name="cl100k_base", max_tokens=60, overlap_sentences=1)
    assert len(chunks) > 3
    for chunk in chunks:
        assert article.text[chunk.start : chunk.end] == chunk.text


def test_a_scanned_pdf_without_text_is_reported_with_what_to_do(tmp_path):
    with pytest.raises(CorpusError, match=r"scan\.pdf: has no text layer.*OCR"):
        read_article(make_scanned_pdf(tmp_path / "scan.pdf"))


def test_a_damaged_pdf_is_reported(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without an end")
    with pytest.raises(CorpusError, match=r"broken\.pdf: is not a readable PDF"):
        read_article(path)


def test_an_html_page_gives_its_readable_text_without_menus_scripts_or_footers(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Beacon news</title><style>p { color: red }</style></head><body>"
        "<nav>Home | About</nav><article><h1>The beacon</h1>"
        "<p>The <b>Zorblat</b> beacon was <a href='#'>installed</a>\n   in 1987.</p>"
        "<ul><li>Lamp: halogen</li><li>Range: 40 km</li></ul>"
        "<table><tr><th>Year</th><th>Event</th></tr><tr><td>1987</td><td>Installed</td></tr></table>"
        "<script>alert('x')</script></article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.title == "Beacon news"
    assert article.text.split("\n") == [
        "The beacon",
        "The Zorblat beacon was installed in 1987.",
        "- Lamp: halogen",
        "- Range: 40 km",
        "Year | Event",
        "1987 | Installed",
    ]


def test_an_html_page_without_a_title_element_is_named_by_its_heading(tmp_path):
    article = read_article(make_html(tmp_path / "untitled.html", [LONG], heading="Beacon facts"))
    assert article.title == "Beacon facts" and LONG in article.text and "Home" not in article.text


def test_a_word_document_is_read_in_order_with_lists_and_tables(tmp_path):
    path = make_docx(
        tmp_path / "beacon.docx",
        [LONG],
        heading="The Zorblat beacon",
        items=["Lamp: halogen"],
        table=[["Year", "Event"], ["1987", "Installed"]],
    )
    article = read_article(path)
    assert article.title == "The Zorblat beacon"  # no title in the properties: the first heading
    assert article.text.split("\n\n") == ["The Zorblat beacon", LONG, "- Lamp: halogen", "Year | Event", "1987 | Installed"]
    assert read_article(make_docx(tmp_path / "titled.docx", [LONG], title="Beacon survey")).title == "Beacon survey"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("old.docx", b"\xd0\xcf\x11\xe0 an old binary .doc renamed", r"old\.docx: is not a readable Word document"),
        ("empty.html", b"<html><body><script>x()</script></body></html>", r"empty\.html: has no readable text"),
        ("binary.html", b"\x00\x01\x02 not html", r"binary\.html: is not an HTML text file"),
    ],
)
def test_unreadable_documents_are_named_and_explained(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(CorpusError, match=message):
        read_article(tmp_path / name)


def test_the_corpus_folder_reads_every_format_beside_markdown(tmp_path):
    make_pdf(tmp_path / "a.pdf", [LONG])
    make_docx(tmp_path / "b.docx", [LONG])
    make_html(tmp_path / "c.html", [LONG], title="C")
    (tmp_path / "d.txt").write_text("Beacons\n\n" + LONG, encoding="utf-8")
    (tmp_path / "notes.odt").write_bytes(b"not read")
    assert sorted(load_articles(tmp_path)) == ["a", "b", "c", "d"]


def test_removing_an_article_from_the_facts_file_keeps_every_other_line():
    text = (
        "# Curated facts\n"
        "facts:\n"
        "  - id: one\n"
        "    article: keep\n"
        '    quote: "a"  # checked\n'
        "  - id: two\n"
        "    article: gone\n"
        '    quote: "b"\n'
        "  # the next one was added later\n"
        "  - id: three\n"
        "    article: keep\n"
        '    quote: "c"\n'
        "  - id: four\n"
        "    article: gone\n"
        '    quote: "d"\n'
    )
    trimmed = without_article(text, "gone")
    assert trimmed == (
        "# Curated facts\n"
        "facts:\n"
        "  - id: one\n"
        "    article: keep\n"
        '    quote: "a"  # checked\n'
        "  - id: three\n"
        "    article: keep\n"
        '    quote: "c"\n'
    )
    assert without_article(text, "unknown") == text
