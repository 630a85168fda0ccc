"""The chat UI (Gradio), mounted under /ui of the API app; it calls the same pipeline object in-process.

Answers stream in; their ``[n]`` markers are links that show the cited quote highlighted in its article
in the side panel. The conversation is the pipeline's own session (its id kept in ``gr.State``), so a
follow-up is understood in context exactly as over the API.
"""

from __future__ import annotations

import hmac
import html
import logging
import re
from collections.abc import Iterator
from typing import Any

import gradio as gr
from fastapi import FastAPI
from sqlalchemy.exc import InterfaceError, OperationalError

from assistant import ui_context, ui_sources
from assistant.answer.writer import split_claims
from assistant.chain import InvalidQuestion, Pipeline
from assistant.citations import MARKER_RE, Answer
from assistant.config import Settings
from assistant.ingest.library import Library
from assistant.sessions import SessionsUnavailable, UnknownSession
from assistant.store import StoreUnavailable
from assistant.understand.validity import text_problem

log = logging.getLogger(__name__)
PATH = "/ui"
MAX_EXAMPLES = 4
Message = dict[str, str]

PLACEHOLDER = (
    '<div class="ev-empty"><b>Quote in context</b><p>Click a citation number such as '
    '<span class="cite">[1]</span> in an answer to see the quoted passage highlighted in its article.</p></div>'
)

THEME = gr.themes.Soft(
    primary_hue="indigo",
    neutral_hue="slate",
    font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
)

CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto !important; }
.gradio-container > .main.fillable { padding: clamp(8px, 2vw, 16px) clamp(8px, 2.5vw, 32px) !important; }
#header h1 { font-size: 1.45rem; margin: 0.2rem 0 0.1rem; }
#header p { margin: 0; color: var(--body-text-color-subdued); font-size: 0.92rem; }
#header p.mode { font-size: 0.82rem; margin-top: 2px; }
#chat .answer { line-height: 1.55; }
#chat a.cite, #evidence .cite { font-weight: 600; text-decoration: none; color: var(--color-accent);
  padding: 0 2px; border-radius: 4px; cursor: pointer; }
#chat a.cite:hover, #chat a.active-cite { background: var(--color-accent-soft); }
#chat .refs { margin-top: 0.6em; padding-top: 0.4em; border-top: 1px solid var(--border-color-primary); font-size: 0.88em; }
#chat .refs a.ref { display: block; text-decoration: none; color: inherit; padding: 2px 4px; border-radius: 4px; }
#chat .refs a.ref:hover, #chat .refs a.active-cite { background: var(--color-accent-soft); }
#chat .refs a.ref b { color: var(--color-accent); }
.notice { border-left: 3px solid #f59e0b; background: rgba(245, 158, 11, 0.12); padding: 4px 8px;
  border-radius: 4px; margin-bottom: 6px; font-size: 0.9em; }
.notice.info { border-color: var(--color-accent); background: var(--color-accent-soft); }
.typing { opacity: 0.75; }
#chat .draft { opacity: 0.5; font-style: italic; font-size: 0.92em; }
#chat .understood { font-size: 0.82em; color: var(--body-text-color-subdued); margin-bottom: 4px; }
#evidence { border: 1px solid var(--border-color-primary); border-radius: var(--radius-lg); padding: 12px 14px;
  background: var(--block-background-fill); }
#evidence .ev-head { font-size: 0.95em; margin-bottom: 6px; }
#evidence .ev-meta { color: var(--body-text-color-subdued); font-size: 0.85em; }
#evidence .ev-quote { font-size: 0.88em; color: var(--body-text-color-subdued); margin: 4px 0 8px; }
#evidence .ev-text { position: relative; white-space: pre-wrap; overflow-y: auto; max-height: min(58vh, 560px);
  line-height: 1.6; font-size: 0.92em; padding-right: 6px; }
