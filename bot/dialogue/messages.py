"""The dialogue's own sentences: the engine's and the shared steps' (each flow's questions,
notices and buttons are in bot/dialogue/flows/wording.py); fixed ones as constants, the ones
with a value as small functions. billing_core's refusals and warnings keep theirs
(billing_core), and the words for counts, plans, dates and money come from
`billing_core.wording`."""

from __future__ import annotations

CAPABILITIES = (
    "Posso ridurre o aggiungere licenze, cambiare piano o frequenza di fatturazione, disdire "
    "o riattivare un abbonamento, mostrarti abbonamenti, rinnovi e credito del vostro account, "
    "e rispondere alle domande su Centro fatturazione, contatto di fatturazione, metodo di "
    "pagamento, acquisti, fatture, preventivi e ordini."
)
EXAMPLES = "Per esempio: \"riduci a 8 le licenze di GoTo Webinar\" oppure \"chi è il nostro " \
           "contatto di fatturazione?\"."

OUT_OF_SCOPE = (
    "Mi dispiace, questo non lo so: non voglio darti una risposta sbagliata. "
    + CAPABILITIES
    + " Se vuoi, ti metto in contatto con una persona del servizio clienti."
)
NOT_UNDERSTOOD_IN_FLOW = "Non ho capito la risposta."
NOT_CONFIRMED_REVISED = (
    "Non ho confermato l'ordine del riepilogo precedente: non ho registrato niente."
)
QUESTION_NOT_CONFIRMED = (
    "L'ordine non è ancora confermato e non ho registrato niente. Quando vuoi, scrivi «sì» o "
    "premi Conferma; se non vuoi procedere, scrivi «no» o premi Annulla."
)
QUESTION_NOT_UNDERSTOOD = (
    "Non sono sicuro di aver capito la domanda: puoi scriverla per intero? Intanto non ho "
    "registrato niente."
)
YES_NO_PENDING = (
    "Non ho ancora fatto niente: rispondi «sì» o «no», oppure premi uno dei pulsanti."
)
SWITCH_PENDING = (
    "Non ho ancora cambiato niente: vuoi lasciar perdere l'operazione in corso? Rispondi «sì» "
    "o «no», oppure premi uno dei pulsanti."
)
OFFER_PENDING = (
    "Non ho ancora fatto niente: vuoi che proceda io? Rispondi «sì» o «no», oppure premi uno dei "
    "pulsanti."
)
"""After an offer ("Vuoi che lo faccia ora?"), a message that answers nothing: no operation is
in progress, so nothing to let go of (SWITCH_PENDING)."""
CONFIRM_PENDING = (
    "L'ordine non è ancora confermato e non ho registrato niente. Per confermarlo scrivi «sì» "
    "o premi Conferma; se non vuoi procedere, scrivi «no» o premi Annulla."
)
CANCELLATION_NOT_CONFIRMED = (
    "La disdetta non è ancora confermata e non ho registrato niente. Quando vuoi, scrivi «sì» "
    "o premi Conferma; se non vuoi procedere, scrivi «no» o premi Annulla."
)
CANCELLATION_PENDING = (
    "La disdetta non è ancora confermata e non ho registrato niente. Per confermarla scrivi "
    "«sì» o premi Conferma; se non vuoi procedere, scrivi «no» o premi Annulla."
)


def not_confirmed_yet(cancellation: bool) -> str:
    """After an answer at the summary: nothing confirmed yet (a cancellation is no order to
    the customer: «la disdetta»)."""
    return CANCELLATION_NOT_CONFIRMED if cancellation else QUESTION_NOT_CONFIRMED


def not_confirmed_revised(cancellation: bool) -> str:
    if cancellation:
        return "Non ho confermato la disdetta del riepilogo precedente: non ho registrato niente."
    return NOT_CONFIRMED_REVISED
