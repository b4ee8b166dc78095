"""What confirming a preview applies, stored with the preview (`previews.change`, JSON): a typed,
discriminated model written and read only through `dump_change` / `load_change`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from billing_core.pricing import LedgerKind
from billing_core.schemas import Frequency


class LedgerLine(BaseModel):
    """One line of the order, as it goes into the ledger."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LedgerKind
    label: str
    amount: Decimal


class _Change(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    balance_used: Decimal = Decimal("0.00")
    """Account credit the order spends (checked again at confirmation)."""
    lines: tuple[LedgerLine, ...] = ()
    vat_number: str | None = None
    """The VAT number given with this order (validated, "IT07643520567"): written to the
    account when the order is confirmed, in its transaction; None: the account's own is used.
    Changes stored before it existed load with None."""


class NewPeriod(_Change):
    """A new full period from today with this plan (a plan change, a license reduction, a
    reactivation)."""

    type: Literal["new_period"] = "new_period"
    tier: str
    licenses: int
    frequency: Frequency
    period_start: date
    period_end: date
    charged: Decimal
    """The new period's charge (VAT excluded): the most a later credit can be a share of."""


class AddSeats(_Change):
    """Corporate seats added for the rest of the term (dates unchanged)."""

    type: Literal["add_seats"] = "add_seats"
    seats: int
    charged_add: Decimal


class CancelAtPeriodEnd(_Change):
    type: Literal["cancel_at_period_end"] = "cancel_at_period_end"


class WithdrawCancellation(_Change):
    type: Literal["withdraw_cancellation"] = "withdraw_cancellation"


Change = Annotated[NewPeriod | AddSeats | CancelAtPeriodEnd | WithdrawCancellation,
                   Field(discriminator="type")]
_CHANGE: TypeAdapter[Change] = TypeAdapter(Change)


def dump_change(change: Change) -> dict[str, Any]:
    """The JSON stored with the preview."""
    return change.model_dump(mode="json")


def load_change(data: dict[str, Any]) -> Change:
    """The stored change back (pydantic.ValidationError when it is not one: a summary written
    by an older version is refreshed by the caller)."""
    return _CHANGE.validate_python(data)
