"""The bot's fixed sentences (conversation intents, refusals of the engine itself)."""

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
CONFIRM_PENDING = (
    "L'ordine non è ancora confermato e non ho registrato niente. Per confermarlo scrivi «sì» "
    "o premi Conferma; se non vuoi procedere, scrivi «no» o premi Annulla."
)
OUT_OF_SCOPE_IN_FLOW = (
    "Mi dispiace, questo non lo so: non voglio darti una risposta sbagliata. Se vuoi, ti metto "
    "in contatto con una persona del servizio clienti: scrivimi «parla con una persona». "
    "Intanto riprendiamo da dove eravamo."
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
    "sulla fatturazione; per le modifiche serve il contatto di fatturazione del vostro account."
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
OVERVIEW_FOR_CONTACT = (
    "Il riepilogo dell'account, con abbonamenti, importi e rinnovi, è riservato al contatto di "
    "fatturazione e al supporto."
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
ONLY_AGENTS_ACT_FOR = (
    "Solo gli agenti del supporto possono operare per conto di un altro account: non ho fatto "
    "niente né per quell'account né per il tuo."
)
