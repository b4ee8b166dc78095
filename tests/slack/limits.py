"""Slack's Block Kit limits, checked on a rendered message (the renderer's own constants are
not trusted here: these are Slack's documented numbers)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

FORBIDDEN = re.compile(r"<[!@#]")
"""Special mentions (<!channel>, <!here>, <!everyone>), user and channel mentions."""


def check_message(blocks: list[dict[str, Any]], text: str) -> list[str]:
    problems: list[str] = []
    if len(blocks) > 50:
        problems.append(f"{len(blocks)} blocks")
    if len(text) > 40000:
        problems.append("text too long")
    if FORBIDDEN.search(text):
        problems.append(f"mention in fallback text: {text[:80]!r}")
    block_ids = [block["block_id"] for block in blocks if block.get("block_id")]
    problems += ["block_id longer than 255" for block_id in block_ids if len(block_id) > 255]
    for block in blocks:
        check = BLOCKS.get(block.get("type") or "")
        problems += check(block) if check else [f"unexpected block type {block.get('type')}"]
    action_ids = [element["action_id"] for block in blocks if block.get("type") == "actions"
                  for element in block.get("elements") or []]
    if len(set(action_ids)) != len(action_ids):
        problems.append(f"duplicate action_id in {action_ids}")
    if len(set(block_ids)) != len(block_ids):
        problems.append("duplicate block_id")
    return problems


def _section(block: dict[str, Any]) -> list[str]:
    problems = _text_object(block["text"], 3000, "section text") if "text" in block else []
    fields = block.get("fields") or []
    if len(fields) > 10:
        problems.append(f"{len(fields)} fields")
    for item in fields:
        problems += _text_object(item, 2000, "field")
    if "text" not in block and not fields:
        problems.append("empty section")
    return problems


def _actions(block: dict[str, Any]) -> list[str]:
    elements = block.get("elements") or []
    problems = [] if 1 <= len(elements) <= 25 else [f"{len(elements)} elements in an actions block"]
    for element in elements:
        problems += _button(element)
    return problems


def _button(element: dict[str, Any]) -> list[str]:
    problems = []
    if len(element["action_id"]) > 255:
        problems.append("action_id longer than 255")
    if element["text"]["type"] != "plain_text" or len(element["text"]["text"]) > 75:
        problems.append(f"button label {element['text']['text']!r}")
    if len(element.get("value", "")) > 2000:
        problems.append("button value longer than 2000")
    if element.get("style") not in (None, "primary", "danger"):
        problems.append(f"style {element.get('style')}")
    confirm = element.get("confirm")
    if confirm is not None:
        if len(confirm["title"]["text"]) > 100 or len(confirm["text"]["text"]) > 300:
            problems.append("confirm dialog too long")
        if len(confirm["confirm"]["text"]) > 30 or len(confirm["deny"]["text"]) > 30:
            problems.append("confirm dialog button too long")
    return problems


def _context(block: dict[str, Any]) -> list[str]:
    elements = block.get("elements") or []
    problems = [] if 1 <= len(elements) <= 10 else ["context elements"]
    for element in elements:
        problems += _text_object(element, 3000, "context")
    return problems


BLOCKS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "section": _section, "actions": _actions, "context": _context}
"""Block type → its checks."""


def _text_object(obj: dict[str, Any], limit: int, what: str) -> list[str]:
    problems = []
    content = obj.get("text", "")
    if not content:
        problems.append(f"empty {what}")
    if len(content) > limit:
        problems.append(f"{what} of {len(content)} characters")
    if obj.get("type") == "mrkdwn":
        if FORBIDDEN.search(content):
            problems.append(f"mention in {what}: {content[:80]!r}")
        if obj.get("verbatim") is not True:
            problems.append(f"{what} not verbatim")
        # every & starts an entity, every < opens a link to an https address we made
        for match in re.finditer(r"&(?!amp;|lt;|gt;)", content):
            problems.append(f"unescaped & in {what} at {match.start()}")
        for match in re.finditer(r"<(?!https?://)", content):
            problems.append(f"unescaped < in {what} at {match.start()}")
    return problems