#evidence mark { background: #fde68a; color: #1f2937; padding: 1px 2px; border-radius: 3px; box-shadow: 0 0 0 2px #fbbf24; }
#evidence .ev-empty p { color: var(--body-text-color-subdued); margin: 6px 0 0; }
#sources-list a { text-decoration: none; }
#sources-list li { margin-bottom: 6px; }
#sources-list .meta { color: var(--body-text-color-subdued); font-size: 0.85em; }
@media (max-width: 640px) {
  #header h1 { font-size: 1.2rem; }
  #evidence .ev-text { max-height: 50vh; }
}
"""

# Links to citations and articles are handled here: the side panel asks the server for the article
# with the quote marked, then scrolls the mark into view (and the panel, on narrow screens).
EVIDENCE_JS = """
if (!window.__assistantCitations) {
  window.__assistantCitations = true;
  document.addEventListener('click', async (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#cite/"], a[href^="#article/"]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    document.querySelectorAll('a.active-cite').forEach((a) => a.classList.remove('active-cite'));
    link.classList.add('active-cite');
    // which answer the citation belongs to (its message is of class "turn-K"), named in the panel
    const turn = [...(link.closest('.turn')?.classList || [])].find((c) => /^turn-[0-9]+$/.test(c));
    const ref = link.getAttribute('href').slice(1) + (turn && link.getAttribute('href').startsWith('#cite/') ? '/' + turn.slice(5) : '');
    props.value = await server.quote(ref);
    let tries = 0;
    const reveal = () => {
      const box = element.querySelector('.ev-text');
      if (!box || box.dataset.ref !== ref) {
        if (tries++ < 80) setTimeout(reveal, 25);
        return;
      }
      const mark = box.querySelector('mark');
      if (mark) box.scrollTop += mark.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
      if (window.innerWidth < 900) element.scrollIntoView({ behavior: 'smooth', block: 'start' });
    };
    reveal();
  }, true);
}
"""


def mount_ui(app: FastAPI, pipeline: Pipeline, settings: Settings, *, library: Library | None = None) -> None:
    """Mount the chat UI under /ui. With API keys configured, it asks for one on a login page.

    With a ``library``, its sources panel can add and remove documents.
    """
    keys = [k.get_secret_value() for k in settings.api.api_keys]

    def check(_user: str, password: str) -> bool:
        return any(hmac.compare_digest(password.encode(), k.encode()) for k in keys)

    gr.mount_gradio_app(
        app,
        build_ui(pipeline, settings, library=library),
        path=PATH,
        theme=THEME,
        css=CSS + ui_sources.CSS,
        max_file_size=settings.api.max_upload_bytes,
        footer_links=[],
        run_history=False,
        auth=check if keys else None,
        auth_message="Enter any user name and one of the server's API keys as the password.",
        ssr_mode=False,
        mcp_server=False,
    )


def build_ui(pipeline: Pipeline, settings: Settings, *, library: Library | None = None) -> gr.Blocks:
    examples = settings.ui.examples or default_examples(pipeline)

    def quote(ref: str) -> str:
        return render_reference(pipeline, str(ref))

    with gr.Blocks(title=settings.ui.title) as blocks:
        session = gr.State(None)
        transcript = gr.State([])
        pending = gr.State("")
        gr.HTML(
            f"<h1>{html.escape(settings.ui.title)}</h1><p>Answers come only from the sources, and every "
            f"[n] quotes them verbatim: click one to read it in context.</p><p class=mode>{ui_context.mode_line(settings)}</p>",
            elem_id="header",
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=340):
                chat = gr.Chatbot(
                    value=[],
                    elem_id="chat",
                    show_label=False,
                    height="min(62vh, 640px)",
                    placeholder="**Ask about the sources.** Answers cite the articles; follow-up questions keep the context.",
                    examples=[{"text": q} for q in examples] or None,
                    buttons=[],
                    feedback_options=None,
                    layout="bubble",
                )
                with gr.Row(equal_height=True):
                    question = gr.Textbox(
                        placeholder="Ask a question, e.g. a follow-up like “And in 1990?”",
                        show_label=False,
                        max_lines=4,
                        max_length=2000,
                        scale=5,
                        min_width=200,
                        elem_id="question",
                        autofocus=True,
                    )
                    ask = gr.Button("Ask", variant="primary", scale=1, min_width=72, elem_id="ask")
                new = gr.Button("New conversation", size="sm", variant="secondary", elem_id="new-conversation")
            with gr.Column(scale=2, min_width=300):
                evidence = gr.HTML(PLACEHOLDER, elem_id="evidence", js_on_load=EVIDENCE_JS, server_functions=[quote])
                ui_sources.sources_panel(pipeline, library)

        def take(text: str, messages: list[Message]) -> tuple[Any, str, list[Message], list[Message]]:
            text = (text or "").strip()
            if not text:
                return gr.update(), "", messages, messages
            if problem := text_problem(text):  # it can't even be shown back: say why instead
                messages = [*messages, {"role": "assistant", "content": f'<div class="notice">{html.escape(problem)}</div>'}]
                return "", "", messages, messages
            messages = [*messages, {"role": "user", "content": html.escape(text)}]
            return "", text, messages, messages

        def pick(messages: list[Message], event: gr.SelectData) -> tuple[str, list[Message], list[Message]]:
            text = str((event.value or {}).get("text", "")) if isinstance(event.value, dict) else str(event.value or "")
            messages = [*messages, {"role": "user", "content": html.escape(text)}]
            return text, messages, messages

        def respond(
            text: str, messages: list[Message], session_id: str | None
        ) -> Iterator[tuple[list[Message], list[Message], str | None]]:
            if not text:
                return
            number = ui_context.answer_count(messages) + 1
            for reply, kept in answer_stream(pipeline, text, session_id):
                shown = [*messages, {"role": "assistant", "content": f'<div class="turn turn-{number}">{reply}</div>'}]
                yield shown, shown, kept

        def follow(messages: list[Message]) -> str:
            """The quote panel shows the latest answer's first citation (or says it has none)."""
            number = ui_context.answer_count(messages)
            cited = ui_context.first_citation(messages[-1]["content"]) if number and messages[-1].get("role") == "assistant" else None
            if cited:
                return render_reference(pipeline, f"cite/{cited}/{number}")
            return PLACEHOLDER if not number else PLACEHOLDER.replace("</b>", f"</b><p>Answer {number} cites no source.</p>", 1)

        def reset() -> tuple[list[Message], list[Message], None, str, str]:
            return [], [], None, "", PLACEHOLDER

        answer_io = {
            "fn": respond,
            "inputs": [pending, transcript, session],
            "outputs": [transcript, chat, session],
            "concurrency_limit": 8,
        }
        asked = (
            question.submit(take, [question, transcript], [question, pending, transcript, chat], queue=False),
            ask.click(take, [question, transcript], [question, pending, transcript, chat], queue=False),
            chat.example_select(pick, [transcript], [pending, transcript, chat], queue=False),
        )
        for event in asked:
            event.then(**answer_io).then(fn=follow, inputs=[transcript], outputs=[evidence], queue=False)
        new.click(reset, None, [transcript, chat, session, pending, evidence], queue=False)
        chat.clear(reset, None, [transcript, chat, session, pending, evidence], queue=False)
    blocks.queue(default_concurrency_limit=8)
    return blocks


