"""The pictures of a confirmation message in the README, from the real renderer.

    .venv/bin/python docs/pictures/render_confirmation.py

Drives the real engine on a fresh demo database (Maria Rossi, ACC-1001, on 23 November 2026 at
10:31 in Italy): "riduci a 8 le licenze di GoTo Webinar", then a press of *Conferma*. The Block
Kit that `bot.slack.blocks` produces for the summary, and for the same message after the click
(`without_buttons`, as the Slack adapter updates it), is drawn as Slack draws it in a static
HTML page, which headless Chromium (Debian package `chromium`) turns into
docs/pictures/confirmation-summary.png and docs/pictures/confirmation-confirmed.png.

Not part of the test suite nor of the package; it needs only the project's own dependencies and
a `chromium` on the PATH (or in CHROMIUM). The order id in the follow-up message is new on every
run.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date

from billing_core import init_database
from billing_core.clock import FixedClock
from bot.dialogue import ButtonPress, Place, Reply, Turn
from bot.dialogue.bootstrap import open_engine
from bot.slack.blocks import ActionRef, render, without_buttons

HERE = Path(__file__).resolve().parent
WHEN = datetime(2026, 11, 23, 10, 31, tzinfo=ZoneInfo("Europe/Rome"))
CLICK = WHEN + timedelta(minutes=1)
MARIA = "maria.rossi@example.com"
REQUEST = "riduci a 8 le licenze di GoTo Webinar"
KEY = "slack:T0DEMO:U0MARIA:D0MARIA:"
APP_NAME = "Assistente Fatturazione GoTo"
WIDTH = 720
SCALE = 2

Block = dict[str, Any]


# -- the conversation, through the real engine ---------------------------------------------------

def conversation() -> tuple[list[Block], list[Block], list[list[Block]]]:
    """The summary message's blocks, the same message after Conferma, and the replies after."""
    clock = FixedClock(WHEN)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/demo.db"
        init_database(url, demo=True, clock=clock)
        with open_engine(url, clock=clock) as engine:
            first = engine.handle(Turn(conversation_key=KEY, user_email=MARIA, channel="slack",
                                       text=REQUEST, place=Place(kind="dm")))
            summary = next(reply for reply in first.replies if reply.buttons)
            message = render(summary, ref=ActionRef(summary.prompt_id or "", KEY))
            confirm = next(b for b in summary.buttons if b.action_id == "flow.confirm")
            clock.set(CLICK)
            second = engine.handle(Turn(
                conversation_key=KEY, user_email=MARIA, channel="slack", place=Place(kind="dm"),
                action=ButtonPress(action_id=confirm.action_id, value=confirm.value,
                                   prompt_id=confirm.prompt_id or "")))
    if second.click != "accepted" or not second.outcome:
        raise SystemExit(f"the click was not accepted: {second.click} {second.outcome}")
    after = without_buttons(message.blocks, second.outcome)
    return message.blocks, after, [_blocks(reply) for reply in second.replies]


def _blocks(reply: Reply) -> list[Block]:
    return render(reply).blocks


# -- Block Kit -> HTML ------------------------------------------------------------------------

_LINK = re.compile(r"<(https?://[^|>]+)(?:\|([^>]+))?>")
_STYLES = [
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), "b"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), "i"),
    (re.compile(r"(?<![\w~])~(?=\S)([^~\n]+?)(?<=\S)~(?![\w~])"), "s"),
    (re.compile(r"`([^`\n]+)`"), "code"),
]


def mrkdwn_html(text: str) -> str:
    """Slack's mrkdwn as HTML. Slack's escaping (`&amp;` `&lt;` `&gt;`) is HTML's too, so the
    text is used as it is; only the quote needs escaping, in link targets."""
    out = _LINK.sub(lambda m: f'<a href="{m.group(1).replace(chr(34), "&quot;")}">'
                              f'{m.group(2) or m.group(1)}</a>', text)
    for pattern, tag in _STYLES:
        out = pattern.sub(rf"<{tag}>\1</{tag}>", out)
    return out.replace("\n", "<br>")


def text_html(text: dict[str, Any]) -> str:
    if text["type"] == "mrkdwn":
        return mrkdwn_html(text["text"])
    return html.escape(text["text"]).replace("\n", "<br>")


def block_html(block: Block) -> str:
    kind = block["type"]
    if kind == "section":
        parts = []
        if "text" in block:
            parts.append(f'<div class="text">{text_html(block["text"])}</div>')
        if "fields" in block:
            fields = "".join(f'<div class="field">{text_html(f)}</div>'
                             for f in block["fields"])
            parts.append(f'<div class="fields">{fields}</div>')
        return f'<div class="block section">{"".join(parts)}</div>'
    if kind == "actions":
        buttons = "".join(
            f'<span class="button {element.get("style", "")}">'
            f'{text_html(element["text"])}</span>'
            for element in block["elements"])
        return f'<div class="block actions">{buttons}</div>'
    if kind == "context":
        items = "".join(f"<span>{text_html(e)}</span>" for e in block["elements"])
        return f'<div class="block context">{items}</div>'
    if kind == "divider":
        return '<div class="block divider"></div>'
    if kind == "header":
        return f'<div class="block header">{text_html(block["text"])}</div>'
    raise SystemExit(f"render_confirmation.py cannot draw a {kind!r} block yet")


def message_html(name: str, initials: str, colour: str, time: str, body: str,
                 app: bool = False, follow: bool = False) -> str:
    badge = '<span class="badge">APP</span>' if app else ""
    if follow:  # a second message of the same sender: no avatar, no name
        return f'<div class="message follow"><div class="gutter"></div>' \
               f'<div class="content">{body}</div></div>'
    return (f'<div class="message"><div class="avatar" style="background:{colour}">{initials}'
            f'</div><div class="content"><div class="meta"><span class="name">{name}</span>'
            f'{badge}<span class="time">{time}</span></div>{body}</div></div>')


