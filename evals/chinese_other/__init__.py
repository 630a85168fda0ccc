"""Chinese questions about articles written for the check (see __main__.py)."""
