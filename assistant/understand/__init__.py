"""Understanding a question before it is answered: whether it is text, whether it asks anything."""
