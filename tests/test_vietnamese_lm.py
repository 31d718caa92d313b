"""The packaged syllable language model."""

from pathlib import Path

from kehoach_parse.vietnamese.lm import load_model

MODEL = Path(__file__).resolve().parents[1] / "src/kehoach_parse/data/lm/model.bin"


def test_model_is_compact_and_not_pickle():
    assert MODEL.stat().st_size < 20_000_000
    assert MODEL.read_bytes()[:6] == b"KHLM1\n"


def test_model_scores_context():
    lm = load_model()
    assert lm.order >= 3
    ids = lm.index
    hist = (lm.bos, ids["cải"], ids["cách"], ids["hành"])
    assert lm.score(hist, ids["chính"]) > lm.score(hist, ids["chình"]) + 2
    good = lm.sentence_logprob([ids["nhà"], ids["nước"]])
    bad = lm.sentence_logprob([ids["nhà"], ids["nuộc"]]) if "nuộc" in ids else good - 5
    assert good > bad


def test_unigram_and_specials():
    lm = load_model()
    assert lm.vocab[:4] == ["<s>", "</s>", "<unk>", "<num>"]
    assert lm.uni[lm.index["của"]] > lm.uni[lm.index["cửa"]]
