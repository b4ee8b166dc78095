"""Personal data masked before anything is stored for reports or written to a log.

`mask_personal_data(text)` hides, wherever they stand in a sentence: e-mail addresses (first
letter and domain kept), IBANs (python-stdnum's `iban`; country and last 4 kept), card-like
numbers (13 to 19 digits passing the Luhn check; last 4 kept), Italian codici fiscali (last 3
kept) and VAT numbers (a country prefix with digits, or 11 digits: last 3 kept). What is left
still reads as the sentence it was ("la partita iva è IT********567"), so a support writer can
see what was asked without seeing whose data it was.
"""

from __future__ import annotations

import re

from stdnum import iban as std_iban
from stdnum import luhn

from billing_core.vat import CODICE_FISCALE, VAT_PREFIXES

_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")
_IBAN = re.compile(
    r"(?<![0-9A-Za-z])([A-Za-z]{2}\d{2}(?:[0-9A-Za-z]{11,30}"
    r"|(?:[ \-]?[0-9A-Za-z]{4}){2,7}(?:[ \-]?[0-9A-Za-z]{1,4})?))(?![0-9A-Za-z])")
"""Two letters, two check digits, then the account: written in one piece or in groups of four."""
_DIGIT_RUN = re.compile(
    r"(?:(?<![^\W\d_])(?P<prefix>[A-Za-z]{2})[ \t.\-:]*)?(?<!\d)(?P<run>\d(?:[ .\-]?\d)*)(?!\d)")


def mask_personal_data(text: str) -> str:
    """`text` with e-mails, IBANs, card numbers, codici fiscali and VAT numbers masked."""
    text = _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    text = _IBAN.sub(_mask_iban, text)
    text = CODICE_FISCALE.sub(lambda m: _keep_last(m.group(0), 3), text)
    return _DIGIT_RUN.sub(_mask_digits, text)


def mask_vat_number(vat_number: str | None) -> str:
    """For logs, audit text and replies: the country prefix and the last three digits only,
    `IT07643520567` → `IT********567`."""
    if not vat_number:
        return "-"
    compact = "".join(vat_number.split()).upper()
    prefix = compact[:2] if compact[:2].isalpha() else ""
    return prefix + _keep_last(compact[len(prefix):], 3)


def _keep_last(value: str, keep: int) -> str:
    if len(value) <= keep:
        return "*" * len(value)
    return "*" * (len(value) - keep) + value[-keep:]


def _mask_iban(match: re.Match[str]) -> str:
    raw = match.group(1)
    compact = std_iban.compact(raw)
    digits = sum(ch.isdigit() for ch in compact)
    if not std_iban.is_valid(compact) and digits < 12:
        return raw  # not an IBAN, and too few digits to be one mistyped
    return compact[:2] + _keep_last(compact[2:], 4)


def _mask_digits(match: re.Match[str]) -> str:
    prefix = match.group("prefix")
    run = match.group("run")
    digits = re.sub(r"\D", "", run)
    if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
        return match.group(0)[: match.start("run") - match.start(0)] + _keep_last(digits, 4)
    is_vat_prefix = prefix is not None and prefix.upper() in VAT_PREFIXES
    if (is_vat_prefix and len(digits) >= 8) or len(digits) == 11:
        if is_vat_prefix:
            return prefix.upper() + _keep_last(digits, 3)
        return match.group(0)[: match.start("run") - match.start(0)] + _keep_last(digits, 3)
    return match.group(0)
