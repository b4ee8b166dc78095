"""`billing-bot serve`: the Bolt app on a production server, or over Socket Mode.

HTTP mode runs the sync Bolt `App` as a WSGI application under gunicorn's threaded workers
(`gthread`), started programmatically. Each worker builds its own services and app after the
fork (database connections, thread pools and Bolt's state are never shared between
processes). Routes: `POST /slack/events` (events, commands, interactivity), `GET /healthz`
(the process answers), `GET /readyz` (the database answers), and with OAuth
`GET /slack/install` and `GET /slack/oauth_redirect`.

SIGTERM: gunicorn stops accepting, finishes the requests in flight, then each worker drains the
work its listeners accepted after their acknowledgement (`worker_exit` -> `SlackWsgi.close`)
before it exits.
"""

from __future__ import annotations

import json
import logging
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from bot.settings import Settings

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

    from slack_bolt import App

    from bot.slack.services import SlackServices

log = logging.getLogger("bot.slack.http")

EVENTS_PATH = "/slack/events"
THREADS_PER_WORKER = 16
GRACEFUL_TIMEOUT_SECONDS = 30
MAX_BODY_BYTES = 1024 * 1024


# -- one request ---------------------------------------------------------------------------------

def request_kind(body: dict[str, Any] | None) -> str:
    """What a Slack request is, for the log: never its text."""
    if not isinstance(body, dict):
        return "unknown"
    if body.get("command"):
        return f"command:{body['command']}"
    kind = str(body.get("type") or "unknown")
    if kind == "event_callback":
        event = body.get("event") or {}
        name = f"event:{event.get('type')}"
        if event.get("subtype"):
            name += f":{event['subtype']}"
        elif event.get("channel_type"):
            name += f".{event['channel_type']}"
        return name
    if kind == "block_actions":
        actions = body.get("actions") or [{}]
        return f"block_actions:{actions[0].get('action_id')}"
    return kind


OUTCOMES = {200: "ack", 302: "redirect", 400: "bad_request", 401: "unauthorized",
            404: "not_found", 500: "error", 503: "unavailable"}


class SlackWsgi:
    """The WSGI application of one worker."""

    def __init__(self, app: App, services: SlackServices) -> None:
        self.app = app
        self.services = services

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse
                 ) -> Iterable[bytes]:
        started = time.perf_counter()
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        kind = path
        try:
            status, headers, body, kind = self._route(method, path, environ)
        except Exception:
            log.exception("request failed: %s %s", method, path)
            status, headers, body = 500, {"content-type": "text/plain"}, "errore interno"
        payload = body.encode("utf-8")
        start_response(f"{status} {_REASONS.get(status, 'OK')}",
                       [(name, value) for name, value in headers.items()]
                       + [("content-length", str(len(payload)))])
        if path not in ("/healthz", "/readyz") or status != 200:
            line = {"type": kind, "method": method, "status": status,
                    "outcome": OUTCOMES.get(status, str(status)),
                    "latency_ms": round((time.perf_counter() - started) * 1000, 1)}
            retry = environ.get("HTTP_X_SLACK_RETRY_NUM")
            if retry:
                line["retry"] = retry
            log.info("request %s", json.dumps(line))
        return [payload]

    def _route(self, method: str, path: str, environ: WSGIEnvironment
               ) -> tuple[int, dict[str, str], str, str]:
        if method == "GET" and path == "/healthz":
            return 200, _JSON, '{"status": "ok"}', "healthz"
        if method == "GET" and path == "/readyz":
            return self._ready()
        if method == "POST" and path == EVENTS_PATH:
            return self._slack(environ)
        flow = self.app.oauth_flow
        if method == "GET" and flow is not None and path in (flow.install_path,
                                                             flow.redirect_uri_path):
            from slack_bolt.request import BoltRequest

            request = BoltRequest(body="", query=environ.get("QUERY_STRING", ""),
                                  headers=_headers(environ))
            if path == flow.install_path:
                response = flow.handle_installation(request)
                kind = "oauth:install"
            else:
                response = flow.handle_callback(request)
                kind = "oauth:redirect"
            return response.status, _flat(response.headers), response.body or "", kind
        return 404, {"content-type": "text/plain"}, "Not Found", "not_found"

    def _ready(self) -> tuple[int, dict[str, str], str, str]:
        try:
            with self.services.database.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:
            log.warning("readiness: database unreachable (%s)", type(error).__name__)
            return 503, _JSON, '{"status": "database unreachable"}', "readyz"
        return 200, _JSON, '{"status": "ready"}', "readyz"

    def _slack(self, environ: WSGIEnvironment) -> tuple[int, dict[str, str], str, str]:
        from slack_bolt.request import BoltRequest

        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_BODY_BYTES:
            return 400, {"content-type": "text/plain"}, "Bad Request", "too_large"
        raw = environ["wsgi.input"].read(length).decode("utf-8") if length else ""
        request = BoltRequest(body=raw, query=environ.get("QUERY_STRING", ""),
                              headers=_headers(environ))
        response = self.app.dispatch(request)
        return (response.status, _flat(response.headers), response.body or "",
                request_kind(request.body))

    def close(self) -> None:
        """Drain the work accepted after acknowledgements, then release the database."""
        self.services.close()


