"""Build real, tiny .argosmodel files offline, so that no test ever needs a download.

A package is what argos-translate ships: a zip with one top-level folder holding
`metadata.json`, a SentencePiece model and a CTranslate2 Transformer in `model/`. The
weights here are set by hand rather than trained: the decoder's layers are (nearly) zero so
the residual stream carries only a learned position encoding, and the output projection maps
position t to the t-th piece of a fixed sentence, then to `</s>`. So every source sentence
translates to that one sentence, deterministically on any CPU, and a text of two sentences
gives it twice, which makes sentence splitting and pivots visible in the output. `noise`
adds small random weights everywhere so that the benchmark's larger model costs what a
trained one of the same size would, without changing its output.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
from ctranslate2.specs import transformer_spec

CORPUS = [
    "住民票の写しを一枚ください。",
    "転入の手続きはどこですか？",
    "マイナンバーカードを持っています！",
    "窓口で職員に聞いてください。",
    "Hello.",
    "Where is the counter?",
    "I would like a copy of my residence certificate.",
    "Please ask the staff at the counter.",
    "안녕하세요.",
    "창구는 어디입니까?",
    "Xin chào.",
    "नमस्ते।",
]
OUTPUTS = {"en": "Hello.", "ko": "안녕하세요.", "vi": "Xin chào.", "ja": "こんにちは。"}
MAX_POSITIONS = 1024


@dataclass(frozen=True)
class Size:
    d_model: int = 32
    heads: int = 2
    ffn: int = 64
    layers: int = 1
    vocab: int = 0  # pad the vocabulary to this many entries (0: the SentencePiece pieces only)
    noise: float = 0.0
    quantization: str | None = None


def train_sentencepiece(workdir: Path, sentences: list[str]) -> Path:
    corpus = workdir / "corpus.txt"
    corpus.write_text("\n".join(sentences * 4) + "\n", encoding="utf-8")
    prefix = workdir / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(prefix), vocab_size=200, model_type="unigram",
        hard_vocab_limit=False, character_coverage=1.0, num_threads=1, minloglevel=2,
    )
    return prefix.with_suffix(".model")


def _direction(t: int, d: int) -> np.ndarray:
    v = np.zeros(d, dtype=np.float32)
    v[2 * t] = 1.0
    v[2 * t + 1] = -1.0
    return v


def build_spec(pieces: list[str], output: list[str], size: Size, seed: int = 7):
    d, ffn = size.d_model, size.ffn
    vocab = list(pieces) + [f"<pad{i}>" for i in range(max(0, size.vocab - len(pieces)))]
    steps = len(output) + 1
    if 2 * steps > d:
        raise ValueError(f"d_model {d} too small for an output of {len(output)} pieces")
    rng = np.random.default_rng(seed)

    def noisy(*shape: int) -> np.ndarray:
        if size.noise:
            return (rng.standard_normal(shape) * size.noise).astype(np.float32)
        return np.zeros(shape, dtype=np.float32)

    def norm(ln: object) -> None:
        ln.gamma = np.ones(d, dtype=np.float32)  # type: ignore[attr-defined]
        ln.beta = np.zeros(d, dtype=np.float32)  # type: ignore[attr-defined]

    def linear(lin: object, out_dim: int, in_dim: int) -> None:
        lin.weight = noisy(out_dim, in_dim)  # type: ignore[attr-defined]
        lin.bias = np.zeros(out_dim, dtype=np.float32)  # type: ignore[attr-defined]

    def attention(att: object, self_attention: bool) -> None:
        norm(att.layer_norm)  # type: ignore[attr-defined]
        if self_attention:
            linear(att.linear[0], 3 * d, d)  # type: ignore[attr-defined]
            linear(att.linear[1], d, d)  # type: ignore[attr-defined]
        else:
            linear(att.linear[0], d, d)  # type: ignore[attr-defined]
            linear(att.linear[1], 2 * d, d)  # type: ignore[attr-defined]
            linear(att.linear[2], d, d)  # type: ignore[attr-defined]

    def feed_forward(ff: object) -> None:
        norm(ff.layer_norm)  # type: ignore[attr-defined]
        linear(ff.linear_0, ffn, d)  # type: ignore[attr-defined]
        linear(ff.linear_1, d, ffn)  # type: ignore[attr-defined]

    spec = transformer_spec.TransformerSpec.from_config(size.layers, size.heads)
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = rng.standard_normal((len(vocab), d)).astype(np.float32) * 0.1
    enc.position_encodings.encodings = np.zeros((MAX_POSITIONS, d), dtype=np.float32)
    norm(enc.layer_norm)
    for layer in enc.layer:
        attention(layer.self_attention, True)
        feed_forward(layer.ffn)

    # The decoder's residual stream is the position encoding, scaled far above the noise.
    dec.embeddings.weight = np.zeros((len(vocab), d), dtype=np.float32)
    positions = np.zeros((MAX_POSITIONS, d), dtype=np.float32)
    for t in range(MAX_POSITIONS):
        positions[t] = 50.0 * _direction(min(t, steps - 1), d)
    dec.position_encodings.encodings = positions
    norm(dec.layer_norm)
    for layer in dec.layer:
        attention(layer.self_attention, True)
        attention(layer.attention, False)
        feed_forward(layer.ffn)
    projection = np.zeros((len(vocab), d), dtype=np.float32)
    index = {piece: i for i, piece in enumerate(vocab)}
    for t, piece in enumerate([*output, "</s>"]):
        projection[index[piece]] += 4.0 * _direction(t, d)
    dec.projection.weight = projection
    dec.projection.bias = np.zeros(len(vocab), dtype=np.float32)

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


class _SpecConverter(ctranslate2.converters.Converter):
    def __init__(self, spec: object) -> None:
        self.spec = spec

    def _load(self):  # noqa: ANN202
        return self.spec


def build_package(out_file: Path, from_code: str, to_code: str, *, size: Size | None = None,
                  output: str | None = None, folder: str | None = None) -> Path:
    """Write a complete .argosmodel translating every sentence to `output` (target language)."""
    size = size or Size()
    text = output or OUTPUTS.get(to_code, "Hello.")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sp_model = train_sentencepiece(work, [*CORPUS, text])
        processor = spm.SentencePieceProcessor(model_file=str(sp_model))
        pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        out_pieces = processor.encode(text, out_type=str)
        if any(p not in pieces for p in out_pieces):
            raise ValueError(f"output {text!r} not covered by the vocabulary")
        root = work / (folder or f"translate-{from_code}_{to_code}-1_0")
        root.mkdir()
        spec = build_spec(pieces, out_pieces, size)
        _SpecConverter(spec).convert(str(root / "model"), quantization=size.quantization,
                                     force=True)
        (root / "sentencepiece.model").write_bytes(sp_model.read_bytes())
        metadata = {
            "package_version": "1.0", "argos_version": "1.0", "type": "translate",
            "from_code": from_code, "from_name": from_code, "to_code": to_code,
            "to_name": to_code, "links": [],
        }
        (root / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
        out_file.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out_file, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                zf.write(path, path.relative_to(work).as_posix())
    return out_file
