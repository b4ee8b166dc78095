"""Slack message markup → the plain text the dialogue engine reads (the one decoder).

Slack sends user text with its own markup (https://api.slack.com/reference/surfaces/formatting):
`<@U123>` mentions, `<#C123|general>` channels, `<!here>` special mentions, links
`<https://x|label>`, `<mailto:a@b.it|a@b.it>`, and `&`, `<`, `>` escaped as `&amp;`, `&lt;`,
`&gt;`. The engine's helpers (an e-mail after "per conto di", a number, a VAT number) read
plain text, so every Slack listener passes the text through `decode` before building a Turn.

Mentions stay in the text as `@name` (or `@U123` when Slack sends no name), `@here`,
`@channel`, `#channel`: "<@U0MARCO> conferma" asks a colleague, and must read as something
other than a plain "conferma". Only the bot's own mention is dropped ("@fatturazione sì" is a
"sì" to the bot).
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


def _replace(match: re.Match[str], own_user_id: str | None) -> str:
    body = match.group(1)
    target, _, label = body.partition("|")
    label = label.strip()
    if target.startswith(("@U", "@W", "@B")):
        if own_user_id and target[1:] == own_user_id:
            return ""
        return f"@{label or target[1:]}"
    if target.startswith(("#C", "#G")):
        return f"#{label or target[1:]}"
    if target.startswith("!"):
        # a user group or a date shows its label; <!here>, <!channel>, <!everyone> their name
        if target.startswith(("!subteam^", "!date^")):
            return label
        return f"@{target[1:]}"
    return _link(target, label or None)


def decode(text: str, own_user_id: str | None = None) -> str:
    """Plain text from Slack markup: mentions "@name" (the user id without a name; the bot's
    own, `own_user_id`, dropped), channels "#name", special mentions "@here", links their label
    with the address in brackets, e-mail and phone links the address, entities decoded; spaces
    collapsed."""
    plain = _MARKUP.sub(lambda match: _replace(match, own_user_id), text)
    for entity, char in _ENTITIES:
        plain = plain.replace(entity, char)
    lines = [" ".join(line.split()) for line in plain.splitlines()]
    return "\n".join(line for line in lines if line).strip()
