"""Loading the classifier's training data and the knowledge base, for every command: a broken
data file is one clear line (the file, where, what is wrong), never a traceback.

Imports are lazy: scikit-learn takes a second or two, `kb list` need not wait for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import UserError

if TYPE_CHECKING:
    from intents.classifier import Classifier
    from kb import KnowledgeBase

PROJECT_DIR = Path(__file__).resolve().parent.parent

# The pydantic model each data file of intents/data/ is read into.
_INTENT_FILES = {"TrainingSet": "training.yaml", "HeldOutSet": "heldout.yaml",
                 "SlotVocabulary": "slots.yaml", "Lexicon": "lexicon.yaml"}


class DataFileError(UserError):
    """A data file the bot loads at start-up is missing or invalid."""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _shown(path: str | Path) -> str:
    """A path as a reader finds it: relative to the project when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


def load_knowledge() -> KnowledgeBase:
    from kb import KnowledgeBaseError, load_knowledge_base

    try:
        return load_knowledge_base()
    except KnowledgeBaseError as error:
        raise DataFileError(f"la base di conoscenza non è valida: {_one_line(str(error))}") \
            from None
    except OSError as error:
        raise DataFileError(f"non riesco a leggere la base di conoscenza: "
                            f"{_shown(error.filename or '')}: "
                            f"{_one_line(error.strerror or str(error))}") from None


def load_understanding() -> Classifier:
    """The classifier, its lexicon and slot vocabulary loaded (a first classification reads
    them), or a DataFileError naming the file of intents/data/ and the problem."""
    import yaml
    from pydantic import ValidationError

    from intents import load_classifier

    try:
        classifier = load_classifier()
        classifier.classify("ciao")  # reads the lexicon and the slot vocabulary too
        return classifier
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _shown(mark.name) if mark is not None and mark.name else "intents/data/"
        line = f", riga {mark.line + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error)
        problem = f"{where}{line}: YAML non valido ({_one_line(reason)})"
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(radice)"
        problem = (f"{_intent_file(error.title)}: campo «{field}»: "
                   f"{_one_line(first['msg'])}")
    except OSError as error:
        problem = (f"{_shown(error.filename or 'intents/data/')}: "
                   f"{_one_line(error.strerror or str(error))}")
    except ValueError as error:
        problem = f"intents/data/: {_one_line(str(error))}"
    raise DataFileError(f"i dati di addestramento non sono validi: {problem}")


def _intent_file(model: str) -> str:
    from intents import calibrate, training_data

    if model == "Calibration":
        return _shown(calibrate.CALIBRATION_FILE)
    name = _INTENT_FILES.get(model)
    return _shown(training_data.DATA_DIR / name) if name else "intents/data/"
