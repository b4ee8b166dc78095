"""Where a turn's time goes: pyinstrument over the engine's hot path, in one process, on a
demo SQLite database (an FAQ question from a plain user, and a reduce-licenses flow: the
request, then Annulla at the summary), then the acknowledgement path (Bolt's dispatch of a
signed DM event through `SlackWsgi`, the work after it excluded).

    python -m benchmarks profile           # 200 FAQ turns, 100 flows, 2000 acknowledgements
    python -m benchmarks profile --quick

Prints the time per turn and pyinstrument's call tree (frames under 2% hidden).
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from pyinstrument import Profiler

from billing_core import BillingService, init_database, open_database
from billing_core.clock import SystemClock
from billing_core.conversations import ConversationStore
from bot.dialogue import ButtonPress, Turn
from bot.dialogue.engine import Engine
from bot.dialogue.results import TurnResult
from bot.loading import load_knowledge, load_understanding


class Turns:
    """The engine, and each turn on one database connection as the Slack adapter runs it
    (`Database.one_connection`: its reads in one transaction)."""

    def __init__(self, url: str) -> None:
        self.database = open_database(url)
        clock = SystemClock()
        self.engine = Engine(BillingService(self.database, clock=clock), load_understanding(),
                             load_knowledge(), ConversationStore(self.database, clock), clock)

    def handle(self, turn: Turn) -> TurnResult:
        with self.database.one_connection():
            return self.engine.handle(turn)


def faq(turns: Turns, number: int) -> None:
    turns.handle(Turn(conversation_key=f"bench:faq:{number}",
                      user_email="luca.bianchi@example.com", channel="slack",
                      text="come cambio il metodo di pagamento?"))


def flow(turns: Turns, number: int) -> None:
    key = f"bench:flow:{number}"
    result = turns.handle(Turn(conversation_key=key, user_email="maria.rossi@example.com",
                               channel="slack", text="riduci a 9 le licenze di GoTo Webinar"))
    cancel = next(b for r in result.replies for b in r.buttons if b.action_id == "flow.cancel")
    turns.handle(Turn(conversation_key=key, user_email="maria.rossi@example.com",
                      channel="slack", action=ButtonPress(action_id=cancel.action_id,
                                                          value=cancel.value,
                                                          prompt_id=cancel.prompt_id or "")))


def render(profiler: Profiler) -> str:
    return str(profiler.output_text(unicode=True, color=False, show_all=False,
                                    time="percent_of_total"))


def run(quick: bool = False) -> None:
    faqs, flows, acks = (40, 20, 300) if quick else (200, 100, 2000)
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-profile-')) / 'billing.db'}"
    init_database(url, demo=True)
    turns = Turns(url)
    for number in range(5):  # warm-up
        faq(turns, -number - 1)
        flow(turns, -number - 1)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    started = time.perf_counter()
    for number in range(faqs):
        faq(turns, number)
    middle = time.perf_counter()
    for number in range(flows):
        flow(turns, number)
    ended = time.perf_counter()
    profiler.stop()
    print(f"engine: FAQ turn {(middle - started) / faqs * 1000:.1f} ms, flow (request + "
          f"Annulla) {(ended - middle) / flows * 1000:.1f} ms")
    print(render(profiler))
    ack_path(url, acks)


def ack_path(url: str, count: int) -> None:
    """SlackWsgi → Bolt dispatch → our listener's submit, for a signed DM event."""
    from bot.settings import Settings
    from bot.slack.app import build_app
    from bot.slack.server import SlackWsgi
    from bot.slack.services import build_services
    from tests.scaleout.cluster import post_in_process
    from tests.slack.conftest import BOT_TOKEN, PEOPLE, SECRET
    from tests.slack.fake_slack import FakeSlack, dm_event, event_callback

    slack = FakeSlack().start()
    for user, (email, name) in PEOPLE.items():
        slack.add_user(user, email, name)
    settings = Settings(database_url=url, slack_signing_secret=SECRET,
                        slack_bot_token=BOT_TOKEN, slack_api_url=slack.api_url,
                        log_level="WARNING")
    services = build_services(settings)
    wsgi = SlackWsgi(build_app(settings, services), services)

    def request(number: int) -> None:
        post_in_process(wsgi, json.dumps(event_callback(dm_event(
            "U0LUCA", "grazie", channel=f"D0PROF{number % 20}"))), SECRET)

    for number in range(20):
        request(number)
    services.close()  # the warm-up's listeners and work done: only acknowledgements are profiled
    services = build_services(settings)
    wsgi = SlackWsgi(build_app(settings, services), services)
    profiler = Profiler(interval=0.0001)
    profiler.start()
    started = time.perf_counter()
    for number in range(count):
        request(number)
    elapsed = time.perf_counter() - started
    profiler.stop()
    services.close()
    slack.stop()
    print(f"acknowledgement path: {elapsed / count * 1000:.2f} ms per DM event "
          "(work after the acknowledgement runs on other threads, not profiled here)")
    print(render(profiler))
