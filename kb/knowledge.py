"""KnowledgeBase: which entry answers an intent for an audience, and the answer itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kb.answers import both_portals, fill_entry
from kb.models import Answer, AnswerContext, Audience, Entry, EntryAudience, SourceArticle


class NoEntryError(LookupError):
    """No entry answers this intent (the intent is not one of the knowledge base's)."""


class KnowledgeBase:
    """The validated entries, read-only; safe to share between threads."""

    def __init__(self, entries: Iterable[Entry], sources: Mapping[str, SourceArticle]) -> None:
        self._entries = tuple(entries)
        self._sources = dict(sources)
        self._by_id = {entry.id: entry for entry in self._entries}
        self._by_topic: dict[tuple[str, EntryAudience], Entry] = {}
        for entry in self._entries:
            for intent in entry.intents:
                self._by_topic[(intent, entry.audience)] = entry

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self._entries

    @property
    def intents(self) -> frozenset[str]:
        """Every intent some entry answers."""
        return frozenset(intent for intent, _audience in self._by_topic)

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def sources_of(self, entry: Entry) -> list[SourceArticle]:
        return [self._sources[key] for key in entry.sources]

    def entry_for(self, intent: str, audience: Audience | None) -> Entry | None:
        """The entry written for this audience, else the one for all audiences.

        None when the audience is unknown and the intent has only audience-specific entries
        (then `answer` combines them)."""
        if audience is not None and (intent, audience) in self._by_topic:
            return self._by_topic[(intent, audience)]
        return self._by_topic.get((intent, "all"))

    def answer(self, intent: str, context: AnswerContext | None = None) -> Answer:
        """The answer to `intent` for this asker.

        An unknown audience gets the entry for all audiences, or else the Billing Center answer
        with the Corporate one in brief, so that both portals are mentioned."""
        context = context or AnswerContext()
        entry = self.entry_for(intent, context.audience)
        if entry is not None:
            return self.answer_entry(entry, context)
        billing_center = self._by_topic.get((intent, "billing_center"))
        corporate = self._by_topic.get((intent, "corporate"))
        if billing_center is None or corporate is None:
            raise NoEntryError(f"no knowledge base entry answers the intent {intent!r}")
        return both_portals(self.answer_entry(billing_center, context),
                            self.answer_entry(corporate, context))

    def answer_entry(self, entry: Entry, context: AnswerContext | None = None) -> Answer:
        """One entry filled in for this asker (`billing-bot kb show` uses it directly)."""
        return fill_entry(entry, context or AnswerContext(), self._sources[entry.sources[0]])
