"""Slack message markup → the plain text the dialogue engine reads (the one decoder).

Slack sends user text with its own markup (https://api.slack.com/reference/surfaces/formatting):
`<@U123>` mentions, `<#C123|general>` channels, `<!here>` special mentions, links
`<https://x|label>`, `<mailto:a@b.it|a@b.it>`, and `&`, `<`, `>` escaped as `&amp;`, `&lt;`,
`&gt;`. The engine's helpers (an e-mail after "per conto di", a number, a VAT number) read
plain text, so every Slack listener passes the text through `decode` before building a Turn.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"<([^<>]*)>")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def _link(target: str, label: str | None) -> str:
    if target.startswith("mailto:"):
        return label or target[len("mailto:"):]
    if target.startswith("tel:"):
        return label or target[len("tel:"):]
    if not label:
        return target
    bare = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", target).rstrip("/")
    if label.rstrip("/") in (target.rstrip("/"), bare):
        return target
    return f"{label} ({target})"


def _replace(match: re.Match[str]) -> str:
    body = match.group(1)
    target, _, label = body.partition("|")
    label = label.strip()
    if target.startswith(("@U", "@W", "@B")):
        return f"@{label}" if label else ""
    if target.startswith("#C") or target.startswith("#G"):
        return f"#{label}" if label else ""
    if target.startswith("!"):
        # <!here>, <!channel>, <!everyone> are dropped; a user group or a date shows its label
        return label if target.startswith(("!subteam^", "!date^")) else ""
    return _link(target, label or None)


def decode(text: str) -> str:
    """Plain text from Slack markup: mentions "@name" (or dropped without a name), channels
    "#name", special mentions dropped, links their label with the address in brackets, e-mail
    and phone links the address, entities decoded; spaces collapsed."""
    plain = _MARKUP.sub(_replace, text)
    for entity, char in _ENTITIES:
        plain = plain.replace(entity, char)
    lines = [" ".join(line.split()) for line in plain.splitlines()]
    return "\n".join(line for line in lines if line).strip()