def answer_stream(pipeline: Pipeline, question: str, session_id: str | None) -> Iterator[tuple[str, str | None]]:
    """The assistant's message as it grows (HTML), with the session id to keep."""
    notice = ""
    for attempt in range(2):
        text = draft = ""
        try:
            for event in pipeline.stream(question, session_id=session_id):
                if event["event"] == "delta":
                    text += event["data"]["text"]
                    yield notice + f'<div class="answer typing">{_plain(text)} ▍</div>', session_id
                elif event["event"] == "token":  # the model's words before they are checked: the sentence being written
                    draft += event["data"]["text"]
                    yield notice + f'<div class="answer typing">{_plain(text)}</div>{_draft(draft)}', session_id
                elif event["event"] == "reset":
                    text = draft = ""
                elif event["event"] == "done":
                    answer = Answer.model_validate(event["data"])
                    yield notice + render_answer(answer, question), answer.session_id
            return
        except UnknownSession:  # the conversation expired on the server: carry on in a new one
            if attempt:
                raise
            session_id = None
            notice = '<div class="notice info">The earlier conversation had expired, so this question starts a new one.</div>'
        except InvalidQuestion as exc:
            yield f'<div class="notice">{html.escape(str(exc))}</div>', session_id
            return
        except StoreUnavailable as exc:
            yield (
                f'<div class="notice">The assistant can\'t reach its index right now ({html.escape(str(exc))}). Try again in a moment.</div>',
                session_id,
            )
            return
        except (SessionsUnavailable, OperationalError, InterfaceError):
            yield (
                '<div class="notice">The assistant can\'t reach its conversations database right now. Try again in a moment.</div>',
                session_id,
            )
            return
        except Exception:
            log.exception("the UI could not answer %r", question)
            yield '<div class="notice">Something went wrong while answering; please try again.</div>', session_id
            return