OUT_OF_SCOPE_IN_FLOW = (
    "Mi dispiace, questo non lo so: non voglio darti una risposta sbagliata. Se vuoi, ti metto "
    "in contatto con una persona del servizio clienti: scrivimi «parla con una persona». "
    "Intanto riprendiamo da dove eravamo."
)
NOT_KNOWN_PENDING = (
    "Mi dispiace, questo non lo so: non voglio darti una risposta sbagliata. Se vuoi, ti metto "
    "in contatto con una persona del servizio clienti: premi «Parla con una persona» qui sotto "
    "o scrivi «parla con una persona»."
)
YES_TO_WHICH = (
    "Non ho fatto niente: non so se il tuo «sì» risponde alla domanda qui sotto o alla proposta "
    "di parlare con una persona. Per rispondere alla domanda premi il suo pulsante o scrivi "
    "«confermo»; per parlare con una persona premi «Parla con una persona»."
)
HANDOFF = (
    "Ho passato la richiesta al servizio clienti: una persona del team di supporto "
    "riprenderà questa conversazione e ti risponderà qui, di solito entro un giorno lavorativo. "
    "Intanto, se vuoi, posso continuare ad aiutarti."
)
HANDOFF_CORPORATE = (
    " Per gli account Corporate puoi anche contattare direttamente i Servizi per account "
    "Corporate."
)
THANKS = "Prego! Se ti serve altro, sono qui."
NOTHING_PENDING = "Non c'è nessuna operazione in corso. Come posso aiutarti?"


def order_already_placed(order_id: str) -> str:
    """A "no" or "annulla" after this conversation placed an order: it is placed already."""
    return (f"L'ordine {order_id} è già registrato e da qui non posso annullarlo. Se vuoi "
            "cambiare di nuovo l'abbonamento, dimmi cosa ti serve e ti preparo un nuovo "
            "riepilogo; per annullare l'ordine ti metto in contatto con il servizio clienti.")
STALE_BUTTON = "Questo pulsante non è più valido."
NOT_YOUR_BUTTON = (
    "Questo pulsante non è per te: può premerlo solo la persona a cui il bot ha risposto."
)
OUTCOME_CANCELLED = "Operazione annullata"
OUTCOME_NOT_PLACED = "Ordine non effettuato"
OUTCOME_HANDOFF = "Richiesta passata al servizio clienti"
EXPIRED = (
    "È passata più di mezz'ora dall'ultimo messaggio, quindi ho chiuso l'operazione che "
    "avevamo in corso: nessun ordine è stato effettuato. Ricominciamo da capo."
)
STRANGER_NO_TRANSACTION = (
    "Non trovo un account GoTo collegato al tuo indirizzo e-mail, quindi non posso fare "
    "modifiche né mostrarti dati di un account. Posso però rispondere alle domande generali "
    "sulla fatturazione; per le modifiche serve il contatto di fatturazione dell'account della "
    "tua azienda."
)
AGENT_NEEDS_ACCOUNT = (
    "Per quale cliente vuoi operare? Scrivi \"per conto di\" seguito dall'id dell'account o "
    "dall'e-mail di un suo contatto, per esempio \"per conto di ACC-1001\"."
)
CONFLICT = (
    "Ho ricevuto due messaggi nello stesso momento e non sono riuscito a seguirli entrambi: "
    "ripeti l'ultimo, per favore."
)
EMPTY_MESSAGE = "Scrivimi pure la tua domanda. " + EXAMPLES
NO_GUIDE = (
    "Su questo argomento non ho ancora una guida da darti, e preferisco non inventare. "
    "Se vuoi, ti metto in contatto con una persona del servizio clienti."
)
PURCHASE_NOT_HERE = (
    "Un nuovo piano non posso acquistarlo io da qui: puoi farlo tu dal Centro fatturazione con "
    "i passaggi qui sopra, oppure ti metto in contatto con una persona del servizio clienti."
)
OFFER_TO_DO_IT = (
    "Posso farlo io da qui: ti mostro il riepilogo e niente viene ordinato senza la tua "
    "conferma. Vuoi che lo faccia ora?"
)
OFFER_DECLINED = "D'accordo, non faccio niente. Se ti serve altro, sono qui."
SWITCH_DROPPED = (
    "D'accordo, ho lasciato perdere l'operazione precedente: nessun ordine è stato effettuato."
)
STALE_BUTTON_AGAIN = STALE_BUTTON + " Ecco di nuovo la domanda in sospeso."
GO_ON = "Va bene, continuiamo."
OFFER_YES = "Sì, fallo ora"
OFFER_NO = "No, grazie"
SWITCH_YES = "Sì, lascia perdere"
SWITCH_NO = "No, continuiamo"
DID_YOU_MEAN = "Non sono sicuro di aver capito. Intendevi…?"
FACTS_TITLE = "Per il vostro account"
EXPLAIN_TITLE = "Come si compone il riepilogo"


