"""The HTTP API (FastAPI) with the chat UI mounted under /ui: ``create_app(pipeline, settings)``."""

from assistant.api.app import create_app

__all__ = ["create_app"]