def render_answer(answer: Answer, question: str | None = None) -> str:
    """An answer as chat HTML: [n] markers link to their quote, followed by the list of sources.

    When the question was understood differently from how it was asked (a follow-up, a translation),
    the reading is shown, so that the user can see what context was carried over.
    """
    by_n = {c.n: c for c in answer.citations}

    def link(match: Any) -> str:
        c = by_n.get(int(match.group(1)))
        if c is None:
            return match.group(0)
        return f'<a class="cite" href="#cite/{html.escape(c.source)}/{c.start}/{c.end}/{c.n}" title="{html.escape(c.quote)}">[{c.n}]</a>'

    parts = []
    if not answer.answered:
        parts.append('<div class="notice"><b>Not covered by the sources.</b> Nothing in them answers this, so no answer is given.</div>')
    understood = answer.standalone_question.strip()
    if question and understood and understood.casefold() != question.strip().casefold() and ui_context.well_formed(understood, question):
        parts.append(f'<div class="understood">Understood as: “{html.escape(understood)}”</div>')
    parts.append(f'<div class="answer">{MARKER_RE.sub(link, _plain(answer.answer))}</div>')
    if answer.citations:
        refs = "".join(
            f'<a class="ref" href="#cite/{html.escape(c.source)}/{c.start}/{c.end}/{c.n}"><b>[{c.n}]</b> {html.escape(c.title)}: '
            f"“{html.escape(_clip(c.quote, 140))}”</a>"
            for c in answer.citations
        )
        parts.append(f'<div class="refs">{refs}</div>')
    if answer.notice:
        parts.append(f'<div class="notice info">{html.escape(answer.notice)}</div>')
    return "".join(parts)


def render_reference(pipeline: Pipeline, ref: str) -> str:
    """The side panel for ``cite/SOURCE/START/END/N[/ANSWER]`` (the quote marked in its article) or ``article/SOURCE``."""
    kind, _, rest = ref.partition("/")
    try:
        reader = pipeline.reader()
    except StoreUnavailable as exc:
        return f'<div class="notice">The index is unavailable right now: {html.escape(str(exc))}</div>'
    articles = reader.snapshot.articles if reader else {}
    if kind == "cite":
        try:
            source, start_s, end_s, n_s, *answer_s = rest.split("/")
            start, end, n = int(start_s), int(end_s), int(n_s)
            answer_no = int(answer_s[0]) if answer_s else 0
        except ValueError:
            return PLACEHOLDER
    else:
        source, start, end, n, answer_no = rest, 0, 0, 0, 0
    article = articles.get(source)
    if article is None:
        return f'<div class="notice">The article {html.escape(source)} is not in the index (any more).</div>'
    text = article.text
    meta = " · ".join(html.escape(x) for x in (article.publisher, article.published) if x)
    if article.url:
        meta += (" · " if meta else "") + f'<a href="{html.escape(article.url)}" target="_blank" rel="noopener">original</a>'
    which = f"Answer {answer_no}, " if answer_no else ""
    head = f'<div class="ev-head">{f"<span class=ev-which>{which}</span><span class=cite>[{n}]</span> " if n else ""}<b>{html.escape(article.title)}</b>'
    head += f'<div class="ev-meta">{meta}</div></div>' if meta else "</div>"
    if 0 <= start < end <= len(text):
        body = f'{html.escape(text[:start])}<mark id="quote-mark">{html.escape(text[start:end])}</mark>{html.escape(text[end:])}'
        where = f'<div class="ev-quote">Characters {start}–{end} of {len(text)}, highlighted below.</div>'
    else:
        body, where = html.escape(text), f'<div class="ev-quote">{len(text)} characters.</div>'
    return f'<div class="ev">{head}{where}<div class="ev-text" data-ref="{html.escape(ref)}">{body}</div></div>'


def default_examples(pipeline: Pipeline, limit: int = MAX_EXAMPLES) -> list[str]:
    """Example questions drawn from the corpus's facts, kept only when the pipeline answers them."""
    return pipeline.examples.get()[:limit]


def _draft(raw: str) -> str:
    """The sentence the model is writing (its finished ones are shown once checked, or not at all)."""
    claims = split_claims(raw)
    unfinished = claims[-1] if claims and not re.search(r"[.!?]\s*(?:\[\d+\]\s*)*$", raw) else ""
    return f'<div class="draft" title="Being written: it is checked against its sources before it is kept">{_plain(unfinished)} ▍</div>'


def _plain(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
