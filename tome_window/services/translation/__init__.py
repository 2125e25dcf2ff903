"""Free-text translation for the "ask staff" panel, offline, from installed argos models.

Residents type in their own language and staff read Japanese, and back. Models are argos
.argosmodel packages installed from local files into the program's data folder; nothing is
ever downloaded (see `engine` for why argos' own translate path is not used, and `splitter`
for the sentence splitter that replaces argos' downloading ones). Importing this package is
cheap: CTranslate2 and the tokenizers load with the first model.
"""

from __future__ import annotations

from tome_window.services.translation.errors import TranslationError
from tome_window.services.translation.service import TranslationService, to_argos
from tome_window.services.translation.store import ModelInfo, Pair, models_dir

__all__ = ["ModelInfo", "Pair", "TranslationError", "TranslationService", "models_dir", "to_argos"]