def greeting(first_name: str) -> str:
    hello = f"Ciao {first_name}!" if first_name else "Ciao!"
    return f"{hello} Sono l'assistente di fatturazione GoTo. {CAPABILITIES} {EXAMPLES}"


def confirm_pending(thanks: bool, cancellation: bool = False) -> str:
    """"ok grazie", "boh", "ok aspetta" at the summary: not confirmed, how to confirm."""
    return ("Prego! " if thanks else "") + (CANCELLATION_PENDING if cancellation
                                            else CONFIRM_PENDING)


def renewal_after(date: str, total: str, per_period: str) -> str:
    """After the summary's explanation: what the new plan costs from its next renewal."""
    return (f"Poi, dal rinnovo {date}, paghi {total} IVA inclusa {per_period} (al prezzo di "
            "listino di oggi).")


def chosen(label: str) -> str:
    """The line that replaces a pressed message's buttons."""
    return f"Scelto: {label}"


def order_confirmed_by(who: str, at: str) -> str:
    return f"Ordine confermato da {who} alle {at}"


def switch_question(current_goal: str, new_goal: str, *, after: bool = False) -> str:
    """Another request while a flow waits; `after`: for another product, kept for later on a
    no."""
    question = f"Stiamo ancora cercando di {current_goal}. Vuoi lasciar perdere e {new_goal}?"
    if after:
        question += (" Se preferisci continuare, la nuova richiesta te la preparo dopo. "
                     "Intanto non ho registrato niente.")
    return question


def go_on_then(new_goal: str) -> str:
    return f"Va bene, continuiamo. Poi ti propongo di {new_goal}."


def only_the_contact_changes(contact: str) -> str:
    return ("Solo il contatto di fatturazione dell'account può fare modifiche all'abbonamento. "
            f"{contact} Puoi chiedere a questa persona di farlo, oppure di nominarti contatto "
            "di fatturazione.")


def only_agents_act_for(own_account: str | None) -> str:
    """Someone who is not an agent wrote "per conto di <another account>"."""
    refused = ("Solo gli agenti del supporto possono operare per conto di un altro account: "
               "non ho fatto niente")
    if not own_account:
        return f"{refused} per quell'account."
    end = "" if own_account.endswith(".") else "."
    return (f"{refused} né per quell'account né per il vostro. Posso aiutarti con il vostro "
            f"account, {own_account}{end}")


def only_own_account(name: str, account_id: str) -> str:
    """Someone who is not an agent asked about another account ("per ACC-2001: quante licenze
    hanno?"): nothing of it is shown, and the answer is not given with their own data."""
    return (f"Posso mostrarti solo i dati del vostro account, {name} "
            f"({account_id}): di un altro account non vedo niente. Se ti serve qualcosa del "
            "vostro, chiedimelo pure.")


def not_on_account(reference: str, on_behalf: bool, *, quote: bool) -> str:
    """An order (or, `quote`, a quote) id typed that is not on the account."""
    named = f"il preventivo {reference}" if quote else f"l'ordine {reference}"
    where = "sull'account del cliente" if on_behalf else "sul vostro account"
    return (f"Non vedo {named} {where}: controlla il numero. Posso mostrarti solo gli ordini e "
            "i preventivi di questo account.")


