"""The result of classifying one message (the boundary type of the intents package)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from intents.slots import CountProblem
from intents.training_data import SlotValue

Band = Literal["answer", "ask", "out_of_scope"]


class Classification(BaseModel):
    """What the user wants, how sure the matcher is, and what it read from the text.

    - `intent`: a contract id; "out_of_scope" when the band is out_of_scope.
    - `confidence`: 0..1, the calibrated probability of `intent` (for out_of_scope below the
      floor: one minus the probability of the best in-scope intent).
    - `band`: "answer" (top high and clearly ahead), "ask" ("Intendevi…?" with `candidates`),
      "out_of_scope" (the bot says what it can do and offers a human).
    - `candidates`: the three best in-scope intents with their probabilities, best first.
    - `product_family`: a product line the text names without saying which product
      ("GoToAssist": v4 or v5), as an id of data/slots.yaml (`intents.slots.family`); None when
      the text names a product or no family. Not a contract slot: `billing-bot classify` does
      not print it.
    - `count_problem`: why the count the text states is no count ("zero": "0", "a zero";
      "negative": "-3"; "fraction": "7.5", "sette e mezzo"), so the dialogue can say why; then
      `slots` has no `count` nor `count_mode`. None when the text states no count or a good one.
      Not a contract slot.
    """

    model_config = ConfigDict(frozen=True)

    text: str
    intent: str
    confidence: float = Field(ge=0.0, le=1.0)
    slots: dict[str, SlotValue] = Field(default_factory=dict)
    band: Band
    candidates: list[tuple[str, float]] = Field(default_factory=list)
    product_family: str | None = None
    count_problem: CountProblem | None = None
