"""The baseline: a bare Bolt app with one listener that posts a fixed reply, on the same server
stack as `billing-bot serve` (gunicorn, one gthread worker with 16 threads, Bolt's own WSGI
adapter), signed with the same secret and talking to the same Web API stand-in.

    SLACK_SIGNING_SECRET=… SLACK_BOT_TOKEN=… SLACK_API_URL=… \\
        gunicorn -k gthread --threads 16 -w 1 -b 127.0.0.1:3001 benchmarks.bare_bolt:wsgi

Commands and clicks are only acknowledged (Slack needs a listener for them, or it gets 404).
"""

from __future__ import annotations

import os
import re
from typing import Any

from slack_bolt import Ack, App, Say
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

REPLY = "Ecco come cambiare il metodo di pagamento: Centro fatturazione → Metodo di pagamento."


def build() -> App:
    app = App(client=WebClient(token=os.environ["SLACK_BOT_TOKEN"],
                               base_url=os.environ["SLACK_API_URL"]),
              signing_secret=os.environ["SLACK_SIGNING_SECRET"])

    @app.event("message")
    def on_message(event: dict[str, Any], say: Say) -> None:
        if event.get("channel_type") == "im" and not event.get("subtype"):
            say(REPLY)

    @app.command("/billing")
    def on_command(ack: Ack) -> None:
        ack()

    @app.action(re.compile(".+"))
    def on_click(ack: Ack) -> None:
        ack()

    return app


_handler: SlackRequestHandler | None = None


def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
    global _handler
    if _handler is None:  # built in the worker, after the fork
        _handler = SlackRequestHandler(build())
    return _handler(environ, start_response)
