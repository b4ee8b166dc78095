"""`billing-bot kb list` and `billing-bot kb show ID`: the knowledge base as writers see it."""

from __future__ import annotations

import argparse
import difflib
from typing import Any

from bot.errors import UserError
from bot.loading import load_knowledge
from bot.settings import Settings
from kb import AnswerContext, KnowledgeBase
from kb.products import PRODUCT_NAMES
from kb.render import render_text
from kb.templates import fill


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "kb", help="la base di conoscenza tratta dagli articoli di assistenza",
        description="Le voci della base di conoscenza (kb/articles/) e le loro risposte.",
    )
    commands = parser.add_subparsers(dest="kb_command", metavar="COMANDO", required=True)
    listing = commands.add_parser("list", help="elenca le voci: id, pubblico, intent, titolo")
    listing.set_defaults(handler=run_list)
    show = commands.add_parser("show", help="la risposta di una voce e l'articolo da cui viene")
    show.add_argument("entry_id", metavar="ID", help="id della voce (vedi `billing-bot kb list`)")
    show.add_argument("--product", choices=sorted(PRODUCT_NAMES),
                      help="riempi la risposta per questo prodotto")
    show.set_defaults(handler=run_show)


def _knowledge() -> KnowledgeBase:
    return load_knowledge()


def list_table(knowledge: KnowledgeBase) -> str:
    rows = [(entry.id, entry.audience, ", ".join(entry.intents), fill(entry.title, None))
            for entry in knowledge.entries]
    header = ("id", "pubblico", "intent", "titolo")
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(3)]
    lines = [
        "  ".join(value.ljust(width) for value, width in zip(row[:3], widths, strict=True))
        + "  " + row[3]
        for row in [header, *rows]
    ]
    return "\n".join(lines)


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    print(list_table(_knowledge()))
    return 0


def show_text(knowledge: KnowledgeBase, entry_id: str, product: str | None) -> str:
    entry = knowledge.get(entry_id)
    if entry is None:
        ids = [item.id for item in knowledge.entries]
        close = difflib.get_close_matches(entry_id, ids, n=3)
        hint = f" Forse intendevi: {', '.join(close)}." if close else ""
        raise UserError(f"nessuna voce con id «{entry_id}»: `billing-bot kb list` elenca gli id "
                        f"disponibili.{hint}")
    audience = None if entry.audience == "all" else entry.audience
    answer = knowledge.answer_entry(entry, AnswerContext(audience=audience, product=product))
    sources = "\n".join(f"Fonte: articolo {source.key}, «{source.title}» (kb/sources/{source.file})"
                        for source in knowledge.sources_of(entry))
    return (f"{render_text(answer)}\n\n"
            f"Voce {entry.id} · pubblico {entry.audience} · intent {', '.join(entry.intents)}\n"
            f"{sources}")


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    print(show_text(_knowledge(), args.entry_id, args.product))
    return 0
