"""The chat UI's sources panel: the articles, an upload area to add documents, a delete button per article.

Uploads and deletions go through the same :class:`~assistant.ingest.library.Library` as ``POST
/sources`` and ``DELETE /sources/{id}``, so a document added here is cited by the API at once, and
the other way round.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.chain import Pipeline
from assistant.corpus import ARTICLE_SUFFIXES
from assistant.ingest.library import Library, Upload, UploadError
from assistant.store import StoreUnavailable

log = logging.getLogger(__name__)

CSS = """
#sources-list li { display: flex; gap: 8px; align-items: flex-start; justify-content: space-between; }
#sources-list li > div { min-width: 0; overflow-wrap: anywhere; }
#sources-list button.delete { flex: none; border: 1px solid var(--border-color-primary); border-radius: 6px; background: none;
  color: var(--body-text-color-subdued); font-size: 0.8em; padding: 1px 8px; cursor: pointer; }
#sources-list button.delete:hover { color: #b91c1c; border-color: #b91c1c; }
#upload-status:empty { display: none; }
#upload { min-height: 0; }
"""

# Delete buttons are plain HTML: a click asks to confirm, then the server removes the article and
# sends the new list.
DELETE_JS = """
if (!element.__deleteHandler) {
  element.__deleteHandler = true;
  element.addEventListener('click', async (event) => {
    const button = event.target.closest && event.target.closest('button[data-delete]');
    if (!button) return;
    event.preventDefault();
    const title = button.dataset.title || button.dataset.delete;
    if (!window.confirm(`Remove “${title}” from the sources? Its file leaves the corpus folder and its passages the index.`)) return;
    button.disabled = true;
    button.textContent = 'Removing…';
    props.value = await server.remove(button.dataset.delete);
  });
}
"""


def sources_panel(pipeline: Pipeline, library: Library | None) -> None:
    """The "Sources" accordion, inside the Blocks being built."""

    def remove(article_id: str) -> str:
        notice = ""
        try:
            library.remove(str(article_id))
        except UploadError as exc:
            notice = f'<div class="notice">{html.escape(exc.detail)}</div>'
        except StoreUnavailable as exc:
            notice = f'<div class="notice">The index is unavailable right now ({html.escape(str(exc))}); try again in a moment.</div>'
        except Exception:
            log.exception("could not remove %r", article_id)
            notice = '<div class="notice">Something went wrong while removing it; the details are in the server log.</div>'
        return notice + render_sources(pipeline, deletable=True)

    with gr.Accordion("Sources", open=False, elem_id="sources"):
        if library is not None:
            upload = gr.File(
                label="Add documents: PDF, HTML, Word (.docx), Markdown, text",
                file_count="multiple",
                file_types=list(ARTICLE_SUFFIXES),
                elem_id="upload",
                height=110,
            )
            status = gr.HTML("", elem_id="upload-status")
        listing = gr.HTML(
            lambda: render_sources(pipeline, deletable=library is not None),
            elem_id="sources-list",
            js_on_load=DELETE_JS if library is not None else None,
            server_functions=[remove] if library is not None else None,
        )
    if library is None:
        return

    def add(files: list[Any] | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, str, Any]:  # noqa: B008 (how Gradio asks for progress)
        paths = [Path(f if isinstance(f, str) else f.name) for f in files or []]
        if not paths:
            return None, "", gr.update()
        uploads = [Upload(p.name, p) for p in paths]  # Gradio keeps each upload under its own name, in a folder of its own

        def report(stage: str, done: int, total: int) -> None:
            progress((done, max(total, 1)), desc=f"{stage} {done}/{total}" if total else stage)

        try:
            added = library.add(uploads, progress=report)
        except UploadError as exc:
            return None, f'<div class="notice">{html.escape(exc.detail)}</div>', gr.update()
        except StoreUnavailable as exc:
            return None, f'<div class="notice">The index is unavailable right now ({html.escape(str(exc))}).</div>', gr.update()
        except Exception:
            log.exception("could not add %s", [u.filename for u in uploads])
            return None, '<div class="notice">Something went wrong while indexing; the details are in the server log.</div>', gr.update()
        done = "; ".join(f"<b>{html.escape(a.title)}</b> ({a.chunks_added} passages)" for a in added)
        message = f'<div class="notice info">Added {done}. Ask about {"it" if len(added) == 1 else "them"} now.</div>'
        return None, message, render_sources(pipeline, deletable=True)

    upload.upload(add, [upload], [upload, status, listing], concurrency_limit=1, show_progress="full")


def render_sources(pipeline: Pipeline, *, deletable: bool = False) -> str:
    """The list of articles (each opens in the quote panel), with a delete button each when ``deletable``."""
    try:
        reader = pipeline.reader()
    except StoreUnavailable as exc:
        return f'<div class="notice">The index is unavailable right now: {html.escape(str(exc))}</div>'
    if reader is None:
        return '<div class="notice">Nothing is indexed yet: add documents above, or run <code>assistant index</code>.</div>'
    facts: dict[str, int] = {}
    for fact in reader.snapshot.facts.values():
        facts[fact.article] = facts.get(fact.article, 0) + 1
    items = []
    for a in sorted(reader.snapshot.articles.values(), key=lambda a: a.title.casefold()):
        meta = " · ".join(x for x in (a.publisher, a.published, f"{len(a.text):,} characters", f"{facts.get(a.id, 0)} facts") if x)
        button = (
            f'<button class="delete" type="button" data-delete="{html.escape(a.id)}" data-title="{html.escape(a.title)}" '
            f'title="Remove this article from the sources">Delete</button>'
            if deletable
            else ""
        )
        items.append(
            f'<li data-id="{html.escape(a.id)}"><div><a href="#article/{html.escape(a.id)}">{html.escape(a.title)}</a>'
            f'<div class="meta">{html.escape(meta)}</div></div>{button}</li>'
        )
    return f"<ul>{''.join(items)}</ul>"