def no_account_for(reference: str, still_for: str | None) -> str:
    still = f" Continui a operare per conto di {still_for}." if still_for else ""
    return (f"Non trovo nessun account per «{reference}». Controlla l'id (per esempio ACC-1001) "
            f"o l'e-mail del contatto.{still}")


def acting_for(name: str, account_id: str, contact: str) -> str:
    return (f"D'accordo: ora operi per conto di {name} ({account_id}). {contact} Ogni "
            "operazione viene registrata anche a tuo nome.")


def request_set_aside(goal: str, customer: str) -> str:
    """An agent names another customer while a request for `customer` waits."""
    return (f"Ho messo da parte la richiesta di {goal} per {customer}: non ho registrato "
            "niente. Se ti serve ancora, torna a quel cliente e chiedimela di nuovo.")


def carrying_on(goal: str) -> str:
    """The change an agent asked for before choosing the customer, now for that customer."""
    return f"Riprendo la tua richiesta: {goal}."


def customer_facts_title(name: str, account_id: str) -> str:
    return f"Per l'account del cliente, {name} ({account_id})"


OVERVIEW_RESERVED = ("Il riepilogo dell'account, con abbonamenti, importi e rinnovi, è "
                     "riservato al contatto di fatturazione e al supporto.")


def overview_for_contact(account_name: str, contact: str | None,
                         contact_name: str | None) -> str:
    """account.overview asked by a plain user: who may see it, and who that is."""
    return reserved_for_contact(OVERVIEW_RESERVED, account_name, contact, contact_name)


def reserved_for_contact(reserved: str, account_name: str, contact: str | None,
                         contact_name: str | None) -> str:
    """Account data asked by a plain user: who may see it (`reserved`), and who that is."""
    if contact is None:
        return f"{reserved} {account_name} non ha ancora un contatto di fatturazione."
    who = f"{contact_name} ({contact})" if contact_name else contact
    return f"{reserved} Per {account_name} è {who}: puoi chiedere a questa persona."


def offer_more_licenses(product: str, count: object | None) -> str:
    if count is not None:
        return f"Vuoi che aggiunga {count} licenze a {product}?"
    return f"Vuoi che aggiunga licenze a {product}?"


def offer_reactivation(product: str) -> str:
    return f"Vuoi che riattivi {product}?"


def what_to_do_with(text: str) -> str:
    return (f"Cosa vuoi fare con «{text.strip()}»? Scegli qui sotto, oppure scrivimi la "
            f"richiesta intera. {EXAMPLES}")


def handoff_reason(attempted: str | None) -> str:
    """Why the conversation was handed over, as support reads it."""
    during = f" mentre cercava di {attempted}" if attempted else ""
    return f"Chiede di parlare con una persona{during}."


def handoff_reference(handoff_id: str) -> str:
    return f" Riferimento della richiesta: {handoff_id}."
HANDOFF_OFFER = "Se vuoi, ti metto in contatto io con una persona."
HANDOFF_BUTTON = "Parla con una persona"
CANCELLED = "Va bene, ho annullato l'operazione: nessun ordine è stato effettuato."
CANCELLED_VAT = ("Va bene, ho annullato l'operazione: nessun ordine è stato effettuato e la "
                 "partita IVA che hai scritto non è stata salvata sull'account.")
EDIT_QUESTION = "Cosa vuoi modificare?"
SUMMARY_REFRESHED = " Ecco il riepilogo aggiornato."


def vat_number_question(example: str) -> str:
    return ("Per completare l'ordine serve la partita IVA dell'azienda, che non risulta sul "
            f"vostro account. Scrivila qui, per esempio {example}.")


