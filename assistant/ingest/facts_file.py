"""Editing the facts file when an article is removed: its facts go, every other line stays as written."""

from __future__ import annotations

from typing import Any

import yaml


def without_article(text: str, article_id: str) -> str:
    """``text`` (a facts file) without the entries whose ``article`` is ``article_id``.

    The entries are cut out line by line, so the comments and layout of the rest are kept. Should the
    file be laid out so that this does not give the same list minus those entries, the list is written
    out again instead (comments are then lost, the facts are not).
    """
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        return text
    wanted = [f for f in data["facts"] if not (isinstance(f, dict) and str(f.get("article")) == article_id)]
    if len(wanted) == len(data["facts"]):
        return text
    lines = text.splitlines(keepends=True)
    items = _item_nodes(text)
    drop: set[int] = set()
    for i, (item, node) in enumerate(zip(data["facts"], items, strict=True)):
        if isinstance(item, dict) and str(item.get("article")) == article_id:
            first = node.start_mark.line
            last = items[i + 1].start_mark.line if i + 1 < len(items) else _end_line(node, lines)
            drop.update(range(first, last))
    trimmed = "".join(line for n, line in enumerate(lines) if n not in drop)
    try:
        if yaml.safe_load(trimmed) == {**data, "facts": wanted}:
            return trimmed
    except yaml.YAMLError:
        pass
    return yaml.safe_dump({**data, "facts": wanted}, allow_unicode=True, sort_keys=False)


def _item_nodes(text: str) -> list[Any]:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    sequence = next(value for key, value in root.value if key.value == "facts")
    return list(sequence.value)


def _end_line(node: Any, lines: list[str]) -> int:
    """The line after the last one of ``node`` (the last entry: up to its last non-blank line)."""
    end = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
    while end > node.start_mark.line + 1 and not lines[end - 1].strip():
        end -= 1
    return end
