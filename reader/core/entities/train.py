"""Train and evaluate the CRF entity model on ANERcorp.

Train (deterministic: the dev split is the last tenth of the sentences, in file
order, never shuffled; L-BFGS has no randomness)::

    python -m reader.core.entities.train train ../shared/data/ner/anercorp-camellab/ANERCorp_CamelLab_train.txt

Evaluate a model on any CoNLL file::

    python -m reader.core.entities.train evaluate FILE.conll [--model PATH]

Cross-check a change on more than the dev split: each fifth of the file held
out in turn, scored with a model trained on the other four (about a minute a fold)::

    python -m reader.core.entities.train folds DATA [--folds 0 1 2 3 4]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from pathlib import Path

import pycrfsuite

from reader.core.entities import lexicon
from reader.core.entities.conll import Scores, Sentence, read_conll, score
from reader.core.entities.features import FEATURES_VERSION, sentence_features
from reader.core.entities.model import MODEL_FILE, Tagger
from reader.core.entities.pipeline import tag_sentences
from reader.core.resources import resource

DEV_FRACTION = 0.1
PARAMS = {"c1": 0.05, "c2": 0.02, "max_iterations": 250, "feature.possible_transitions": True}


def split(sentences: list[Sentence], dev_fraction: float = DEV_FRACTION) -> tuple[list[Sentence], list[Sentence]]:
    """Train and dev parts: the dev part is the file's last sentences (other articles)."""
    cut = int(len(sentences) * (1 - dev_fraction))
    return sentences[:cut], sentences[cut:]


FOLDS = 5


def fit(sentences: list[Sentence], out: Path, params: dict[str, object] | None = None) -> None:
    """Train a CRF on ``sentences`` and write it to ``out``.

    Lexicon features of each fold come from a lexicon of the other folds, so the
    model sees them as they will be on new text, where many names are unseen.
    """
    trainer = pycrfsuite.Trainer(verbose=False)
    size = -(-len(sentences) // FOLDS)
    for k in range(FOLDS):
        fold_part = sentences[k * size : (k + 1) * size]
        others = sentences[: k * size] + sentences[(k + 1) * size :]
        lex = lexicon.build(others)
        for sent in fold_part:
            words = [w for w, _ in sent]
            trainer.append(sentence_features(words, lex), [t for _, t in sent])
    trainer.set_params({**PARAMS, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def evaluate(model: Path, sentences: list[Sentence], lex: lexicon.Lexicon | None = None) -> Scores:
    """Entity-level scores of the whole pipeline with ``model`` (and ``lex``, else the shipped lexicon).

    It is what ``qari entities --conll`` outputs: model, consistency pass, name trimming and
    known organisations; dates are not part of ANERcorp's labels.
    """
    tagger = Tagger(model, lex)
    gold = [[t for _, t in s] for s in sentences]
    pred = tag_sentences([[w for w, _ in s] for s in sentences], tagger)
    return score(gold, pred)


def cross_check(sentences: list[Sentence], folds: list[int]) -> list[Scores]:
    """Scores of each held-out fifth (in file order) with a model trained on the rest."""
    size = -(-len(sentences) // FOLDS)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in folds:
            held_out = sentences[k * size : (k + 1) * size]
            rest = sentences[: k * size] + sentences[(k + 1) * size :]
            model = Path(tmp) / f"fold{k}.crfsuite"
            fit(rest, model)
            out.append(evaluate(model, held_out, lexicon.build(rest)))
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: ``train DATA`` or ``evaluate CONLL``."""
    parser = argparse.ArgumentParser(prog="python -m reader.core.entities.train")
    sub = parser.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="train on a CoNLL file, holding out its last tenth as dev")
    t.add_argument("data", type=Path)
    t.add_argument("--out", type=Path, default=resource("ner", MODEL_FILE))
    t.add_argument("--c1", type=float, default=PARAMS["c1"])
    t.add_argument("--c2", type=float, default=PARAMS["c2"])
    t.add_argument("--full", action="store_true", help="after scoring on dev, retrain on all of the data")
    f = sub.add_parser("folds", help="score each held-out fifth of a CoNLL file with a model trained on the rest")
    f.add_argument("data", type=Path)
    f.add_argument("--folds", type=int, nargs="+", default=list(range(FOLDS)), choices=range(FOLDS))
    e = sub.add_parser("evaluate", help="score a model on a CoNLL file")
    e.add_argument("conll", type=Path)
    e.add_argument("--model", type=Path, default=resource("ner", MODEL_FILE))
    args = parser.parse_args(argv)

    if args.cmd == "evaluate":
        print(evaluate(args.model, read_conll(args.conll)).table())
        return 0
    if args.cmd == "folds":
        results = cross_check(read_conll(args.data), args.folds)
        for k, result in zip(args.folds, results, strict=True):
            print(f"fold {k}: " + "  ".join(f"{t} {v[2]:.1f}" for t, v in result.per_type.items()) + f"  micro {result.micro[2]:.2f}")
        print(f"mean micro-F1 {sum(r.micro[2] for r in results) / len(results):.2f}")
        return 0

    sentences = read_conll(args.data)
    train_part, dev_part = split(sentences)
    params = {"c1": args.c1, "c2": args.c2}
    started = time.perf_counter()
    args.out.with_suffix(".json").unlink(missing_ok=True)  # a stale record must not describe the new model
    fit(train_part, args.out, params)
    dev = evaluate(args.out, dev_part, lexicon.build(train_part))
    print(f"dev ({len(dev_part)} sentences):\n{dev.table()}")
    trained_on = "train part (dev held out)"
    shipped = train_part
    if args.full:
        fit(sentences, args.out, params)
        trained_on = "all of the training split (after dev scoring)"
        shipped = sentences
    lexicon.save(lexicon.build(shipped), args.out.with_name(lexicon.LEXICON_FILE))
    meta = {
        "model": MODEL_FILE,
        "features_version": FEATURES_VERSION,
        "data": args.data.name,
        "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "sentences": len(sentences),
        "dev_sentences": len(dev_part),
        "dev_split": f"last {DEV_FRACTION:.0%} of sentences in file order",
        "trained_on": trained_on,
        "params": {**PARAMS, **params},
        "dev_scores": {k: {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2), "gold": n} for k, (p, r, f, n) in dev.per_type.items()},
        "dev_micro_f1": round(dev.micro[2], 2),
        "train_seconds": round(time.perf_counter() - started, 1),
        "licence": "CC BY-SA 4.0 (trained on ANERcorp, CAMeL Lab split)",
    }
    args.out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
