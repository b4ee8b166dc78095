"""Each flow's sentences: what each change is (its goal), its questions, notices and buttons,
and those of two changes asked at once (the last section).
The engine's and the shared steps' sentences are in bot/dialogue/messages.py; the words for
counts, plans, dates and money come from `billing_core.wording`."""

from __future__ import annotations

GOAL_REDUCE = "ridurre le licenze"
GOAL_PLAN = "cambiare il piano"
GOAL_FREQUENCY = "cambiare la frequenza di fatturazione"
GOAL_ADD = "aggiungere licenze"
GOAL_CANCEL = "disdire l'abbonamento"
GOAL_REACTIVATE = "riattivare l'abbonamento"
"""What the user is doing, after "vuoi" ("Per quale prodotto vuoi ridurre le licenze?")."""

YES = "Sì"
NO = "No"
OK = "D'accordo."
CURRENT = " (attuale)"
"""After the plan or frequency the subscription has now, on its button."""
EDIT_PRODUCT = "Prodotto"
EDIT_LICENSES = "Numero di licenze"
EDIT_SEATS = "Numero di postazioni"
EDIT_PLAN = "Piano"
EDIT_FREQUENCY = "Frequenza di fatturazione"
EDIT_QUOTE_CHOICE = "Scelta sul preventivo"
"""The choices of "Cosa vuoi modificare?" (and of "Cosa vuoi cambiare?" for a plan)."""


def billing_frequency(name: str) -> str:
    """`"fatturazione annuale"` (a part of the request named as not done)."""
    return f"fatturazione {name}"


# licenses.reduce

def reduce_to_how_many(has: str, product: str) -> str:
    return f"Ora hai {has} di {product}. A quante licenze vuoi scendere?"


def not_a_reduction(has: str, target: int, extra: int) -> str:
    return f"Hai {has}: {target} non è una riduzione. Vuoi aggiungerne {extra}?"


def add_instead(extra: int) -> str:
    return f"Sì, aggiungine {extra}"


NO_EXTRA_LICENSES = "D'accordo, niente licenze in più."


def more_or_in_all(counted: str, count: int, total_if_more: int) -> str:
    """A bare number at "Vuoi aggiungerne N?" / "Vuoi ridurle a N?" that could be either."""
    return (f"Non ho capito se intendi {counted} in più ({total_if_more} in tutto) o {counted} "
            f"in tutto: scrivi per esempio «aggiungine {count}» oppure «{count} in tutto». "
            "Intanto non ho cambiato niente.")



# plan.change, billing.frequency

def plan_now(product: str, tier: str, has: str, frequency: str) -> str:
    return f"Ora hai {product} {tier}, {has}, fatturazione {frequency}."


WHAT_TO_CHANGE = "Cosa vuoi cambiare?"
WHICH_PLAN = "Quale piano vuoi?"
WHICH_FREQUENCY = "Quale frequenza di fatturazione vuoi?"
HOW_MANY_IN_ALL = "Quante licenze vuoi in totale?"


def reactivate_first(product: str) -> str:
    """An expired plan asked to change: the reactivation is offered first."""
    return f"Vuoi che riattivi {product} ora?"


# seats.add (and the corporate add-seats quote)

def add_how_many(has: str, product: str, noun: str) -> str:
    return f"Ora hai {has} di {product}. Quante {noun} vuoi aggiungere?"


def already_have(has: str) -> str:
    return f"Hai già {has}: quante vuoi aggiungerne?"


def addition_is_a_reduction(has: str, target: int) -> str:
    return f"{is_a_reduction(has, target)} Vuoi ridurle a {target}?"


def is_a_reduction(has: str, target: int) -> str:
    return f"Hai {has}: passare a {target} è una riduzione."


def reduce_instead(target: int) -> str:
    return f"Sì, riduci a {target}"


def open_quote(quote_id: str, seats: str, product: str) -> str:
    return (f"C'è un preventivo aperto ({quote_id}) per {seats} in più di {product}. Prima di "
            "un nuovo ordine puoi accettarlo o rifiutarlo; se vai avanti con un nuovo ordine, "
            "il preventivo aperto scade subito e viene sostituito da quello nuovo.")


