"""Ingestion: typed facts and entities learned from the articles at index time."""

from assistant.ingest.entities import EntityRecord
from assistant.ingest.extract import EXTRACTOR_VERSION, Extraction, extract_article, extract_articles, version

__all__ = ["EXTRACTOR_VERSION", "EntityRecord", "Extraction", "extract_article", "extract_articles", "version"]
