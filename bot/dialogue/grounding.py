"""Whether an answer speaks of what a question asks about: every word of the question that
carries its topic (not a function word, a question word or a courtesy) appears in the answer,
as a crude stem ("rimborso" and "rimborsi", "costo" and "costa").

Used where the bot would otherwise answer with what it has at hand (the summary's explanation,
the article on costs) although the question is about something else: "quanto risparmio con
l'annuale?" is not answered by the summary's lines, "cosa succede ai dati?" by no article.
"""

from __future__ import annotations

import re

from intents.normalize import unaccented

_WORD = re.compile(r"[a-z]+")

_FUNCTION_WORDS = frozenset("""
il lo la i gli le l un uno una di a da in con su per tra fra del dello della dei degli delle
dell al allo alla ai agli alle all dal dallo dalla dai dagli dalle dall nel nello nella nei negli
nelle nell sul sullo sulla sui sugli sulle sull col coi
io tu lui lei noi voi loro mi ti ci vi si ne me te ce ve se mio mia miei mie tuo tua tuoi tue
suo sua suoi sue nostro nostra nostri nostre vostro vostra vostri vostre questo questa questi
queste quello quella quelli quelle quel quei cio
e ed o od ma pero quindi allora anche che perche poi pure cioe invece oppure neanche nemmeno
come cosa quanto quanta quanti quante quando dove chi qual quale quali mai
c e sono sei siamo siete era sara stato stata ho hai ha abbiamo avete hanno avere avrei avro
essere posso puoi puo possiamo potete possono potrei potremmo potreste devo devi deve dobbiamo
dovete devono dovrei vorrei voglio vuoi vuole vogliamo volete fare faccio fai fa facciamo fate
succede succedera succedono capita significa vuol vuole dire serve servono funziona
non no si ok okay va bene gia ancora ora adesso oggi piu meno molto poco tanto tanta tanti tante
cosi davvero proprio solo soltanto sempre dopo prima subito qui qua li la giusto giusta
corretto corretta vero vera sicuro sicura normale possibile esatto
grazie scusa scusami prego dimmi spiegami dici dite sapere capire capito capisco tipo esempio
senti ciao buongiorno salve allora beh ehm mmm prossimo prossima prossimi prossime successivo
successiva
ordine riepilogo account conferma confermo confermi confermare modifica abbonamento
""".split())
"""Words that carry no topic of their own in a question asked at a summary (the last line:
what every summary is about)."""

_MONEY = re.compile(r"^(pag|cost|prezz|total|import|spes|eur|pay|price|sold|tass|addebit|"
                    r"cifr|conto|conti|calcol|iva|credit|sald|dovut|mese|mesi|mensil|anno|anni|"
                    r"annual)")
"""The words of the summary's figures, whatever their form ("pago", "costa", "mensilmente")."""


def stem(word: str) -> str:
    """A crude stem: short words as they are, longer ones without their last letter and cut
    to seven ("fattura" and "fatture" are one, "fatturazione" another)."""
    return word if len(word) <= 4 else word[:min(7, len(word) - 1)]


def words(text: str) -> list[str]:
    """The words of `text`, folded; a token with a figure ("1113", "ORD-…") or a Slack mention
    ("<@U0123ABC>") is no word."""
    found: list[str] = []
    for token in unaccented(text).split():
        if token.startswith(("<", "@")) or any(ch.isdigit() for ch in token):
            continue
        found += _WORD.findall(token)
    return found


def stems(text: str) -> set[str]:
    return {stem(word) for word in words(text)}


def topic_stems(question: str) -> set[str]:
    """The stems of the words that say what `question` is about."""
    return {stem(word) for word in words(question)
            if word not in _FUNCTION_WORDS and len(word) > 1}


def about_figures(question: str, figures: str) -> bool:
    """Every topic word of `question` is a money word or one of `figures` (a summary's lines):
    "ok quindi pago 1113?", "e l'IVA?", "perché così tanto?" (no topic word at all)."""
    known = stems(figures)
    return all(word in known or _MONEY.match(word)
               for word in topic_stems(question))


def speaks_of(answer: str, question: str) -> bool:
    """Every topic word of `question` appears in `answer`; False for a question with none."""
    asked = topic_stems(question)
    return bool(asked) and asked <= stems(answer)
