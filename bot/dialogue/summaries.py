"""The order summary shown before a confirmation, and the message after it."""

from __future__ import annotations

from datetime import date

from billing_core.schemas import Order, PlanState, Preview
from billing_core.wording import (
    dated,
    frequency_name,
    licenses,
    money,
    money_lines,
    order_kind,
    per_period,
    percent,
    period,
    seats,
    tier_name,
    units_noun,
)
from bot.dialogue import messages
from bot.dialogue.replies import Button, Reply, ReplyField, Section
from kb.limits import SECTION_FIELDS_LIMIT


def withdraws_cancellation(preview: Preview) -> bool:
    """A reactivation that keeps the current period: the pending cancellation is withdrawn."""
    return preview.kind == "subscription.reactivate" and \
        preview.period_start < preview.pricing_date


def nothing_changes_today(preview: Preview) -> bool:
    """A cancellation or a withdrawn cancellation: no new period, no plan cost, nothing due."""
    return preview.kind == "subscription.cancel" or withdraws_cancellation(preview)


def describe_change(preview: Preview) -> str:
    """The change in one line, above the summary's figures ("GoTo Webinar: da 10 a 8
    licenze.")."""
    product = preview.product_name
    before, after = preview.before, preview.after
    if before is None or after is None:
        return f"{product}: {order_kind(preview.kind, preview.account_kind).lower()}."
    described = _described_by_kind(preview, before, after)
    if described is not None:
        return f"{product}: {described}"
    return f"{product}: " + ", ".join(plan_changes(before, after)) + "."


def _described_by_kind(preview: Preview, before: PlanState, after: PlanState) -> str | None:
    """The changes that say more than what changes in the plan; None for a plan change."""
    if preview.kind == "licenses.reduce":
        return f"da {before.licenses} a {licenses(after.licenses)}."
    if preview.kind == "seats.add" and preview.account_kind == "corporate":
        # (licenses added on a Billing Center account: a new period, said as a plan change)
        added = after.licenses - before.licenses
        return f"{seats(added)} in più (da {before.licenses} a {after.licenses})."
    if preview.kind == "quote.accept":
        return f"accetti il preventivo per passare a {after.licenses} postazioni."
    if preview.kind == "subscription.cancel":
        return ("disdetta alla fine del periodo in corso; resta utilizzabile fino "
                f"{dated(preview.period_end, 'al')}.")
    if withdraws_cancellation(preview):
        return ("ritiri la disdetta; l'abbonamento continua e si rinnova "
                f"{dated(preview.period_end)}.")
    if preview.kind == "subscription.reactivate":
        return (f"riattivazione del piano {tier_name(after.tier)}, {licenses(after.licenses)}, "
                f"fatturazione {frequency_name(after.frequency)}.")
    return None


def plan_changes(before: PlanState, after: PlanState) -> list[str]:
    """What a plan change changes: the tier, the licenses, the billing frequency."""
    changes: list[str] = []
    if before.tier != after.tier:
        changes.append(f"piano da {tier_name(before.tier)} a {tier_name(after.tier)}")
    if before.licenses != after.licenses:
        changes.append(f"da {before.licenses} a {licenses(after.licenses)}")
    if before.frequency != after.frequency:
        new = frequency_name(after.frequency)
        changes.append(f"fatturazione da {frequency_name(before.frequency)} "
                       f"{'ad' if new.startswith('a') else 'a'} {new}")
    return changes


def total_field(preview: Preview) -> ReplyField:
    """The summary's last figure: the total due today."""
    return ReplyField(label="Totale dovuto oggi", value=money(preview.total_due, preview.currency))


def money_fields(preview: Preview) -> list[ReplyField]:
    """The money lines (billing_core.wording.money_lines, shared with the confirmation
    e-mail), then the total due today."""
    fields = [ReplyField(label=label, value=value) for label, value in money_lines(preview)]
    fields.append(total_field(preview))
    return fields