def if_you_accept(quote_id: str, seats: str, product: str, asked: str | None) -> str:
    """"accetto?" at the open-quote question: what accepting does (nothing yet)."""
    rest = (f" Le {asked} in più che hai chiesto non sono comprese: te le propongo subito "
            "dopo." if asked else "")
    return (f"Se accetti il preventivo {quote_id}, ti mostro il riepilogo con l'importo delle "
            f"{seats} in più di {product}: l'ordine parte solo quando lo confermi.{rest}")


def if_you_reject(quote_id: str) -> str:
    return (f"Se rifiuti il preventivo {quote_id}, prima ti chiedo conferma: un preventivo "
            "rifiutato non si può più accettare. Poi ti preparo il nuovo ordine, con il suo "
            "riepilogo da confermare.")


def if_new_order(quote_id: str) -> str:
    return ("Se scegli un nuovo ordine, ti mostro il suo riepilogo; quando lo confermi, il "
            f"preventivo {quote_id} scade subito e viene sostituito da quello nuovo.")


def which_quote_choice(quote_id: str) -> str:
    """"procedi", "sì" at the open-quote question: no choice among the three."""
    return (f"Con il preventivo {quote_id} puoi fare tre cose: accettarlo, rifiutarlo oppure "
            "fare un nuovo ordine (e allora il preventivo scade). Quale preferisci? Premi uno "
            "dei pulsanti, oppure scrivimi «accetta», «rifiuta» o «nuovo ordine».")


ACCEPT_QUOTE = "Accetta il preventivo"
REJECT_QUOTE = "Rifiuta il preventivo"
NEW_ORDER = "Nuovo ordine"


def really_reject(quote_id: str, seats: str, product: str) -> str:
    return (f"Vuoi davvero rifiutare il preventivo {quote_id} ({seats} in più di {product})? "
            "Un preventivo rifiutato non si può più accettare.")


REJECT_QUOTE_YES = "Sì, rifiuta il preventivo"
REJECT_QUOTE_NO = "No, tienilo"
QUOTE_KEPT = "D'accordo, il preventivo resta aperto."


def quote_rejected(quote_id: str) -> str:
    return f"Ho rifiutato il preventivo {quote_id}."


def not_in_the_quote(asked: str) -> str:
    """Accepting the open quote: the seats asked for are not part of it."""
    return (f"Le {asked} in più che hai chiesto non sono comprese in questo ordine: te le "
            "propongo subito dopo.")


def also_asked(asked: str, more: bool, product: str) -> str:
    """After the quote is accepted: the seats asked for, offered as the next order."""
    wanted = f"{asked} in più" if more else f"{asked} in tutto"
    return f"Avevi chiesto anche {wanted} di {product}: vuoi che prepari ora anche quell'ordine?"


# subscription.reactivate

def reactivation_keeps_plan(had: str, asked: str) -> str:
    return (f"La riattivazione riparte con il piano che avevi, {had}: il passaggio a {asked} non "
            "è compreso. È un cambio di piano a parte, che puoi chiedermi dopo la riattivazione.")


# -- two changes at once (bot/dialogue/combining.py, requests.py) ----------------------------

COMBINE_BOTH = "Tutte e due, un solo ordine"
COMBINE_INSTEAD = "Solo la nuova"
COMBINE_KEEP = "Solo quella di prima"


def combine_pending(current_goal: str, new_change: str, product: str) -> str:
    """The choices of "in più o al posto?" again, by name."""
    return (f"Non ho ancora cambiato niente. Scegli premendo un pulsante o scrivendone il nome: "
            f"«{COMBINE_BOTH}» (per {product}: {current_goal}, con {new_change}), "
            f"«{COMBINE_INSTEAD}» (solo {new_change}) oppure «{COMBINE_KEEP}» "
            f"(solo {current_goal}).")


