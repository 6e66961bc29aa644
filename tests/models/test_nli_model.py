"""The NLI loader with a tiny model the tests build (scrambled label order)."""

from pathlib import Path

import pytest

from factcheck.errors import ModelError
from factcheck.models.config import ModelSpec
from factcheck.models.nli import NLIModel, label_order


def spec(folder: Path, labels: tuple[str, ...] | None = None) -> ModelSpec:
    return ModelSpec(role="nli", name="tiny", source=f"path:{folder}", labels=labels, batch_size=2)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_label_order_comes_from_the_model_config(tiny_nli_dir: Path, backend: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    monkeypatch.setenv("FACTCHECK_BACKEND", backend)
    model = NLIModel(spec(tiny_nli_dir))
    assert (model.numpy is not None) is (backend == "numpy")
    assert model.labels == ("contradiction", "entailment", "neutral")
    pairs = [("A man sleeps.", "A man is awake."), ("Short.", "A much longer hypothesis sentence here."),
             ("x", "y")]
    scores = model.predict(pairs)
    tok = AutoTokenizer.from_pretrained(str(tiny_nli_dir))
    reference = AutoModelForSequenceClassification.from_pretrained(str(tiny_nli_dir)).float().eval()
    enc = tok([pairs[0][0]], [pairs[0][1]], return_tensors="pt")
    with torch.inference_mode():
        probs = torch.softmax(reference(**enc).logits, -1)[0].tolist()
    assert scores[0].contradiction == pytest.approx(probs[0], abs=1e-5)
    assert scores[0].entailment == pytest.approx(probs[1], abs=1e-5)
    assert len(scores) == 3 and all(abs(s.entailment + s.neutral + s.contradiction - 1) < 1e-4 for s in scores)


def test_yaml_labels_that_contradict_the_model_are_refused(tiny_nli_dir: Path) -> None:
    with pytest.raises(ModelError, match="do not match"):
        NLIModel(spec(tiny_nli_dir, ("entailment", "contradiction", "something")))


def test_generic_labels_need_an_order_in_yaml() -> None:
    s = ModelSpec(role="nli", name="m", source="path:x")
    with pytest.raises(ModelError, match="no 'entailment' label") as err:
        label_order(s, {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    assert "give nli.labels" in err.value.one_line()
    s2 = ModelSpec(role="nli", name="m", source="path:x", labels=("neutral", "entailment", "contradiction"))
    assert label_order(s2, {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})[0] == "neutral"


def test_broken_model_folder_is_a_model_error(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ModelError, match="could not be loaded"):
        NLIModel(spec(tmp_path))
