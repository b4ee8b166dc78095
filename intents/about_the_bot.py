"""A question about what the bot is: "sei un robot o una persona?", "are you a real person?",
"is this a bot?". The model reads a person named as the wish for one (`handoff`) and "bot" as
the question of what the bot can do (`help`); asking whether one talks to a person or a bot asks
for neither (small talk, out of scope, whose answer says what the bot can do and offers a person
anyway). "sei una persona? voglio parlare con qualcuno" still wants one; "sei il bot della
fatturazione? di cosa ti occupi?" still asks what it does.
"""

from __future__ import annotations

import re

from intents.scores import Scores, top_of
from intents.training_data import OUT_OF_SCOPE

HANDOFF = "handoff"
HELP = "help"
_ASKS_WHAT_IT_IS = re.compile(
    r"^(?:(?:ma|tu|scusa|e|ciao|hey|hi|but|so)\s+)*(?:sei|are you|r u|is this|is it|am i "
    r"(?:talking|chatting|speaking) (?:to|with)|sto (?:parlando|scrivendo) con)\b")
_WANTS = re.compile(
    r"\b(?:voglio|vorrei|posso parlare|possiamo parlare|passami|passatemi|fammi parlare|mi serve|"
    r"ho bisogno|want|need|can i (?:talk|speak)|let me|put me|connect me|transfer me|talk to|"
    r"speak to|speak with|parlare con|operatore|assistenza|supporto|support|agent)\b")
_ASKS_WHAT_IT_DOES = re.compile(
    r"\b(?:cosa|cose|che|what|which|how|come|fai|fare|occupi\w*|aiut\w*|help|chieder\w*|"
    r"chiedo|ask|serv\w*|funzion\w*|domand\w*|questions?|do|topics?|argoment\w*)\b")


def asks_what_the_bot_is(normalized: str, scores: Scores) -> None:
    """ "sei un robot o una persona?", "are you a bot?": a question about what the bot is, with
    no wish for a person and no question of what it does, is out of scope, not a handoff nor a
    request for help (their probability goes to out_of_scope)."""
    top = top_of(scores)
    if top not in (HANDOFF, HELP) or not _ASKS_WHAT_IT_IS.search(normalized):
        return
    if _WANTS.search(normalized) or (top == HELP and _ASKS_WHAT_IT_DOES.search(normalized)):
        return
    scores[OUT_OF_SCOPE] += scores[top]
    scores[top] = 0.0
