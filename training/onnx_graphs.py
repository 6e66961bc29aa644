"""Write the onnxruntime graphs of the shipped BERTs: ``python -m training.onnx_graphs [--check]``.

For each model of the default ``models.yaml`` that ``factcheck.models.bert_numpy.plain_bert`` accepts, one
graph of its architecture (``factcheck.models.bert_onnx.architecture``), written with the ``onnx`` package
(``pip install onnx``; no torch) from its ``config.json`` and the names and shapes of its weights, layer by
layer as ``bert_numpy`` computes them: embeddings (word + token type + position, LayerNorm), each encoder
layer (one product for query, key and value, attention masked over padding, the output dense layer and
LayerNorm, the GELU feed-forward and LayerNorm), then mean pooling and unit length (``embed``) or the
pooler, classifier and softmax (``classify``). The weights are not in the graph: each is an initializer
marked external, which ``bert_onnx.OnnxBert`` fills from the model's ``model.safetensors`` at load.

Writes ``factcheck/models_data/onnx/<head>-<architecture digest>.onnx`` and ``graphs.json`` (each graph's
file, architecture, initializer names and sha256). The output depends only on the models' configs and
weight names: the same bytes on every run (``--check`` says whether the shipped files are those bytes;
a test does the same).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.models.bert_numpy import plain_bert, read_safetensors
from factcheck.models.bert_onnx import GRAPHS, MANIFEST, architecture
from factcheck.models.config import load_models_config, resolve_local

OPSET = 20  # Gelu is an operator from opset 20 (onnxruntime 1.17)
IR_VERSION = 9


def _shapes(folder: Path) -> dict[str, tuple[int, ...]]:
    """The shape of each weight, named as ``bert_numpy.checkpoint`` names it."""
    raw = read_safetensors(folder / "model.safetensors")
    prefix = "bert." if any(k.startswith("bert.") for k in raw) else ""
    return {k.removeprefix(prefix): tuple(v.shape) for k, v in raw.items() if not k.endswith("position_ids")}


def build(config: dict[str, Any], shapes: dict[str, tuple[int, ...]], head: str) -> Any:
    """The graph (an ``onnx.ModelProto``) of a plain BERT with this config and head."""
    from onnx import TensorProto, numpy_helper
    from onnx import helper as oh

    hidden, heads = int(config["hidden_size"]), int(config["num_attention_heads"])
    size = hidden // heads
    eps = float(config.get("layer_norm_eps", 1e-12))
    nodes: list[Any] = []
    constants: list[Any] = []
    weights: dict[str, Any] = {}
    count = [0]

    def fresh(kind: str) -> str:
        count[0] += 1
        return f"{kind.lower()}_{count[0]}"

    def op(kind: str, inputs: list[str], out: str | None = None, **attrs: Any) -> str:
        name = out or fresh(kind)
        nodes.append(oh.make_node(kind, inputs, [name], name=f"n_{name}", **attrs))
        return name

    def const(value: Any, dtype: Any) -> str:
        name = fresh("const")
        constants.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def w(name: str) -> str:
        if name not in weights:
            t = TensorProto()
            t.name = name
            t.dims.extend(shapes[name])
            t.data_type = TensorProto.FLOAT
            t.data_location = TensorProto.EXTERNAL
            entry = t.external_data.add()
            entry.key, entry.value = "location", "model.safetensors"  # given at load, never read from a file
            weights[name] = t
        return name

    def dense(x: str, name: str) -> str:
        return op("Gemm", [x, w(f"{name}.weight"), w(f"{name}.bias")], transB=1)

    def layer_norm(x: str, name: str) -> str:
        return op("LayerNormalization", [x, w(f"{name}.weight"), w(f"{name}.bias")], axis=-1, epsilon=eps)

    ids, mask, types = "input_ids", "attention_mask", "token_type_ids"
    shape = op("Shape", [ids])  # (batch, tokens)
    length = op("Gather", [shape, const(1, np.int64)], axis=0)
    positions = op("Range", [const(0, np.int64), length, const(1, np.int64)])
    x = op("Add", [op("Add", [op("Gather", [w("embeddings.word_embeddings.weight"), ids]),
                              op("Gather", [w("embeddings.token_type_embeddings.weight"), types])]),
                   op("Gather", [w("embeddings.position_embeddings.weight"), positions])])
    x = layer_norm(x, "embeddings.LayerNorm")
    # padding gets no attention: the float32 minimum added to its scores, as bert_numpy and transformers do
    mask_f = op("Cast", [mask], to=TensorProto.FLOAT)
    blocked = op("Mul", [op("Sub", [const(1, np.float32), mask_f]), const(np.finfo(np.float32).min, np.float32)])
    blocked = op("Unsqueeze", [blocked, const([1, 2], np.int64)])  # (batch, 1, 1, tokens)
    batch_tokens = op("Slice", [shape, const([0], np.int64), const([2], np.int64)])
    qkv_shape = op("Concat", [batch_tokens, const([3, heads, size], np.int64)], axis=0)
    rows = const([-1, hidden], np.int64)
    scale = const(1.0 / np.sqrt(size), np.float32)
    flat = op("Reshape", [x, rows])  # (batch * tokens, hidden)
    for i in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{i}."
        qkv_w = op("Concat", [w(f"{p}attention.self.{m}.weight") for m in ("query", "key", "value")], axis=0)
        qkv_b = op("Concat", [w(f"{p}attention.self.{m}.bias") for m in ("query", "key", "value")], axis=0)
        qkv = op("Gemm", [flat, qkv_w, qkv_b], transB=1)
        qkv = op("Transpose", [op("Reshape", [qkv, qkv_shape])], perm=[2, 0, 3, 1, 4])  # (3, batch, heads, tokens, d)
        q, k, v = (op("Gather", [qkv, const(j, np.int64)], axis=0) for j in range(3))
        scores = op("Mul", [op("MatMul", [q, op("Transpose", [k], perm=[0, 1, 3, 2])]), scale])
        attn = op("Softmax", [op("Add", [scores, blocked])], axis=-1)
        ctx = op("Reshape", [op("Transpose", [op("MatMul", [attn, v])], perm=[0, 2, 1, 3]), rows])
        flat = layer_norm(op("Add", [dense(ctx, f"{p}attention.output.dense"), flat]), f"{p}attention.output.LayerNorm")
        middle = op("Gelu", [dense(flat, f"{p}intermediate.dense")])
        flat = layer_norm(op("Add", [dense(middle, f"{p}output.dense"), flat]), f"{p}output.LayerNorm")
    states = op("Reshape", [flat, op("Concat", [batch_tokens, const([hidden], np.int64)], axis=0)])
    if head == "embed":
        m = op("Unsqueeze", [mask_f, const([2], np.int64)])
        total = op("ReduceSum", [op("Mul", [states, m]), const([1], np.int64)], keepdims=0)
        mean = op("Div", [total, op("Max", [op("ReduceSum", [m, const([1], np.int64)], keepdims=0),
                                            const(1e-9, np.float32)])])
        norm = op("Max", [op("ReduceL2", [mean, const([1], np.int64)], keepdims=1), const(1e-12, np.float32)])
        op("Div", [mean, norm], out="embeddings")
        output = oh.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", hidden])
    else:
        first = op("Gather", [states, const(0, np.int64)], axis=1)
        pooled = op("Tanh", [dense(first, "pooler.dense")])
        op("Softmax", [dense(pooled, "classifier")], out="probabilities", axis=-1)
        output = oh.make_tensor_value_info("probabilities", TensorProto.FLOAT,
                                           ["batch", architecture(config, head)["labels"]])
    inputs = [oh.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"]) for n in (ids, mask, types)]
    graph = oh.make_graph(nodes, f"factcheck-bert-{head}", inputs, [output], [*weights.values(), *constants])
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", OPSET)], producer_name="factcheck")
    model.ir_version = IR_VERSION
    return model


def graphs() -> tuple[dict[str, bytes], dict[str, Any]]:
    """Each graph's file name and bytes, and the manifest."""
    config = load_models_config(None)
    files: dict[str, bytes] = {}
    entries: list[dict[str, Any]] = []
    for spec, head in ((config.embedder, "embed"), (config.nli, "classify")):
        folder = resolve_local(spec)
        if not plain_bert(folder, head):
            continue
        model_config = json.loads((folder / "config.json").read_text("utf-8"))
        arch = architecture(model_config, head)
        if any(e["architecture"] == arch for e in entries):
            continue
        model = build(model_config, _shapes(folder), head)
        data = model.SerializeToString()
        digest = hashlib.sha256(json.dumps(arch, sort_keys=True).encode()).hexdigest()[:12]
        name = f"{head}-{digest}.onnx"
        files[name] = data
        entries.append({"file": name, "architecture": arch, "written_for": spec.name,
                        "initializers": [t.name for t in model.graph.initializer
                                         if t.data_location == t.EXTERNAL],
                        "sha256": hashlib.sha256(data).hexdigest()})
    manifest = {"about": "graphs of the shipped BERTs, written by `python -m training.onnx_graphs`; "
                         "their weights are read from each model's model.safetensors at load", "graphs": entries}
    return files, manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped files; write nothing")
    parser.add_argument("--out", type=Path, default=GRAPHS)
    args = parser.parse_args(argv)
    files, manifest = graphs()
    files[MANIFEST] = (json.dumps(manifest, indent=2) + "\n").encode()
    if args.check:
        stale = [n for n, data in files.items() if not (args.out / n).is_file() or (args.out / n).read_bytes() != data]
        extra = sorted(p.name for p in args.out.glob("*.onnx") if p.name not in files)
        for n in stale + extra:
            print(f"{args.out / n}: {'not what the script writes' if n in stale else 'written by no model'}")
        return 1 if stale or extra else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.onnx"):
        if old.name not in files:
            old.unlink()
    for n, data in files.items():
        (args.out / n).write_bytes(data)
        print(f"wrote {args.out / n} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