def summary_reply(preview: Preview, intent: str, *, editable: bool,
                  on_behalf: bool = False) -> Reply:
    """The order summary: billing period, licenses, plan cost, credit, VAT, total due; for an
    agent acting for a customer, the customer's account first."""
    after = preview.after
    dates = period(preview.period_start, preview.period_end)
    plan_fields = []
    if after is not None:
        plan_fields.append(ReplyField(label=units_noun(preview.account_kind).capitalize(),
                                      value=str(after.licenses)))
        plan_fields.append(ReplyField(label="Piano", value=f"{tier_name(after.tier)}, "
                                                           f"{frequency_name(after.frequency)}"))
    if nothing_changes_today(preview):
        # no new period and no price: a "Costo del piano: 0,00 €" would be untrue
        fields = [ReplyField(label="Periodo in corso", value=dates), *plan_fields,
                  total_field(preview)]
    else:
        fields = [ReplyField(label="Periodo di fatturazione", value=dates), *plan_fields,
                  *money_fields(preview)]
    if on_behalf:
        fields.insert(0, ReplyField(label="Account del cliente",
                                    value=f"{preview.account_name} ({preview.account_id})"))
    notes = list(preview.warnings)
    if preview.vat_number:
        # typed by this person for this order: shown in full, for them to check
        if len(fields) < SECTION_FIELDS_LIMIT:
            fields.append(ReplyField(label="Partita IVA", value=preview.vat_number))
        else:
            notes.append(f"Partita IVA: {preview.vat_number}.")
        notes.append(messages.VAT_NUMBER_ON_CONFIRM)
    cancellation = preview.kind == "subscription.cancel"  # no order, to the customer
    if on_behalf:
        notes.append(messages.confirming_for_customer(
            f"{preview.account_name} ({preview.account_id})", cancellation))
    sections = [Section(title="Riepilogo della disdetta" if cancellation
                        else "Riepilogo dell'ordine", text=describe_change(preview),
                        fields=fields)]
    notes.append("Confermi la disdetta?" if cancellation else "Confermi l'ordine?")
    sections.append(Section(text="\n".join(notes)))
    buttons = [Button(action_id="flow.confirm", label="Conferma", value=preview.id,
                      style="primary")]
    if editable:
        buttons.append(Button(action_id="flow.edit", label="Modifica", value=preview.id))
    buttons.append(Button(action_id="flow.cancel", label="Annulla", value=preview.id,
                          style="danger"))
    return Reply(intent=intent, sections=sections, buttons=buttons, private=True,
                 total=total_field(preview))


def summary_figures(preview: Preview) -> str:
    """The summary's own lines as text: the change, then each label and value (what a
    question about the summary's figures speaks of)."""
    first = summary_reply(preview, preview.kind, editable=False).sections[0]
    return " ".join([first.title or "", first.text,
                     *(f"{field.label} {field.value}" for field in first.fields)])


NEXT_STEPS: dict[str, str] = {
    "licenses.reduce": "La nuova data di fatturazione è oggi. Se serve, togli il prodotto agli "
                       "utenti che non hanno più una licenza.",
    "plan.change": "Da oggi inizia il nuovo periodo di fatturazione.",
    "seats.add": "Quando l'ordine è completato, assegna le nuove postazioni ai tuoi utenti.",
    "quote.accept": "Quando l'ordine è completato, assegna le nuove postazioni ai tuoi utenti.",
    "subscription.cancel": "Se cambi idea prima della fine del periodo, scrivimi "
                           "\"riattiva l'abbonamento\".",
    "subscription.reactivate": "L'abbonamento è di nuovo attivo da oggi: i tuoi utenti possono "
                               "riprendere a usarlo.",
    "subscription.withdraw": "La disdetta è ritirata: l'abbonamento continua come prima e si "
                             "rinnova alla fine del periodo in corso.",
}


