"""Temperature calibration of the classifier's probabilities, stored beside the training data.

Fitting the temperature needs five extra trainings (cross-validation), so it is done once and
stored in intents/data/calibration.yaml with a fingerprint of the data it was fitted on. When the
training phrases change and the fingerprint no longer matches, the classifier fits the temperature
again when it loads (slower, still correct); `python -m intents.evaluate --calibrate` stores
the new value.
"""

from __future__ import annotations

import hashlib

import yaml
from pydantic import BaseModel, ConfigDict, Field

from intents.training_data import DATA_DIR

CALIBRATION_FILE = DATA_DIR / "calibration.yaml"
FINGERPRINTED = ("training.yaml", "lexicon.yaml")


class Calibration(BaseModel):
    model_config = ConfigDict(extra="forbid")

    temperature: float = Field(gt=0.0)
    fingerprint: str


def fingerprint() -> str:
    """SHA-256 of the data files the temperature depends on."""
    digest = hashlib.sha256()
    for name in FINGERPRINTED:
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()


def stored_temperature() -> float | None:
    """The stored temperature if it was fitted on the current data, else None."""
    if not CALIBRATION_FILE.exists():
        return None
    with CALIBRATION_FILE.open(encoding="utf-8") as handle:
        calibration = Calibration.model_validate(yaml.safe_load(handle))
    return calibration.temperature if calibration.fingerprint == fingerprint() else None


def store_temperature(temperature: float) -> Calibration:
    """Write the temperature with the fingerprint of the current data."""
    calibration = Calibration(temperature=round(temperature, 4), fingerprint=fingerprint())
    CALIBRATION_FILE.write_text(
        "# Written by `python -m intents.evaluate --calibrate`: do not edit by hand.\n"
        + yaml.safe_dump(calibration.model_dump(), sort_keys=True),
        encoding="utf-8",
    )
    return calibration