def in_addition_or_instead(current_goal: str, new_change: str, product: str) -> str:
    """A new request typed at a summary that adds another kind of change to it."""
    return (f"Nel riepilogo in sospeso per {product} c'è la richiesta di {current_goal}; ora mi "
            f"chiedi anche {new_change}. Vuoi tutte e due le modifiche in un solo ordine, solo "
            "la nuova o solo quella di prima? Intanto non ho registrato niente.")


COMBINE_QUESTION_NOT_KNOWN = (
    "A questa domanda non so rispondere con certezza. Appena scegli, ti mostro il riepilogo "
    "con tutti gli importi: niente viene registrato finché non lo confermi."
)


def new_change_dropped(new_change: str, current_goal: str, product: str) -> str:
    """"annulla" or «Solo quella di prima» at "in più o al posto?": what goes, what stays."""
    return (f"Va bene: ho lasciato perdere {new_change}. Resta la richiesta di {current_goal} "
            f"per {product}, ancora da confermare.")


def added_to_order(new_change: str) -> str:
    return (f"Ho aggiunto alla modifica anche {new_change}: ecco il nuovo riepilogo, con tutte "
            "e due le richieste. Il riepilogo precedente non è stato confermato.")


def change_words(plan: str | None, frequency: str | None,
                 counted: tuple[str, str] | None) -> str:
    """A change in words: "il passaggio al piano Enterprise e alla fatturazione annuale", "8
    licenze in tutto" (`counted`: the licenses and "set", "add" or "remove")."""
    parts = [f"al piano {plan}"] if plan else []
    if frequency:
        parts.append(f"alla fatturazione {frequency}")
    words = "il passaggio " + " e ".join(parts) if parts else ""
    if counted is not None:
        how = {"add": "in più", "remove": "in meno"}.get(counted[1], "in tutto")
        words += (" con " if words else "") + f"{counted[0]} {how}"
    return words


def both_in_one_order(first: str, second: str) -> str:
    """Two changes of one subscription's plan in one message: one summary."""
    return (f"Mi hai chiesto due modifiche: {first} e {second}. Le ho messe in un solo "
            "riepilogo, così le vedi e le confermi insieme.")


def one_at_a_time(first: str, second: str) -> str:
    """Two requests in one message that are not one order: the first now."""
    return (f"Mi hai chiesto due cose: {first} e {second}. Ho preso solo la prima richiesta; "
            "la seconda te la preparo subito dopo.")


def first_only(first: str, second: str) -> str:
    """Two requests in one message for different products: the first alone, with its own
    words."""
    return (f"Mi hai chiesto due modifiche di prodotti diversi. Ho preso solo la prima "
            f"richiesta: {first}; la seconda ({second}) te la preparo dopo.")


ONE_REQUEST_AT_A_TIME = (
    "Nel messaggio ci sono richieste per prodotti diversi e non sono sicuro di quale "
    "modifica vada con quale prodotto, quindi non ho preparato niente. Scrivimi le richieste "
    "una alla volta, ognuna con il suo prodotto (per esempio «riduci a 8 le licenze di GoTo "
    "Webinar»)."
)


def also_asked_for(goal: str) -> str:
    return f"Avevi chiesto anche di {goal}: vuoi che te lo prepari ora?"


def asked_after(goal: str) -> str:
    """Another product's request in a message about the request in progress: kept for later."""
    return (f"Nello stesso messaggio mi chiedi anche di {goal}: è un altro prodotto, quindi "
            "lo tengo da parte e te lo propongo appena abbiamo finito con la richiesta in corso.")


def reactivation_keeps_licenses(has: str, wanted: str, product: str) -> str:
    """A count typed at a reactivation's summary: the plan comes back as it was."""
    return (f"La riattivazione rimette {product} com'era, con {has}: il numero non si cambia "
            f"nella stessa operazione. Per passare a {wanted}, prima conferma la riattivazione; "
            "subito dopo, ad abbonamento attivo, ti propongo la modifica delle licenze, con il "
            "suo riepilogo da confermare.")


def licenses_after_reactivation(wanted: str, product: str) -> str:
    """After the reactivation: the count asked for at its summary, offered."""
    return (f"Avevi chiesto anche di passare a {wanted} per {product}: vuoi che ti prepari ora "
            "la modifica?")
