"""bot.slack.text.decode: Slack markup → the plain text the engine reads."""

from __future__ import annotations

import pytest

from bot.slack.text import decode


@pytest.mark.parametrize(("slack", "plain"), [
    ("<@U024BE7LH> riduci a 8 le licenze", "@U024BE7LH riduci a 8 le licenze"),
    ("chiedi a <@U024BE7LH|maria>", "chiedi a @maria"),
    ("per conto di <mailto:maria.rossi@example.com|maria.rossi@example.com>",
     "per conto di maria.rossi@example.com"),
    ("scrivi a <mailto:a@b.it>", "scrivi a a@b.it"),
    ("vedi <https://billing.goto.com|Centro fatturazione>",
     "vedi Centro fatturazione (https://billing.goto.com)"),
    ("vedi <https://billing.goto.com|billing.goto.com>", "vedi https://billing.goto.com"),
    ("vedi <https://billing.goto.com>", "vedi https://billing.goto.com"),
    ("nel canale <#C024BE7LR|fatture>", "nel canale #fatture"),
    ("nel canale <#C024BE7LR>", "nel canale #C024BE7LR"),
    ("<!here> quante licenze abbiamo?", "@here quante licenze abbiamo?"),
    ("<!channel>", "@channel"),
    ("<!subteam^SAZ94GDB8|@contabilità> ciao", "@contabilità ciao"),
    ("Bianchi &amp; Figli: 3 &lt; 5 &gt; 2", "Bianchi & Figli: 3 < 5 > 2"),
    ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),
    ("IT 07643520567", "IT 07643520567"),
    ("  sì   procedi \n\n grazie ", "sì procedi\ngrazie"),
])
def test_decode_gives_plain_text(slack: str, plain: str) -> None:
    assert decode(slack) == plain


def test_only_the_bots_own_mention_is_dropped() -> None:
    assert decode("<@UBOT> riduci a 8 le licenze", "UBOT") == "riduci a 8 le licenze"
    assert decode("<@UBOT|fatturazione> sì", "UBOT") == "sì"
    assert decode("<@UBOT> <@U0MARCO> conferma", "UBOT") == "@U0MARCO conferma"


def test_decoding_never_creates_markup_from_escaped_text() -> None:
    # a user who typed "<!channel>" literally: Slack sends it escaped, we read the characters
    assert decode("&lt;!channel&gt;") == "<!channel>"
