"""The help articles as structured, validated knowledge (imports nothing of ours).

    from kb import load_knowledge_base, AnswerContext
    knowledge = load_knowledge_base()
    answer = knowledge.answer("licenses.reduce", AnswerContext(audience="billing_center",
                                                               product="gotomeeting"))
    from kb.render import render_text
"""

from kb.knowledge import KnowledgeBase, NoEntryError
from kb.loader import KnowledgeBaseError, load_knowledge_base
from kb.models import Answer, AnswerContext, Audience, Entry, Link, SourceArticle, Step

__all__ = [
    "Answer",
    "AnswerContext",
    "Audience",
    "Entry",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Link",
    "NoEntryError",
    "SourceArticle",
    "Step",
    "load_knowledge_base",
]
