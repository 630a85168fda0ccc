"""Provider ``local``: a packaged GGUF model run in this process by llama.cpp (``llama-cpp-python``).

In process rather than as a server child process, for three things a small CPU model needs:
- prompt-cache reuse: llama.cpp keeps the tokens it last read, and a new prompt that begins the same
  way (the fixed instructions and worked example of ``prompts/answer_system.txt``) is read only from
  where it differs;
- streaming: tokens come out of the same thread that asked for them;
- bounded queueing: the model answers one question at a time (two cores are busy with one), and a
  question that cannot get the model within ``queue_wait_s`` gets :class:`ModelBusy`, which the
  pipeline turns into the offline answer with a notice, instead of a hang behind a queue.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

from assistant.config import LLMSettings
from assistant.local_model import CATALOG, EXTRA_HINT, ModelUnavailable, model_file


class ModelBusy(RuntimeError):
    """The model is answering other questions and did not come free in time."""

    def __init__(self, waited_s: float) -> None:
        super().__init__(f"the local model stayed busy for {waited_s:g} s")
        self.notice = (
            "The local model is busy answering other questions, so this is the offline answer; ask again in a moment for the model's."
        )


class ModelTimeout(TimeoutError):
    """The model took longer than its time limit to answer."""

    def __init__(self, limit_s: float) -> None:
        super().__init__(f"the local model took longer than {limit_s:g} s")
        self.notice = f"The local model took longer than {limit_s:g} s, so this is the offline answer."


_ROLES = {"system": "system", "human": "user", "ai": "assistant"}
# The answer is one short paragraph; what a small model adds after a blank line (an explanation, a
# note) costs seconds of generation and is seldom cited.
PARAGRAPH_END = ["\n\n"]


class LocalChatModel(BaseChatModel):
    """A LangChain chat model over one ``llama_cpp.Llama``, shared by every caller of the process."""

    model_path: str
    context_tokens: int = 2048
    threads: int | None = None
    prompt_threads: int | None = None
    max_tokens: int = 300
    temperature: float = 0.0
    timeout_s: float = 30.0
    queue_wait_s: float = 10.0

    _llama: Any = PrivateAttr(default=None)
    _turn: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-local"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "context_tokens": self.context_tokens}

    def load(self) -> None:
        """Map the model into memory (no inference); done once, before the first question."""
        if self._llama is not None:
            return
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ImportError(f"provider 'local' needs llama-cpp-python: {EXTRA_HINT}") from exc
        self._llama = Llama(
            model_path=self.model_path,
            n_ctx=self.context_tokens,
            n_threads=self.threads or default_threads(),
            # reading the prompt is one batched pass, short enough to take every core: twice as fast on two
            n_threads_batch=self.prompt_threads or self.threads or os.cpu_count() or 1,
            n_batch=512,
            verbose=False,
        )

    def _generate(
        self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any
    ) -> ChatResult:
        text = "".join(str(chunk.message.content) for chunk in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        if not self._turn.acquire(timeout=self.queue_wait_s):
            raise ModelBusy(self.queue_wait_s)
        try:  # released when the reply ends, fails, or its reader stops reading (the generator is closed)
            self.load()
            deadline = time.monotonic() + self.timeout_s
            chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
            for part in self._llama.create_chat_completion(
                messages=chat, max_tokens=self.max_tokens, temperature=self.temperature, stop=[*(stop or []), *PARAGRAPH_END], stream=True
            ):
                if time.monotonic() > deadline:
                    raise ModelTimeout(self.timeout_s)
                piece = part["choices"][0]["delta"].get("content") or ""
                if piece:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager:
                        run_manager.on_llm_new_token(piece, chunk=chunk)
                    yield chunk
        finally:
            self._turn.release()


def default_threads() -> int:
    """Every core. Measured on 2 idle cores with the 1.5B model: 32 tokens in 3.0 s on 2 threads, 4.8 s on
    one. llama.cpp's threads wait for each other by spinning, so when other programs keep the cores busy
    one fewer is faster (``ASSISTANT_LLM__LOCAL__THREADS``): 0.3 tokens/s on 2 busy cores, 3.5 on 1."""
    return os.cpu_count() or 1


def build_local(settings: LLMSettings) -> LocalChatModel:
    """The packaged model named by ``settings.local.model`` (joined from its packages on first use), loaded."""
    local = settings.local
    if local.model_path is not None:
        path = Path(local.model_path)
        if not path.is_file():
            raise ModelUnavailable(f"no model file at {path} (ASSISTANT_LLM__LOCAL__MODEL_PATH); point it at a GGUF file or unset it")
    else:
        path = model_file(CATALOG[local.model], local.cache_dir)
    model = LocalChatModel(
        model_path=str(path),
        context_tokens=local.context_tokens,
        threads=local.threads,
        prompt_threads=local.prompt_threads,
        max_tokens=settings.max_tokens,
        temperature=settings.temperature,
        timeout_s=settings.timeout_s,
        queue_wait_s=local.queue_wait_s,
    )
    model.load()
    return model
