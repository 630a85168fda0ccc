"""Understanding a question: whether it is text and asks anything, its words and names, its kind, and
follow-ups made standalone."""
