"""Would dynamic int8 make the embedder cheaper without moving its vectors? Measured, not assumed.

Usage: python bench/int8_embedder.py FOLDER [--limit 2000]   (needs `onnx`, in the test extra)

The shipped embedding graph (factcheck/models_data/onnx) is given the model's own weights as float32
(as `models/bert_onnx.py` does at load) and written whole to a temporary folder; onnxruntime's
`quantize_dynamic` (int8 weights) writes the quantised copy. Both run, one after the other, on the
distinct sentences of FOLDER's versions (at most ``--limit``, longest first, in batches as the embedder
batches them), with onnxruntime's default threads. Prints the seconds of each, the least cosine between a
sentence's two vectors, and how far the cosine of two sentences moves (over the first 500 sentences):
what alignment and the judge compare against their thresholds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.inputs.segment import split_sentences  # noqa: E402
from factcheck.inputs.versions import read_story  # noqa: E402
from factcheck.models.bert_numpy import checkpoint, token_arrays  # noqa: E402
from factcheck.models.bert_onnx import GRAPHS, MANIFEST  # noqa: E402
from factcheck.models.config import load_models_config  # noqa: E402
from factcheck.models.loading import locate  # noqa: E402


def main() -> None:
    import onnx
    import onnxruntime as ort
    from onnx import numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer

    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args()
    spec = load_models_config().embedder
    where = Path(locate(spec)[0])
    entry = next(e for e in json.loads((GRAPHS / MANIFEST).read_text("utf-8"))["graphs"]
                 if e["architecture"]["head"] == "embed")
    story = read_story([args.folder])
    texts = list(dict.fromkeys(s.norm for n, v in enumerate(story.versions) for s in split_sentences(v, n)))
    texts = sorted(texts, key=len, reverse=True)[:args.limit]
    tokenizer = Tokenizer.from_file(str(where / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=spec.max_length)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    tensors = checkpoint(where)
    with tempfile.TemporaryDirectory() as tmp:
        graph = onnx.load(str(GRAPHS / entry["file"]), load_external_data=False)
        names = set(entry["initializers"])
        kept = [i for i in graph.graph.initializer if i.name not in names]
        del graph.graph.initializer[:]
        graph.graph.initializer.extend(kept)
        for name in entry["initializers"]:
            array = np.ascontiguousarray(tensors[name], dtype=np.float32)
            graph.graph.initializer.append(numpy_helper.from_array(array, name))
        fp32, int8 = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
        onnx.save(graph, str(fp32))
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
        out = {}
        for label, path in (("float32", fp32), ("int8", int8)):
            options = ort.SessionOptions()
            options.log_severity_level = 3
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            vectors = np.zeros((len(texts), int(entry["architecture"]["hidden_size"])), dtype=np.float32)
            start = time.perf_counter()
            for first in range(0, len(texts), spec.batch_size):
                vectors[first:first + spec.batch_size] = session.run(
                    None, token_arrays(tokenizer, texts[first:first + spec.batch_size]))[0]
            out[label] = (time.perf_counter() - start, vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
    (t32, a), (t8, q) = out["float32"], out["int8"]
    moved = np.abs(a[:500] @ a[:500].T - q[:500] @ q[:500].T)
    print(f"{len(texts)} sentences: float32 {t32:.2f} s, int8 {t8:.2f} s ({t32 / t8:.2f}x faster)")
    print(f"least cosine of a sentence's two vectors: {float(np.min(np.sum(a * q, axis=1))):.4f}")
    print(f"cosine of two sentences moves by up to {float(moved.max()):.3f} (99th percentile "
          f"{float(np.percentile(moved, 99)):.3f}, median {float(np.median(moved)):.4f})")


if __name__ == "__main__":
    main()
