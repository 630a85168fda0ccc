"""Answering: the facts engine, the extractive reader and the LLM writer, and the evidence they cite."""
