"""Understanding a question: its words and names, its kind, and follow-ups made standalone."""
