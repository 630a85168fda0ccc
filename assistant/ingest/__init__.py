"""Reading documents into the corpus: what files are accepted and how they are read."""