_JSON = {"content-type": "application/json"}
_REASONS = {200: "OK", 302: "Found", 400: "Bad Request", 401: "Unauthorized",
            404: "Not Found", 500: "Internal Server Error", 503: "Service Unavailable"}


def _headers(environ: WSGIEnvironment) -> dict[str, str | Sequence[str]]:
    headers: dict[str, str | Sequence[str]] = {}
    for key, value in environ.items():
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            headers[key.lower().replace("_", "-")] = value
        elif key.startswith("HTTP_"):
            headers[key[5:].lower().replace("_", "-")] = value
    return headers


def _flat(headers: dict[str, Any]) -> dict[str, str]:
    """Bolt's headers (name -> list of values) as one value each (WSGI wants pairs)."""
    flat: dict[str, str] = {}
    for name, value in headers.items():
        if isinstance(value, list | tuple | set):
            value = ", ".join(str(v) for v in value)
        if name.lower() != "content-length":
            flat[name] = str(value)
    return flat


def build_wsgi(settings: Settings) -> SlackWsgi:
    """One worker's application: its services and its Bolt app."""
    from bot.slack.app import build_app
    from bot.slack.services import build_services

    services = build_services(settings)
    return SlackWsgi(build_app(settings, services), services)


# -- logging -------------------------------------------------------------------------------------

_SECRET = re.compile(r"xox[abprse]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")


class Redact(logging.Filter):
    """Defence in depth: a Slack token never reaches the log, whoever logs it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _SECRET.search(message):
            record.msg = _SECRET.sub("[token]", message)
            record.args = ()
        return True


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname, "logger": record.name,
        }
        message = record.getMessage()
        if message.startswith("request {"):
            line.update(json.loads(message[len("request "):]))
            line["msg"] = "request"
        else:
            line["msg"] = message
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(line, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """One JSON line per record on stderr. Bolt and slack_sdk log request bodies (message
    text) and headers at DEBUG: they never go below INFO here."""
    import sys

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    handler.addFilter(Redact())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for chatty in ("slack_bolt", "slack_sdk"):
        logging.getLogger(chatty).setLevel(max(logging.INFO, logging.getLevelName(level)))
    for noisy in ("sqlalchemy", "urllib3", "alembic"):  # SQL parameters carry message text
        logging.getLogger(noisy).setLevel(logging.WARNING)


# -- HTTP: gunicorn --------------------------------------------------------------------------------

def serve_http(settings: Settings, *, host: str, port: int, workers: int) -> int:
    from gunicorn.app.base import BaseApplication

    def worker_exit(_server: Any, worker: Any) -> None:
        application = getattr(worker, "wsgi", None)
        if isinstance(application, SlackWsgi):
            application.close()

    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS_PER_WORKER,
        "graceful_timeout": GRACEFUL_TIMEOUT_SECONDS,
        "timeout": 60,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
        "proc_name": "billing-bot",
        "worker_exit": worker_exit,
        "post_worker_init": lambda worker: configure_logging(settings.log_level),
        "control_socket_disable": True,  # gunicorn ≥ 25: no control socket in $HOME
    }

    class Server(BaseApplication):  # type: ignore[misc]  # gunicorn is untyped: Any base
        def load_config(self) -> None:
            for name, value in options.items():
                if name in self.cfg.settings:
                    self.cfg.set(name, value)

        def load(self) -> Callable[..., Any]:
            configure_logging(settings.log_level)
            return build_wsgi(settings)

    Server().run()  # returns when the arbiter stops; exits itself on fatal errors
    return 0


# -- Socket Mode --------------------------------------------------------------------------------

def serve_socket(settings: Settings) -> int:
    """The same listeners over a WebSocket (`SLACK_APP_TOKEN`): no public URL needed."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk import WebClient

    from bot.slack.app import build_app
    from bot.slack.services import build_services

    configure_logging(settings.log_level)
    services = build_services(settings)
    app = build_app(settings, services, socket_mode=True)
    handler = SocketModeHandler(app, settings.slack_app_token,
                                web_client=WebClient(base_url=settings.slack_api_url))
    stop = threading.Event()

    def on_signal(_signum: int, _frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    handler.connect()
    log.info("socket mode connected")
    stop.wait()
    log.info("socket mode: stopping")
    handler.close()
    services.close()
    return 0
