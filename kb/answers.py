"""From an entry (and the asker's context) to an Answer."""

from __future__ import annotations

from kb.limits import fit_facts
from kb.models import Answer, AnswerContext, Entry, Link, SourceArticle
from kb.portals import PORTALS, PortalKey
from kb.products import product_name
from kb.templates import fill


def link(portal: PortalKey) -> Link:
    name, url = PORTALS[portal]
    return Link(label=name, url=url)


def fill_entry(entry: Entry, context: AnswerContext, source: SourceArticle) -> Answer:
    """The entry's text for this asker: product wording chosen, addresses filled in."""
    name = product_name(context.product) if context.product in entry.products else None
    steps = [fill(step.text if step.tip is None else f"{step.text} {step.tip}", name)
             for step in entry.steps]
    notes = [fill(text, name)
             for text in (*entry.results, *entry.notes, *entry.troubleshooting)]
    return Answer(
        entry_id=entry.id,
        title=fill(entry.title, name),
        summary=fill(entry.summary, name),
        steps=steps,
        notes=notes,
        links=[link(portal) for portal in entry.links],
        facts=fit_facts(list(context.facts)),
        source_article=source.stem,
    )


def both_portals(billing_center: Answer, corporate: Answer) -> Answer:
    """For an asker whose account type is unknown: the Billing Center answer (most accounts)
    with the Corporate one in brief as its last note."""
    links = [*billing_center.links,
             *(item for item in corporate.links if item not in billing_center.links)]
    # Validated again: the combined answer must still fit Slack.
    return Answer.model_validate(billing_center.model_dump() | {
        "notes": [*billing_center.notes, corporate.summary],
        "links": [item.model_dump() for item in links],
    })
