"""The wording of the account's VAT number and payment method asked in the chat (at an order
summary or outside one: `summary_facts`), and of who may see them."""

from __future__ import annotations

VAT_NUMBER_TITLE = "La partita IVA dell'account"
PAYMENT_TITLE = "Come si paga"
VAT_NUMBER_RESERVED = ("La partita IVA registrata sull'account la vedono il contatto di "
                       "fatturazione e il supporto.")
PAYMENT_RESERVED = ("Il metodo di pagamento dell'account lo vedono il contatto di fatturazione "
                    "e il supporto.")


def vat_number_on_account(account: str, masked: str, portal: str, *, pending: bool) -> str:
    """The account's own VAT number, masked (billing_core.privacy); `pending`: asked while an
    order summary waits for a confirmation."""
    fix = ("Se non è giusta, non confermare: il contatto di fatturazione la aggiorna"
           if pending else "Se non è giusta, il contatto di fatturazione la aggiorna")
    return (f"La partita IVA registrata sull'account {account} è {masked} (per riservatezza "
            f"mostro solo le ultime cifre): è quella che va in fattura. {fix} tra le "
            f"informazioni di fatturazione del {portal}.")


def no_vat_number_on_account(account: str) -> str:
    return (f"Sull'account {account} non è registrata una partita IVA: quando un ordine da "
            "pagare la richiede, te la chiedo prima del riepilogo.")


def payment_method_on_account(account: str, method: str | None, portal: str,
                              due_today: bool | None) -> str:
    """How the account pays, as billing_core stores it (no card data); `due_today`: at an
    order summary, whether it charges anything today (None: no summary)."""
    if method == "card":
        said = f"Sull'account {account} è registrata una carta"
        if due_today is None:
            said += ": rinnovi e ordini vengono addebitati lì."
        else:
            said += (": il totale dovuto oggi viene addebitato lì." if due_today else
                     "; oggi non paghi niente.")
        return (f"{said} I dati della carta non li vedo e non li scrivo in chat: il contatto "
                f"di fatturazione li vede e li aggiorna nel {portal}.")
    if method == "bank_transfer":
        return (f"L'account {account} paga con bonifico bancario; il contatto di fatturazione "
                f"gestisce i pagamenti nel {portal}.")
    return (f"Sull'account {account} non è registrato un metodo di pagamento: il contatto di "
            f"fatturazione lo aggiunge nel {portal}.")
