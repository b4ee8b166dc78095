"""`seats.add`: more licenses. Standard accounts: a plan change with more licenses (article 001).
Corporate accounts: the add-seats quote of article 003, with its open-quote choice."""

from __future__ import annotations

from billing_core.schemas import Preview, QuoteView, Refusal, SubscriptionView
from billing_core.wording import product_name, units
from bot.dialogue.flows import wording
from bot.dialogue.flows.base import Flow, Step
from bot.dialogue.flows.quote_choice import Choice, asks_about, named_choice
from bot.dialogue.flows.turnabout import answer_turning
from bot.dialogue.replies import Button, Reply, Section
from bot.dialogue.state import Awaiting, SlotValue, YesNoQuestion
from bot.dialogue.understanding import is_question

SUGGEST_REDUCE: YesNoQuestion = "yes_no.reduce_instead"
REJECT_QUOTE: YesNoQuestion = "yes_no.reject_quote"

class SeatsAddFlow(Flow):
    name = "seats.add"
    goal = wording.GOAL_ADD
    revisable = frozenset({"count", "plan", "frequency"})
    tier_is_a_plan_change = True
    default_count_mode = "add"

    @property
    def corporate(self) -> bool:
        return self.ctx.account.kind == "corporate"

    def unit(self, count: int) -> str:
        """`"3 licenze"`, or `"3 postazioni"` on a corporate account."""
        return units(count, self.ctx.account.kind)

    def product_name(self, product: str) -> str:
        return product_name(product, self.ctx.catalog)

    def eligible(self, subscription: SubscriptionView) -> bool:
        return subscription.status == "active"

    def asks_count(self) -> bool:
        return True

    def start(self, slots: dict[str, SlotValue]) -> Step:
        if slots.get("plan") is not None and not self.corporate:
            # more licenses and another tier: a plan change, where both are changed
            wanted = dict(slots)
            if wanted.get("count") is not None and "count_mode" not in wanted:
                wanted["count_mode"] = "add"
            return Step([], done=True, switch_to=("plan.change", wanted))
        return super().start(slots)

    def additional(self) -> int:
        after = self.licenses_after()
        return 0 if after is None else after - self.current_licenses()

    def values_in(self, slots: dict[str, str | int], *, question: bool,
                  money: bool = False) -> dict[str, SlotValue]:
        found = super().values_in(slots, question=question, money=money)
        if self.corporate:  # a corporate quote adds seats; tier and frequency are not its own
            found.pop("plan", None)
            found.pop("frequency", None)
        return found

    def as_added(self, values: dict[str, SlotValue]) -> dict[str, SlotValue]:
        """A total below today's said to an addition ("si ma a 7" at the summary of 10 more
        seats out of 50, "portale a sette" at the open-quote question): 7 more, not 7 in all,
        the quantity the order is about (article 003: the seats to add). "a 45 in tutto" is a
        total all the same."""
        count = values.get("count")
        if values.get("count_mode") == "set" and isinstance(count, int) \
                and count < self.current_licenses() and not self.in_all:
            return {**values, "count_mode": "add"}
        return values

    def revise(self, values: dict[str, SlotValue], notice: str | None = None) -> Step:
        values = self.as_added(values)
        if "count" in values and self.slots.get("quote_choice") == "accept":
            # another number at the summary of the open quote: that is no longer accepting it;
            # the open-quote question comes again, with the new number kept for a new order
            self.slots.pop("quote_choice", None)
            self.slots.pop("quote_id", None)
        return super().revise(values, notice)

    def open_quote(self) -> QuoteView | None:
        """The open quote a new order would expire: any on the account (article 003: accept or
        reject the existing offers first), the one for this product first."""
        sub = self.subscription()
        quotes = [q for q in self.ctx.account.quotes if q.status == "open"]
        quotes.sort(key=lambda q: sub is None or q.product != sub.product)
        return quotes[0] if quotes else None

    def next_question(self) -> Reply | None:
        sub = self.subscription()
        assert sub is not None
        rejecting = self.quote_to_reject()
        if rejecting is not None:
            return self.yes_no(
                REJECT_QUOTE, wording.really_reject(rejecting.id, self.unit(rejecting.seats),
                                                     self.product_name(rejecting.product)),
                yes_label=wording.REJECT_QUOTE_YES, no_label=wording.REJECT_QUOTE_NO)
        if self.corporate and "quote_choice" not in self.slots:
            quote = self.open_quote()
            if quote is not None:
                return self.ask_quote_choice(quote)
        if self.slots.get("quote_choice") == "accept":
            return None
        if "count" not in self.slots:
            return self.ask_count(wording.add_how_many(self.unit(sub.licenses),
                                                        sub.product_name, self.noun()))
        if self.additional() <= 0:
            target = sub.licenses + self.additional()
            if target == sub.licenses or target <= 0:
                self.slots.pop("count", None)
                self.slots.pop("count_mode", None)
                return self.ask_count(wording.already_have(self.unit(sub.licenses)))
            refusal = self.ctx.service.may_start(self.ctx.actor, self.ctx.account.id,
                                                 "licenses.reduce", sub.id)
            if refusal is not None:
                # fewer seats cannot be made here (a corporate account): never offered, only
                # said; the seats to add are asked again
                self.slots.pop("count", None)
                self.slots.pop("count_mode", None)
                said = f"{wording.is_a_reduction(self.unit(sub.licenses), target)} " \
                    f"{refusal.message}"
                return self.with_notice(said, self.ask_count(wording.add_how_many(
                    self.unit(sub.licenses), sub.product_name, self.noun())))
            self.state.pending["suggest_target"] = target
            return self.yes_no(
                SUGGEST_REDUCE, wording.addition_is_a_reduction(self.unit(sub.licenses), target),
                yes_label=wording.reduce_instead(target))
        return None

    def ask_quote_choice(self, quote: QuoteView) -> Reply:
        self.state.awaiting = "quote_choice"
        text = wording.open_quote(quote.id, self.unit(quote.seats),
                                   self.product_name(quote.product))
        buttons = [
            Button(action_id="flow.quote.accept", label=wording.ACCEPT_QUOTE,
                   value=quote.id, style="primary"),
            Button(action_id="flow.quote.reject", label=wording.REJECT_QUOTE,
                   value=quote.id, style="danger"),
            Button(action_id="flow.quote.new", label=wording.NEW_ORDER, value=quote.id),
        ]
        return Reply(intent=self.name, sections=[Section(text=text)], buttons=buttons,
                     private=True)

    def accept(self, awaiting: Awaiting | None, text: str,
               slots: dict[str, str | int]) -> Step | None:
        if awaiting == "count":
            return self.read_count_answer(text, slots)
        if awaiting == "quote_choice":
            quote = self.open_quote()
            if quote is None or slots.get("product", quote.product) != quote.product:
                return None  # not an answer about this quote (another product: a new request)
            asked = asks_about(text, slots)
            if asked is not None:  # "accetto?": what accepting does, then the question again
                return self.advance(self.what_choice_does(asked, quote))
            if is_question(text) and not self.about_something_else:
                # "quale mi conviene?", "che differenza c'è?": what each choice does
                return self.advance(" ".join(self.what_choice_does(choice, quote)
                                             for choice in ("accept", "reject", "new")))
            choice = None if is_question(text) else named_choice(text, slots)
            if choice is None:
                return None
            if choice == "unclear":  # "procedi", "sì": which of the three?
                return self.advance(wording.which_quote_choice(quote.id))
            if choice == "new" and "count" in slots:
                counted = self.as_added({"count": slots["count"],
                                         "count_mode": slots.get("count_mode", "add")})
                self.slots.update(counted)
            return self.choose(choice, quote.id)
        return None

    def on_negative(self, text: str, slots: dict[str, str | int]) -> Step | None:
        quote = self.open_quote()
        if self.state.awaiting != "quote_choice" or quote is None:
            return None
        asked = asks_about(text, slots)
        if asked is not None:  # "non lo accetto?": a question, not a no
            return self.advance(self.what_choice_does(asked, quote))
        if named_choice(text, slots) == "reject":
            return self.choose("reject", quote.id)
        return None

    def what_choice_does(self, choice: Choice, quote: QuoteView) -> str:
        """The answer to "accetto?", "cosa succede se rifiuto?", "e se faccio un nuovo
        ordine?" asked at the open-quote question."""
        if choice == "accept":
            count = self.slots.get("count")
            asked = self.unit(count) if isinstance(count, int) else None
            return wording.if_you_accept(quote.id, self.unit(quote.seats),
                                          self.product_name(quote.product), asked)
        if choice == "reject":
            return wording.if_you_reject(quote.id)
        return wording.if_new_order(quote.id)

    def press(self, button: Button) -> Step | None:
        choices = {"flow.quote.accept": "accept", "flow.quote.reject": "reject",
                   "flow.quote.new": "new"}
        if button.action_id in choices:
            return self.choose(choices[button.action_id], button.value)
        return None

    def quote_to_reject(self) -> QuoteView | None:
        """The open quote the user chose to reject, while "Vuoi davvero rifiutarlo?" waits."""
        wanted = self.state.pending.get("reject_quote")
        for quote in self.ctx.account.quotes:
            if quote.id == wanted and quote.status == "open":
                return quote
        return None

    def choose(self, choice: str, quote_id: str) -> Step:
        """The answer to the open-quote question: accept it (a summary to confirm follows),
        reject it (after "Vuoi davvero rifiutarlo?"), or a new order."""
        if choice == "accept":
            self.slots["quote_choice"] = "accept"
            self.slots["quote_id"] = quote_id
            return self.advance()
        if choice == "new":
            self.slots["quote_choice"] = "new"
            return self.advance()
        self.state.pending["reject_quote"] = quote_id
        return self.advance()

    def reject(self, quote_id: str) -> Step:
        result = self.ctx.service.reject_quote(self.ctx.actor, self.ctx.account.id, quote_id)
        if isinstance(result, Refusal):
            return self.end_refused(result)
        self.slots["quote_choice"] = "rejected"
        quotes = [result if q.id == result.id else q for q in self.ctx.account.quotes]
        self.ctx.account = self.ctx.account.model_copy(update={"quotes": quotes})
        return self.advance(wording.quote_rejected(result.id))

    def answer_yes_no(self, question: str, yes: bool) -> Step | None:
        if question == REJECT_QUOTE:
            quote_id = self.state.pending.pop("reject_quote", None)
            if yes and isinstance(quote_id, str):
                return self.reject(quote_id)
            return self.advance(wording.QUOTE_KEPT)
        if question != SUGGEST_REDUCE:
            return None
        target = self.state.pending.pop("suggest_target", None)
        self.slots.pop("count", None)
        self.slots.pop("count_mode", None)
        if yes and isinstance(target, int):
            return Step([], done=True, switch_to=("licenses.reduce", {
                "subscription": self.slots.get("subscription"),
                "count": target, "count_mode": "set",
            }))
        return self.advance(wording.OK)

    def turning_count(self, question: str, values: dict[str, SlotValue], text: str, *,
                      no: bool) -> Step | None:
        """A number at "Vuoi ridurle a 7?": "sì ma 6", "6" are the total to go down to (a
        summary of the reduction follows); "aggiungine 3" is still an addition."""
        if question != SUGGEST_REDUCE:
            return None
        return answer_turning(self, values, text, up=False, no=no)

    def preview(self) -> Preview | Refusal:
        sub = self.subscription()
        assert sub is not None
        service, actor, account_id = self.ctx.service, self.ctx.actor, self.ctx.account.id
        quote_id = self.slots.get("quote_id")
        vat_number = self.vat_number()
        if self.slots.get("quote_choice") == "accept" and isinstance(quote_id, str):
            return service.preview_quote_acceptance(actor, account_id, quote_id,
                                                    vat_number=vat_number)
        if self.corporate:
            return service.preview_corporate_seats(actor, account_id, sub.id, self.additional(),
                                                   vat_number=vat_number)
        return service.preview_plan_change(actor, account_id, sub.id,
                                           licenses=sub.licenses + self.additional(),
                                           vat_number=vat_number)

    def flow_notice(self, notice: str | None) -> str | None:
        count = self.slots.get("count")
        if self.slots.get("quote_choice") != "accept" or not isinstance(count, int):
            return notice
        asked = wording.not_in_the_quote(self.unit(count))
        return f"{asked} {notice}" if notice else asked

    def confirm(self) -> Step:
        step = super().confirm()
        count = self.slots.get("count")
        sub = self.subscription()
        if step.placed is not None and self.slots.get("quote_choice") == "accept" \
                and isinstance(count, int) and sub is not None:
            # the quote accepted was not what was asked ("ci servono 10 postazioni in più"):
            # the request is offered again, never dropped without a word
            slots: dict[str, SlotValue] = {"subscription": sub.id, "count": count,
                                           "count_mode": self.slots.get("count_mode", "add")}
            step.offer = ("seats.add", slots, wording.also_asked(
                self.unit(count), slots["count_mode"] == "add", sub.product_name))
        return step

    def editable(self) -> list[tuple[str, str]]:
        if self.slots.get("quote_choice") == "accept":
            return [("quote_choice", wording.EDIT_QUOTE_CHOICE)]
        return [("count", wording.EDIT_SEATS if self.corporate else wording.EDIT_LICENSES)]
