"""A conversational assistant that answers questions about a corpus of articles with verifiable citations."""

__version__ = "0.1.0"