VAT_NUMBER_WITH_ORDER = "Grazie, ecco il riepilogo con la partita IVA che hai scritto."
VAT_NUMBER_CORRECTED = "Ecco il riepilogo con la partita IVA corretta."
VAT_NUMBER_KEPT = "Il riepilogo resta con la partita IVA di prima."
VAT_NUMBER_ON_CONFIRM = ("La partita IVA viene salvata sull'account solo quando confermi "
                         "l'ordine.")
VAT_NUMBER_STORED = "La partita IVA del riepilogo ora è salvata sull'account."


def vat_number_of_order(vat_number: str) -> str:
    """Asked at a summary that carries the VAT number typed for the order."""
    return (f"La partita IVA dell'ordine è {vat_number}: viene salvata sull'account solo "
            "quando confermi; se non è giusta, scrivimi quella corretta.")


REACTIVATE_AFTER_CANCEL_TITLE = "Riattivare dopo la disdetta"


def reactivate_after_cancel(product: str, until: str, after: str) -> str:
    """"posso riattivarlo dopo?" at a cancellation's summary (article 004: a cancelled plan
    stays on the account to the end of the period; billing_core: a pending cancellation can
    be withdrawn, an ended one reactivated with a new period)."""
    return (f"Sì. Con la disdetta {product} resta nell'account e puoi usarlo fino {until}. Se "
            "cambi idea prima di allora, scrivimi «riattiva l'abbonamento»: ritiro la "
            "disdetta, senza niente da pagare, e l'abbonamento continua e si rinnova come "
            f"prima. Dopo {after}, a piano scaduto, puoi riattivarlo quando vuoi, qui o dal "
            "Centro fatturazione, con un nuovo periodo di fatturazione che parte dal giorno "
            "della riattivazione.")


def confirming_for_customer(account: str, cancellation: bool) -> str:
    """Under the summary an agent confirms for a customer: whose order it is, and consent."""
    what = "registri la disdetta" if cancellation else "effettui l'ordine"
    return (f"Confermando, {what} per conto di {account}: conferma solo con il consenso del "
            "cliente.")


def which_product(goal: str) -> str:
    return f"Per quale prodotto vuoi {goal}?"


def on_the_account(customer: str | None = None) -> str:
    """"Sul vostro account" to the account's own people; to an agent acting for a customer
    (`customer`: "Rossi Consulting S.r.l. (ACC-1001)"), that account by name."""
    return f"Sull'account di {customer}" if customer else "Sul vostro account"


def no_subscription_to(product: str, customer: str | None = None) -> str:
    return f"{on_the_account(customer)} non c'è un abbonamento a {product}."


def downgrade_rest_not_done(rest: list[str]) -> str:
    """A refused downgrade: the rest of the request named, not done behind the user's back."""
    return (f" Non ho fatto neanche il resto della richiesta ({', '.join(rest)}): se ti serve "
            "solo quello, chiedimelo senza il cambio di piano.")


def count_problem(problem: str, noun: str = "licenze") -> str:
    """Why the number typed is no count ("zero", "negative", "fraction"; anything else: not
    understood), and what to write instead (`noun`: "licenze" or "postazioni")."""
    if problem == "zero":
        return (f"Il numero di {noun} non può essere 0: ne serve almeno una. Se non vi serve "
                "più il prodotto, puoi disdire l'abbonamento.")
    if problem == "negative":
        return (f"Il numero di {noun} non può essere negativo: scrivi quante {noun} vuoi, "
                "per esempio 8.")
    if problem == "fraction":
        return (f"Le {noun} si contano solo a numeri interi: scrivi un numero intero, per "
                "esempio 7.")
    return "Non ho capito il numero: scrivilo in cifre, per esempio 8."


def no_subscriptions_to_change(customer: str | None = None) -> str:
    return f"{on_the_account(customer)} non ci sono abbonamenti da modificare."


def no_subscriptions_at_all(customer: str | None = None) -> str:
    """The account overview of an account with no subscription (`no_subscriptions_to_change`:
    a flow's, none to change)."""
    return f"{on_the_account(customer)} non ci sono abbonamenti."
