"""Request and response bodies of the HTTP API, with the descriptions and examples shown at /docs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from assistant.chain import MAX_QUESTION, InvalidQuestion, Pipeline
from assistant.citations import Answer, Citation
from assistant.understand.validity import text_problem

MAX_HISTORY = 100
MAX_MESSAGE = 20_000
MODEL_ID = "sources-assistant"

EXAMPLE_ANSWER = {
    "answer": "Eastbay, with 30 ships a day, ranks second among the ports [1].",
    "answered": True,
    "citations": [
        {
            "n": 1,
            "source": "harbour-survey-2031",
            "title": "Harbour Survey 2031",
            "url": None,
            "quote": "Eastbay, with 30 ships a day, ranks second among the ports",
            "start": 412,
            "end": 470,
        }
    ],
    "session_id": "9149949b41df417999e7dd7f2511a4bd",
    "standalone_question": "How many ships a day does Eastbay handle?",
    "mode": "offline",
    "notice": None,
}
# What a question looks like in the schema; the validator below trims it first, then checks the same.
QUESTION_SCHEMA = {"minLength": 1, "maxLength": MAX_QUESTION, "pattern": r"\S"}


def _valid_text(value: Any) -> Any:
    if isinstance(value, str) and (problem := text_problem(value, "the value")):
        raise ValueError(problem)
    return value


# Text a client sends that may be stored or sent back: a lone surrogate or a control character in it
# would fail there (and with it the whole response), so it is refused first, naming the code point.
Text = Annotated[str, BeforeValidator(_valid_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HistoryMessage(Strict):
    """One earlier turn sent by a client that keeps the conversation itself."""

    role: Literal["user", "assistant", "system"] = Field(description="Who said it; system messages are ignored.")
    content: Text = Field(max_length=MAX_MESSAGE, description="What was said.")


def _question(value: Any) -> str:
    try:
        return Pipeline.validate(value)
    except InvalidQuestion as exc:
        raise ValueError(str(exc)) from None


class AskRequest(Strict):
    """A question, optionally in the context of a conversation."""

    question: str = Field(
        description=f"The question, 1 to {MAX_QUESTION} characters after trimming (any language the glossary knows).",
        json_schema_extra=QUESTION_SCHEMA,
        examples=["How many ships a day does Eastbay handle?"],
    )
    session_id: str | None = Field(
        None,
        max_length=64,
        description="Continue the conversation with this id (from an earlier answer); omit it to start a new one.",
        examples=[None],
    )
    history: list[HistoryMessage] | None = Field(
        None,
        max_length=MAX_HISTORY,
        description="Alternatively, the earlier turns, oldest first, for clients that keep the conversation themselves. "
        "When given, nothing is kept on the server and no session_id is returned.",
        examples=[None],
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "How many ships a day does Eastbay handle?"},
                {"question": "And Northport?", "session_id": "9149949b41df417999e7dd7f2511a4bd"},
                {
                    "question": "And Northport?",
                    "history": [
                        {"role": "user", "content": "How many ships a day does Eastbay handle?"},
                        {"role": "assistant", "content": "Eastbay, with 30 ships a day, ranks second among the ports [1]."},
                    ],
                },
            ]
        },
    )

    @field_validator("question")
    @classmethod
    def _check_question(cls, value: str) -> str:
        return _question(value)

    @field_validator("session_id", mode="before")
    @classmethod
    def _check_session_id(cls, value: Any) -> Any:
        return _valid_text(value)

    def history_dicts(self) -> list[dict[str, str]] | None:
        return None if self.history is None else [m.model_dump() for m in self.history]


class FieldError(BaseModel):
    loc: list[str | int] = Field(description="Where the problem is, e.g. ['body', 'question'].")
    msg: str = Field(description="What is wrong there.")
    type: str = Field(description="Kind of problem.")


class OpenAIError(BaseModel):
    message: str
    type: str
    code: str | None = None


class ErrorResponse(BaseModel):
    """Every error: ``detail`` says what went wrong and what to do."""

    detail: str = Field(
        description="What went wrong and what to do about it.", examples=["question is empty: ask something about the sources"]
    )
    errors: list[FieldError] | None = Field(None, description="For invalid requests: each problem found, with where it is.")
    error: OpenAIError | None = Field(None, description="On /v1 routes: the same, in the shape OpenAI clients read.")


class HealthResponse(BaseModel):
    """Whether the service is up, and what it answers from."""

    model_config = ConfigDict(extra="allow")

    status: Literal["ok", "empty", "unavailable"] = Field(
        description="'ok'; 'empty' when nothing has been indexed; 'unavailable' when the store can't be reached."
    )
    store: str | None = Field(None, description="Where the index lives.")
    sessions: str | None = Field(None, description="'ok' when the conversations database answers.")
    detail: str | None = Field(None, description="What is wrong, when something is.")
    hint: str | None = Field(None, description="What to do, when the index is empty.")
    generation: str | None = Field(None, description="The index generation answering now.")
    articles: int | None = None
    chunks: int | None = None
    facts: int | None = None
    embedding_model: str | None = None
    built_at: str | None = None
    llm: str | None = Field(None, description="The LLM provider, or 'offline'.")


class ArticleSummary(BaseModel):
    """An article the assistant answers from."""

    id: str = Field(description="The id citations use as `source`.")
    title: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    length: int = Field(description="Length of the text in characters; citation offsets fall in [0, length].")


class FactOut(BaseModel):
    """A typed fact extracted from an article, with its verbatim quote."""

    id: str
    article: str = Field(description="Id of the article the quote comes from.")
    subject: str
    subject_type: str
    metric: str
    value: int | float | str
    unit: str | None = None
    qualifier: str | None = None
    scope: str | None = None
    as_of: str | None = None
    quote: str
    start: int
    end: int
    origin: str = Field("curated", description="'curated' (corpus/facts.yaml) or 'learned' (extracted from the article at index time).")


class ArticleText(ArticleSummary):
    """An article with its full text: ``text[start:end]`` of a citation is its quote."""

    text: str = Field(description="The article text exactly as indexed.")
    facts: list[FactOut] = Field(default_factory=list, description="The typed facts quoting this article, curated and learned.")


class SourcesResponse(BaseModel):
    articles: list[ArticleSummary] = Field(description="The indexed articles.")
    facts: list[FactOut] = Field(description="The structured facts the facts engine answers from.")


# ------------------------------------------------------------------------------ OpenAI-compatible


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = Field(description="Only 'text' parts are read.")
    text: Text | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: Text | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """An OpenAI chat completion request: the last user message is the question, earlier ones the history.

    Sampling options (temperature, max_tokens, ...) are accepted and ignored: answers are checked
    against the sources and do not vary.
    """

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [{"model": MODEL_ID, "messages": [{"role": "user", "content": "Which layer has the largest share?"}]}]
        },
    )
    model: Text = Field(MODEL_ID, max_length=200, description=f"Any name; '{MODEL_ID}' is listed at /v1/models.")
    messages: list[ChatMessage] = Field(
        min_length=1, max_length=MAX_HISTORY + 1, description="The conversation; the last one must be the user's question."
    )
    stream: bool = Field(False, description="Send chat.completion.chunk events, then `data: [DONE]`.")


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(BaseModel):
    """An OpenAI chat completion, plus the answer's citations (the text refers to them as [n])."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage
    citations: list[Citation] = Field(description="Sources of the answer, numbered as in its [n] markers.")
    answered: bool = Field(description="False when the sources do not support an answer.")


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "assistant"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    text_for = {
        401: "API keys are configured and the request carries none, or an invalid one.",
        404: "No such article.",
        413: "The request body is larger than the server accepts.",
        422: "Invalid input: `detail` says what is wrong (empty or too long question, wrong types, malformed JSON, unknown session).",
        429: "Too many requests from this client; retry after the `Retry-After` seconds.",
        503: "The index or the conversations database is unreachable; retry after `Retry-After` seconds.",
    }
    return {code: {"model": ErrorResponse, "description": text_for[code]} for code in codes}


ASK_ERRORS = responses(401, 413, 422, 429, 503)

# Each server-sent event, as schema tools read a text/event-stream (one object per event).
ANSWER_EVENT_SCHEMA = {
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["token", "delta", "reset", "citations", "done", "error"]},
        "data": {"type": "string", "contentMediaType": "application/json", "description": "The event's JSON payload."},
    },
}
CHUNK_EVENT_SCHEMA = {
    "type": "object",
    "required": ["data"],
    "properties": {"data": {"type": "string", "description": "A chat.completion.chunk as JSON, or `[DONE]` at the end."}},
}


__all__ = [
    "Answer",
    "ArticleSummary",
    "ArticleText",
    "AskRequest",
    "ChatCompletion",
    "ChatCompletionRequest",
    "ErrorResponse",
    "SourcesResponse",
]
