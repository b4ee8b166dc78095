"""VAT numbers read out of what a person typed: "IT 07643520567", "P.IVA 076.435.205.67",
"la nostra partita iva è it07643520567". python-stdnum does the compacting and the check digit
(`stdnum.it.iva` for Italian numbers, `stdnum.eu.vat` for the other member states); this module
finds the number in the sentence and says, in Italian, what is wrong with a wrong one.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidLength,
    ValidationError,
)
from stdnum.it import iva as it_iva

EXAMPLE_VAT_NUMBER = "IT01234560017"
"""The example partita IVA shown to users: a valid one (python-stdnum), not anyone's on file."""

VAT_PREFIXES = frozenset({"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI",
                          "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL",
                          "PT", "RO", "SE", "SI", "SK", "XI"})
"""The country prefixes of EU VAT numbers (Greece is EL, Northern Ireland XI)."""

VatProblem = Literal["length", "checksum", "format", "country"]

_SEPARATOR = r"[ \t.\-]"
_CANDIDATE = re.compile(
    rf"(?:(?<![^\W\d_])(?P<prefix>[^\W\d_]{{2}}){_SEPARATOR}*:?{_SEPARATOR}*)?"
    rf"(?<![\d])(?P<body>\d(?:{_SEPARATOR}?\d)*)"
)
"""An optional two-letter prefix (not glued to a longer word), then a run of digits with single
spaces, dots or dashes between them. Numbers with letters (some member states) are not read:
the accounts billed here are Italian."""
CODICE_FISCALE = re.compile(
    r"(?<![0-9A-Za-z])[A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z]\d{3}[A-Za-z](?![0-9A-Za-z])")
"""A person's codice fiscale (16 characters): not a VAT number; billing_core.privacy masks it."""


class VatReading(BaseModel):
    """A VAT number found in a message: valid, or with the reason it is not."""

    model_config = ConfigDict(frozen=True)

    country: str
    """The country the number is read for ("IT")."""
    number: str
    """Compact, without the country prefix: "07643520567"."""
    problem: VatProblem | None = None
    message: str | None = None
    """When not valid: the Italian sentence that says what is wrong and what to do."""

    @property
    def valid(self) -> bool:
        return self.problem is None

    @property
    def full(self) -> str:
        """With the country prefix, as stored on the account: "IT07643520567"."""
        return ("EL" if self.country == "GR" else self.country) + self.number


def read_vat_number(text: str, country: str = "IT") -> VatReading | None:
    """The VAT number in `text`, read for an account in `country`; None when the text has no
    digits at all (it is not a VAT number: the caller treats it as something else).

    Spaces, dashes, dots, labels ("P.IVA", "partita iva:") and lower case are accepted; a wrong
    check digit, a wrong length and another country's prefix are each named."""
    if CODICE_FISCALE.search(text):
        # a person's codice fiscale has digits too ("RSSMRA80A01H501U"): not 3 digits of a VAT
        # number, but the wrong code; a VAT number written next to it is still read
        text = CODICE_FISCALE.sub(" ", text)
        if not any(ch.isdigit() for ch in text):
            return VatReading(country=country.upper(), number="", problem="format", message=(
                "Questo è un codice fiscale, non una partita IVA: serve la partita IVA "
                f"dell'azienda, 11 cifre, per esempio {_example(country.upper())}."))
    candidates = [_candidate(match) for match in _CANDIDATE.finditer(text)]
    if not candidates:
        return None
    # a number with a country prefix wins, then the longest run of digits
    prefix, body = max(candidates, key=lambda c: (c[0] is not None, _digit_count(c[1])))
    country = country.upper()
    if prefix is not None and prefix != _prefix_of(country):
        return VatReading(country=country, number=body, problem="country", message=(
            f"Questa partita IVA inizia con {prefix}, ma l'account è registrato in "
            f"{_country_name(country)}: scrivi la partita IVA {_prefix_of(country)} "
            f"dell'azienda, per esempio {_example(country)}."))
    if country == "IT":
        return _italian(body)
    return _european(country, body)


def _candidate(match: re.Match[str]) -> tuple[str | None, str]:
    prefix = match.group("prefix")
    body = re.sub(_SEPARATOR, "", match.group("body")).upper()
    if prefix is not None:
        upper = prefix.upper()
        # "it", "IT" are the Italian prefix; another member state counts when written in
        # capitals ("per es. 0764…" is not Spain)
        prefix = upper if upper in VAT_PREFIXES and (upper == "IT" or prefix.isupper()) else None
    return prefix, body


def _digit_count(body: str) -> int:
    return sum(ch.isdigit() for ch in body)


def _italian(body: str) -> VatReading:
    try:
        return VatReading(country="IT", number=it_iva.validate(body))
    except InvalidLength:
        digits = _digit_count(body)
        found = "ce n'è una" if digits == 1 else f"ce ne sono {digits}"
        return VatReading(country="IT", number=body, problem="length", message=(
            "Questa partita IVA non è valida: una partita IVA italiana ha 11 cifre, qui "
            f"{found}. Controllala e riscrivila, per esempio {EXAMPLE_VAT_NUMBER}."))
    except InvalidChecksum:
        return VatReading(country="IT", number=body, problem="checksum", message=(
            "Questa partita IVA non è valida, il codice di controllo non torna: controlla le "
            "cifre e riscrivila."))
    except InvalidComponent:
        # 11 digits, check digit aside: the 8th to 10th name the tax office's province
        # ("12345678901": 890 is none), which python-stdnum checks before the check digit
        return VatReading(country="IT", number=body, problem="format", message=(
            "Questa partita IVA non è valida: ha 11 cifre, ma l'ottava, la nona e la decima "
            f"({body[7:10]}) non sono il codice di nessun ufficio provinciale. Controlla le "
            "cifre e riscrivila."))
    except ValidationError:  # the first seven digits all zero
        return VatReading(country="IT", number=body, problem="format", message=(
            "Questa partita IVA non è valida: le prime sette cifre non possono essere tutte "
            f"zero. Controlla le cifre e riscrivila, per esempio {EXAMPLE_VAT_NUMBER}."))


def _european(country: str, body: str) -> VatReading:
    prefix = _prefix_of(country)
    try:
        number = str(eu_vat.validate(prefix + body))
    except InvalidChecksum:
        return VatReading(country=country, number=body, problem="checksum", message=(
            "Questa partita IVA non è valida, il codice di controllo non torna: controlla le "
            "cifre e riscrivila."))
    except InvalidLength:
        return VatReading(country=country, number=body, problem="length", message=(
            f"Questa partita IVA non ha il numero di cifre giusto per {_country_name(country)}: "
            "controllala e riscrivila."))
    except ValidationError:
        return VatReading(country=country, number=body, problem="format", message=(
            "Questa partita IVA non è valida: scrivila con il prefisso del paese seguito dal "
            f"numero, per esempio {_example(country)}."))
    return VatReading(country=country, number=number[2:])


def _prefix_of(country: str) -> str:
    return "EL" if country == "GR" else country


def _country_name(country: str) -> str:
    from babel import Locale

    name = Locale("it").territories.get(country)
    return f"{name}" if name else country


def _example(country: str) -> str:
    return EXAMPLE_VAT_NUMBER if country == "IT" else "DE123456789"
