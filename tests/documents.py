"""Documents of every format, made on the spot: a PDF (fpdf2), a Word file (python-docx), HTML pages."""

from __future__ import annotations

from pathlib import Path


def make_pdf(path: Path, paragraphs: list[str], *, title: str | None = None, heading: str | None = None, pages: int = 1) -> Path:
    """A PDF with a text layer: ``heading`` then ``paragraphs`` on each of ``pages`` pages."""
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    for _ in range(pages):
        pdf.add_page()
        if heading:
            pdf.set_font("helvetica", style="B", size=16)
            pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF whose page is only a picture (here a drawn box): no text layer, as a scan without OCR."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    pdf.rect(20, 20, 170, 240, style="F")
    pdf.output(str(path))
    return path


def make_docx(
    path: Path,
    paragraphs: list[str],
    *,
    title: str | None = None,
    heading: str | None = None,
    items: list[str] = (),
    table: list[list[str]] = (),
) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    for item in items:
        document.add_paragraph(item, style="List Bullet")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.save(str(path))
    return path


def make_html(path: Path, paragraphs: list[str], *, title: str | None = None, heading: str | None = None) -> Path:
    head = f"<title>{title}</title>" if title else ""
    body = (f"<h1>{heading}</h1>" if heading else "") + "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(
        f"<!doctype html><html><head><meta charset='utf-8'>{head}<script>var tracking = 1;</script></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav><main>{body}</main>"
        "<footer>Copyright notice</footer></body></html>",
        encoding="utf-8",
    )
    return path