def bot_message(blocks: list[Block], time: str, follow: bool = False) -> str:
    body = "".join(block_html(block) for block in blocks)
    return message_html(APP_NAME, "AF", "#1f2937", time, body, app=True, follow=follow)


CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; }
body { font-family: Lato, "Helvetica Neue", Arial, sans-serif; font-size: 15px;
       line-height: 1.46668; color: #1d1c1d; -webkit-font-smoothing: antialiased; }
.pane { width: %(width)dpx; }
.header { height: 49px; padding: 0 20px; display: flex; align-items: center; gap: 8px;
          border-bottom: 1px solid rgba(29,28,29,.13); font-weight: 900; font-size: 18px; }
.header .avatar { width: 24px; height: 24px; font-size: 10px; border-radius: 4px; }
.header .tabs { margin-left: auto; font-weight: 400; font-size: 13px; color: #616061; }
.header .tabs b { color: #1d1c1d; border-bottom: 2px solid #1264a3; padding-bottom: 12px; }
.day { text-align: center; margin: 16px 0 4px; font-size: 13px; font-weight: 700; }
.day span { border: 1px solid rgba(29,28,29,.13); border-radius: 24px; padding: 4px 16px; }
.messages { padding: 4px 0 16px; }
.message { display: flex; gap: 8px; padding: 8px 20px; }
.message.follow { padding-top: 2px; }
.avatar { flex: none; width: 36px; height: 36px; border-radius: 6px; color: #fff;
          display: flex; align-items: center; justify-content: center; font-weight: 700;
          font-size: 13px; letter-spacing: .5px; }
.gutter { flex: none; width: 36px; }
.content { min-width: 0; flex: 1; }
.meta { display: flex; align-items: baseline; gap: 4px; }
.name { font-weight: 900; }
.badge { background: rgba(29,28,29,.13); color: rgba(29,28,29,.7); font-size: 10px;
         font-weight: 700; padding: 0 3px; border-radius: 2px; line-height: 14px; }
.time { font-size: 12px; color: #616061; margin-left: 2px; }
.block { margin-top: 4px; }
.block + .block { margin-top: 8px; }
.fields { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 16px;
          max-width: 600px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px !important; }
.button { height: 28px; padding: 0 12px; display: inline-flex; align-items: center;
          border-radius: 4px; font-size: 13px; font-weight: 700;
          border: 1px solid rgba(29,28,29,.3); background: #fff; color: #1d1c1d; }
.button.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.button.danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
.context { font-size: 12px; line-height: 1.5; color: #616061; }
a { color: #1264a3; text-decoration: none; }
code { font-family: Monaco, Menlo, monospace; font-size: 12px; color: #e01e5a;
       background: rgba(29,28,29,.04); border: 1px solid rgba(29,28,29,.13);
       border-radius: 3px; padding: 2px 3px 1px; }
"""


def page(messages: list[str]) -> str:
    day = format_date(WHEN.date(), format="EEEE d MMMM", locale="it")
    header = ('<div class="header"><div class="avatar" style="background:#1f2937">AF</div>'
              f'{APP_NAME}<span class="tabs">Home &nbsp; <b>Messaggi</b> &nbsp; '
              'Informazioni</span></div>')
    return (f'<!doctype html><html lang="it"><head><meta charset="utf-8">'
            f'<style>{CSS % {"width": WIDTH}}</style></head><body><div class="pane">'
            f'{header}<div class="day"><span>{day}</span></div>'
            f'<div class="messages">{"".join(messages)}</div></div>'
            '<script>document.body.setAttribute("data-height",'
            'document.querySelector(".pane").offsetHeight)</script></body></html>')


def pictures() -> dict[str, str]:
    summary, confirmed, replies = conversation()
    maria = message_html("Maria Rossi", "MR", "#2b6cb0", f"{WHEN:%H:%M}", f"<div>{REQUEST}</div>")
    # Slack groups a sender's messages that follow each other: no second avatar and name
    after = [bot_message(blocks, f"{CLICK:%H:%M}", follow=True) for blocks in replies]
    asked = f"{WHEN:%H:%M}"
    return {
        "confirmation-summary.png": page([maria, bot_message(summary, asked)]),
        "confirmation-confirmed.png": page([maria, bot_message(confirmed, asked), *after]),
    }


# -- Chromium ----------------------------------------------------------------------------------

def chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which(
        "chromium-browser")
    if not found:
        raise SystemExit("chromium not found: apt-get install chromium (or set CHROMIUM)")
    return found


def run_chromium(folder: Path, *args: str) -> str:
    profile = tempfile.mkdtemp(dir=folder, prefix="profile-")
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--hide-scrollbars",
               f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise SystemExit(f"chromium failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done.stdout


def screenshot(source: Path, target: Path, folder: Path) -> None:
    """Measure the page's height (a first run dumps the DOM after its script ran), then
    screenshot exactly that much of it."""
    dom = run_chromium(folder, f"--window-size={WIDTH},2000", "--dump-dom", source.as_uri())
    height = re.search(r'data-height="(\d+)"', dom)
    if height is None:
        raise SystemExit("could not measure the page")
    run_chromium(folder, f"--window-size={WIDTH},{height.group(1)}",
                 f"--force-device-scale-factor={SCALE}", f"--screenshot={target}",
                 source.as_uri())


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bb-pictures-") as name:
        folder = Path(name)
        for picture, markup in pictures().items():
            source = folder / picture.replace(".png", ".html")
            source.write_text(markup, encoding="utf-8")
            screenshot(source, HERE / picture, folder)
            print(f"wrote {(HERE / picture).relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()