def confirmation_reply(order: Order, preview_kind: str, intent: str, *,
                       added_licenses: bool, on_behalf: bool = False,
                       ends_on: date | None = None) -> Reply:
    """After the order: the result, where the e-mail went, and the next step (`on_behalf`: an
    agent placed it for the customer; `ends_on`: a cancellation's last day)."""
    lines = [f"Fatto! Ho registrato la disdetta (ordine {order.id})."
             if preview_kind == "subscription.cancel" else
             f"Fatto! Ho registrato l'ordine {order.id}."]
    if order.status == "processing":
        whom = "il cliente riceverà" if on_behalf else "riceverai"
        lines.append("È un ordine di servizio: l'elaborazione può richiedere fino a 24 ore; "
                     f"{whom} un'e-mail quando è completato.")
    elif preview_kind == "subscription.cancel":
        # nothing changes today: the subscription runs to the end of the period paid
        lines.append("La disdetta è registrata: l'abbonamento resta attivo"
                     + (f" fino {dated(ends_on, 'al')}." if ends_on else
                        " fino alla fine del periodo in corso."))
    elif preview_kind != "subscription.withdraw":
        lines.append("Le modifiche sono già attive.")
    if order.total:
        lines.append(f"Importo: {money(order.total, order.currency)}.")
    if order.email_to:
        lines.append(f"Il cliente riceverà l'e-mail di conferma all'indirizzo {order.email_to}."
                     if on_behalf else
                     f"Riceverai l'e-mail di conferma all'indirizzo {order.email_to}.")
    # licenses added on a Billing Center account (placed at once): a new period, as a plan change
    new_period = preview_kind == "plan.change" or (preview_kind == "seats.add"
                                                   and order.status == "placed")
    next_step = NEXT_STEPS["plan.change"] if new_period else NEXT_STEPS.get(preview_kind, "")
    if new_period and added_licenses:
        next_step += " Ricordati di assegnare le nuove licenze ai tuoi utenti."
    if next_step:
        lines.append(next_step)
    return Reply(intent=intent, sections=[Section(text="\n".join(lines))], private=True)


def explain_summary(preview: Preview) -> str:
    """What the summary's lines mean, from the preview's own figures (the answer to "perché
    così tanto?", "quindi pago 1113?", "e l'IVA?" asked at the summary)."""
    currency = preview.currency
    total = money(preview.total_due, currency)
    if nothing_changes_today(preview):
        return (f"Con questa operazione oggi non paghi niente ({total}): il periodo in corso, "
                f"fino {dated(preview.period_end, 'al')}, è già pagato e non cambia.")
    after = preview.after
    what = ""
    if after is not None:
        what = (f" per {licenses(after.licenses)} ({tier_name(after.tier)}, "
                f"{frequency_name(after.frequency)})")
    parts: list[str] = []
    if preview.order_status == "processing":
        parts.append(
            f"Il costo del piano ({money(preview.plan_cost, currency)}) è quello delle "
            f"postazioni in più per i giorni che restano del periodo in corso, "
            f"{period(preview.period_start, preview.period_end)}: le date "
            "dell'abbonamento non cambiano.")
    else:
        parts.append(
            f"Il costo del piano ({money(preview.plan_cost, currency)}) è il prezzo di un "
            f"periodo intero{what}, {period(preview.period_start, preview.period_end)}: "
            "la modifica fa partire oggi un nuovo periodo di fatturazione.")
    if preview.credit:
        parts.append(
            f"Del periodo in corso ti viene riconosciuto un credito di "
            f"{money(abs(preview.credit), currency)} per i giorni non ancora usati, che si "
            "sottrae al costo: non è un rimborso, è uno sconto sul nuovo periodo.")
    rate = percent(preview.vat_rate)
    if preview.account_credit:
        parts.append(
            f"Il credito supera il costo: la differenza a tuo favore, IVA {rate} compresa "
            f"({money(preview.account_credit, currency)}), va sul saldo dell'account e viene "
            "usata nelle prossime fatture. Oggi non paghi niente.")
        return " ".join(parts)
    base = "Sulla differenza" if preview.credit else "Al costo"
    parts.append(f"{base} si aggiunge l'IVA al {rate}: {money(preview.vat, currency)}.")
    if preview.balance_used:
        parts.append(f"Il credito già presente sull'account "
                     f"({money(abs(preview.balance_used), currency)}) paga una parte del "
                     "totale.")
    parts.append(f"Il totale dovuto oggi, IVA inclusa, è {total}.")
    if preview.renewal is not None and after is not None:
        parts.append(messages.renewal_after(
            dated(preview.renewal.date, "del"), money(preview.renewal.total, currency),
            per_period(after.frequency)))
    if preview.vat_number:
        parts.append(messages.vat_number_of_order(preview.vat_number))
    return " ".join(parts)
