"""Where the embedding pass's time goes, and whether other batch shapes would make it cheaper.

Usage: python bench/embed_shapes.py FOLDER [--sentences 1500] [--rounds 3]

Three measurements on this machine's cores, with the shipped embedder run by onnxruntime (as a check runs it):

1. onnxruntime's ``Gemm`` alone, at the three shapes of the encoder's dense layers (384 -> 1152 for query,
   key and value together, 384 -> 1536 and 1536 -> 384 for the feed-forward), for 350 to 5,600 rows (a
   batch of 16 sentences of 44 tokens is about 700 rows): GFLOP/s, median of ``--rounds``;
2. the whole embedding pass over the first ``--sentences`` distinct sentences of FOLDER's first version
   (split as a check splits them), at batch sizes 16 (models.yaml's) to 256: seconds, median of
   ``--rounds`` interleaved, and the largest difference of a vector from the batch-16 one;
3. onnxruntime's own profile of one pass at batch 16: each operator's share of the kernel time.

The folders of `bench/long_version.py --keep DIR` are the long cases (DIR/x8: two versions of ~1 MB).
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.inputs.segment import split_sentences  # noqa: E402
from factcheck.inputs.versions import read_story  # noqa: E402
from factcheck.models import bert_onnx  # noqa: E402
from factcheck.models.config import load_models_config, resolve_local  # noqa: E402

SHAPES = ((384, 1152), (384, 1536), (1536, 384))
ROWS = (350, 700, 1400, 2800, 5600)
BATCHES = (16, 32, 64, 128, 256)


def gemm_rates(rounds: int) -> dict[int, list[float]]:
    """GFLOP/s of onnxruntime's Gemm (B transposed, as the graphs have it) per row count and shape."""
    import onnxruntime as ort
    from onnx import TensorProto, numpy_helper
    from onnx import helper as oh

    rng = np.random.default_rng(0)
    out: dict[int, list[float]] = {}
    for rows in ROWS:
        out[rows] = []
        for k, n in SHAPES:
            x = rng.random((rows, k), dtype=np.float32)
            weights = [numpy_helper.from_array(rng.random((n, k), dtype=np.float32), "w"),
                       numpy_helper.from_array(np.zeros(n, np.float32), "b")]
            graph = oh.make_graph([oh.make_node("Gemm", ["x", "w", "b"], ["y"], transB=1)], "gemm",
                                  [oh.make_tensor_value_info("x", TensorProto.FLOAT, ["m", k])],
                                  [oh.make_tensor_value_info("y", TensorProto.FLOAT, ["m", n])], weights)
            model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 20)])
            model.ir_version = 9
            options = ort.SessionOptions()
            options.inter_op_num_threads = 1
            session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
            for _ in range(3):
                session.run(None, {"x": x})
            times = []
            for _ in range(rounds):
                repeat = max(10, 200_000 // rows)
                start = time.perf_counter()
                for _ in range(repeat):
                    session.run(None, {"x": x})
                times.append((time.perf_counter() - start) / repeat)
            out[rows].append(2.0 * rows * k * n / statistics.median(times) / 1e9)
    return out


def sentences(folder: Path, limit: int) -> list[str]:
    story = read_story([folder])
    texts = [s.norm for s in split_sentences(story.versions[0], 0)]  # what a check embeds (models.loaded.embed)
    return list(dict.fromkeys(texts))[:limit]


def embedder(profile: bool = False) -> Any:
    """The shipped embedder as onnxruntime runs it in a check (optionally with onnxruntime's profiler on)."""
    config = load_models_config(None)
    folder = resolve_local(config.embedder)
    entry = bert_onnx.graph_for(json.loads((folder / "config.json").read_text("utf-8")), "embed")
    if entry is None:
        raise SystemExit("no onnxruntime graph for the shipped embedder")
    options = None
    if profile:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.enable_profiling = True
        Path("build").mkdir(exist_ok=True)
        options.profile_file_prefix = str(Path("build") / "embed_profile")
    model = bert_onnx.OnnxBert(folder, config.embedder.max_length, entry, options=options)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sentences", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    print("1. onnxruntime Gemm, GFLOP/s (median of rounds), by rows:")
    print("| rows | " + " | ".join(f"{k} -> {n}" for k, n in SHAPES) + " |")
    print("|---" * (len(SHAPES) + 1) + "|")
    for rows, rates in gemm_rates(args.rounds).items():
        print(f"| {rows} | " + " | ".join(f"{r:.0f}" for r in rates) + " |")

    texts = sentences(args.folder, args.sentences)
    model = embedder()
    model.embed(texts[:64], 16)
    print(f"\n2. embedding {len(texts)} distinct sentences of {args.folder}, seconds by batch size "
          f"(median of {args.rounds}, interleaved):")
    seconds: dict[int, list[float]] = collections.defaultdict(list)
    reference = None
    drift: dict[int, float] = {}
    for _ in range(args.rounds):
        for batch in BATCHES:
            start = time.perf_counter()
            vectors = model.embed(texts, batch)
            seconds[batch].append(time.perf_counter() - start)
            if reference is None:
                reference = vectors
            drift[batch] = max(drift.get(batch, 0.0), float(np.abs(vectors - reference).max()))
    print("| batch | seconds (median) | rounds | vs 16 | max abs diff from batch 16 |")
    print("|---|---|---|---|---|")
    base = statistics.median(seconds[16])
    for batch in BATCHES:
        med = statistics.median(seconds[batch])
        print(f"| {batch} | {med:.2f} | {', '.join(f'{s:.2f}' for s in seconds[batch])} | {med / base:.2f} "
              f"| {drift[batch]:.1e} |")

    profiled = embedder(profile=True)
    profiled.embed(texts, 16)
    events = json.loads(Path(profiled.session.end_profiling()).read_text("utf-8"))
    kernel: collections.Counter[str] = collections.Counter()
    for e in events:
        if e.get("cat") == "Node" and str(e.get("name", "")).endswith("_kernel_time"):
            kernel[e["args"]["op_name"]] += e["dur"]
    total = sum(kernel.values())
    print("\n3. onnxruntime's profile of one pass at batch 16: share of kernel time by operator")
    print("| operator | seconds | share |")
    print("|---|---|---|")
    for op, us in kernel.most_common(10):
        print(f"| {op} | {us / 1e6:.2f} | {100 * us / total:.1f}% |")


if __name__ == "__main__":
    main()
