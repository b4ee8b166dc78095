"""What does the user want: intent, confidence band and slots of a message.

```python
from intents import load_classifier
result = load_classifier().classify("riduci a 4 le licenze di GoTo Webinar")
result.intent, result.confidence, result.band, result.slots, result.candidates
```
"""

from intents.classification import Band, Classification
from intents.classifier import Bands, Classifier, load_classifier
from intents.slots import extract_slots

__all__ = ["Band", "Bands", "Classification", "Classifier", "extract_slots", "load_classifier"]
