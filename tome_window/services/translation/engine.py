"""One loaded model: argos' tokenizer and a CTranslate2 translator, with argos' settings.

argos-translate's own translate path is not used. Importing `argostranslate.translate`
imports `argostranslate.settings`, which creates folders in the user's home, reads the
user's argos settings.json (which can ask for spaCy, whose splitter is downloaded at import,
or for a remote LibreTranslate server), and imports MiniSBD and onnxruntime, whose splitter
downloads its model on first use. So this module uses argos' lower pieces directly, the ones
that touch neither network nor home folder: `argostranslate.tokenizer` (SentencePiece or BPE,
exactly as argos encodes and decodes) and a `ctranslate2.Translator` called with the options
of argos' `apply_packaged_translation` (beam 4, length penalty 0.2, unknowns replaced, batches
of 32 tokens, the package's target prefix). Sentences come from the offline splitter. The
argos environment is still pinned (package folder = the program's own) before the tokenizer
module is imported, so that any argos code loaded later looks only there.

Every sentence of a text goes to CTranslate2 in one call; it releases the GIL while it works,
so a worker translating leaves the GUI thread free.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from tome_window.services.translation import errors
from tome_window.services.translation.splitter import split_paragraphs, split_sentences
from tome_window.services.translation.store import ModelInfo

log = logging.getLogger(__name__)

# What argos' apply_packaged_translation passes, so results match argos' own.
DECODE_OPTIONS: dict[str, Any] = {
    "replace_unknowns": True,
    "max_batch_size": 32,
    "batch_type": "tokens",
    "beam_size": 4,
    "num_hypotheses": 1,
    "length_penalty": 0.2,
}
_env_lock = threading.Lock()


def pin_argos_environment(models_dir: Path) -> None:
    """Point any argos code at the program's own folder, offline splitting, no remote provider."""
    with _env_lock:
        os.environ["ARGOS_PACKAGES_DIR"] = str(models_dir)
        os.environ["ARGOS_CHUNK_TYPE"] = "MINISBD"  # never SPACY: that one downloads at import
        os.environ["ARGOS_MODEL_PROVIDER"] = "OPENNMT"  # never a LibreTranslate/OpenAI server
        os.environ["ARGOS_DEVICE_TYPE"] = "cpu"


def _tokenizer(info: ModelInfo) -> Any:
    from argostranslate.tokenizer import BPETokenizer, SentencePieceTokenizer

    sp = info.path / "sentencepiece.model"
    if sp.is_file():
        return SentencePieceTokenizer(sp)
    return BPETokenizer(info.path / "bpe.model", info.from_code, info.to_code)


class LoadedModel:
    """A model ready to translate; loading is the slow part and happens once, off the GUI."""

    def __init__(self, info: ModelInfo) -> None:
        self.info = info
        model_dir = info.path / "model"
        if not (model_dir / "model.bin").is_file():
            raise errors.missing_model(info.path, info.pair)
        try:
            import ctranslate2

            self.translator = ctranslate2.Translator(
                str(model_dir), device="cpu", compute_type="default",
                inter_threads=1, intra_threads=0,
            )
            self.tokenizer = _tokenizer(info)
            self.tokenizer.encode("a")  # loads the tokenizer now, not mid-translation
        except errors.TranslationError:
            raise
        except Exception as exc:  # noqa: BLE001 - CTranslate2/SentencePiece raise plain errors
            raise errors.broken_model(info.path, "モデルを読み込めません",
                                      f"cannot load: {type(exc).__name__}: {exc}") from exc
        log.info("loaded translation model %s from %s", info.pair, info.path)

    def translate(self, text: str) -> str:
        """Paragraph by paragraph, sentence by sentence, in one CTranslate2 call."""
        paragraphs = split_paragraphs(text)
        sentences = [split_sentences(p) for p in paragraphs]
        flat = [s for group in sentences for s in group]
        if not flat:
            return text
        try:
            tokens = [self.tokenizer.encode(s) for s in flat]
            prefix = self.info.target_prefix
            results = self.translator.translate_batch(
                tokens, target_prefix=[[prefix]] * len(tokens) if prefix else None,
                **DECODE_OPTIONS,
            )
        except Exception as exc:  # noqa: BLE001 - reaches staff as a plain message
            raise errors.failed(self.info.pair, exc) from exc
        out: list[str] = []
        index = 0
        for group in sentences:
            pieces: list[str] = []
            for _ in group:
                pieces.extend(results[index].hypotheses[0])
                index += 1
            out.append(self._decode(pieces) if group else "")
        return "\n".join(out)

    def _decode(self, pieces: list[str]) -> str:
        value = str(self.tokenizer.decode(pieces))
        prefix = self.info.target_prefix
        if prefix and value.startswith(prefix):
            value = value[len(prefix):]
        return value[1:] if value.startswith(" ") else value


def check_loadable(info: ModelInfo, shown_as: Path) -> None:
    """Load and translate one word, so a broken file is refused at install, not at the counter."""
    try:
        LoadedModel(info).translate("a.")
    except errors.TranslationError as exc:
        raise errors.broken_model(shown_as, "モデルを読み込めません", exc.message_en) from exc
