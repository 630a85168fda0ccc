"""Chat models, chosen by ``ASSISTANT_LLM__PROVIDER``, and the prompt templates they use.

- ``offline`` (default): no model; the extractive answerer writes every answer.
- ``local``: a packaged model run in this process by llama.cpp (:mod:`assistant.local_llm`).
- ``openai``: any OpenAI-compatible server (OpenAI, Ollama, vLLM, a llama.cpp server) via LangChain's
  ``ChatOpenAI``.
- ``scripted``: replies read from a YAML file, served in turn (for trying prompts and for tests).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from langchain_core.language_models import BaseChatModel
from langchain_core.prompts import ChatPromptTemplate

from assistant.config import LLMSettings, project_root


def _openai(settings: LLMSettings) -> BaseChatModel:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:  # pragma: no cover - part of the base install
        raise ImportError("LLM mode needs langchain-openai: pip install -c constraints.txt -e .") from exc
    if not settings.base_url and not settings.api_key:
        raise ValueError(
            "LLM mode needs OPENAI_BASE_URL (a local server such as http://127.0.0.1:11434/v1) or OPENAI_API_KEY (for OpenAI itself)"
        )
    return ChatOpenAI(
        model=settings.model,
        base_url=settings.base_url,
        api_key=settings.api_key.get_secret_value() if settings.api_key else "not-needed",
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
        timeout=settings.timeout_s,
        max_retries=0,
    )


def _scripted(settings: LLMSettings) -> BaseChatModel:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    if not settings.scripted_replies or not Path(settings.scripted_replies).is_file():
        raise ValueError("the scripted LLM needs ASSISTANT_LLM__SCRIPTED_REPLIES: a YAML file holding a list of replies")
    replies = yaml.safe_load(Path(settings.scripted_replies).read_text(encoding="utf-8"))
    if not isinstance(replies, list) or not all(isinstance(r, str) for r in replies):
        raise ValueError(f"{settings.scripted_replies} must hold a YAML list of strings")
    return FakeListChatModel(responses=replies)


def _local(settings: LLMSettings) -> BaseChatModel:
    from assistant.local_llm import build_local

    return build_local(settings)


PROVIDERS: dict[str, Callable[[LLMSettings], BaseChatModel]] = {"local": _local, "openai": _openai, "scripted": _scripted}


def build_chat_model(settings: LLMSettings) -> BaseChatModel | None:
    """The chat model named by ``settings.provider``, or None for the offline default."""
    if settings.provider == "offline":
        return None
    try:
        factory = PROVIDERS[settings.provider]
    except KeyError:
        choices = ["offline", *sorted(PROVIDERS)]
        raise ValueError(f"unknown LLM provider {settings.provider!r}; choose one of {choices} (ASSISTANT_LLM__PROVIDER)") from None
    return factory(settings)


class Prompts:
    """The prompt templates in ``prompts/``, read when the pipeline is built."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else project_root() / "prompts"
        self.answer = self._pair("answer")
        self.condense = self._pair("condense")

    def _pair(self, name: str) -> ChatPromptTemplate:
        try:
            system = (self.folder / f"{name}_system.txt").read_text(encoding="utf-8")
            user = (self.folder / f"{name}_user.txt").read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise FileNotFoundError(f"prompt template missing: {exc.filename}; restore it or set ASSISTANT_LLM__PROMPTS_DIR") from exc
        return ChatPromptTemplate.from_messages([("system", system), ("human", user)])


def text_of(message: Any) -> str:
    """The text content of a chat model reply (or reply chunk)."""
    content = getattr(message, "content", message)
    if isinstance(content, list):
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)
