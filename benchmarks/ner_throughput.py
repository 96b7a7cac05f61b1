"""Entity pipeline speed on one core: model load, tokens per second, model size.

The text is the sample article repeated to the sizes asked for (default ~5,000
words and ~100,000 words); the pipeline is load text → recognise → group.
Usage: python benchmarks/ner_throughput.py
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from reader.core.entities import analyse  # noqa: E402
from reader.core.entities.model import MODEL_FILE, Tagger  # noqa: E402
from reader.core.entities.tokens import tokenize  # noqa: E402
from reader.core.loaders import load  # noqa: E402
from reader.core.resources import resource, seed_article  # noqa: E402


def main() -> None:
    model = resource("ner", MODEL_FILE)
    loads = []
    for _ in range(5):
        start = time.perf_counter()
        Tagger(model)
        loads.append(time.perf_counter() - start)
    print(f"model file: {model.stat().st_size / 1e6:.2f} MB; load: median {statistics.median(loads) * 1000:.1f} ms")
    body = seed_article().read_text(encoding="utf-8").rsplit("\n", 1)[0]
    words_in_seed = len(body.split())
    for target in (5_000, 100_000):
        reps = max(1, target // words_in_seed)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "article.txt"
            path.write_text("\n".join([body] * reps), encoding="utf-8")
            runs = []
            for _ in range(3):
                # Fresh caches each run would be unfair to a reader, who opens one article at a time;
                # the per-word feature cache is kept, as in the app.
                start = time.perf_counter()
                doc = load(path)
                entities = analyse(doc.text)
                runs.append(time.perf_counter() - start)
            tokens = len(tokenize(doc.text))
        best = min(runs)
        print(
            f"{len(doc.text.split()):>7} words, {tokens:>7} tokens: {best:.3f} s → {tokens / best:,.0f} tokens/s "
            f"({sum(len(e.mentions) for e in entities)} mentions, {len(entities)} entities)"
        )


def varied_text(limit_tokens: int = 125_000) -> str | None:
    """ANERcorp's training text (diverse vocabulary, so caches do not flatter), if it is beside us."""
    path = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ner" / "anercorp-camellab" / "ANERCorp_CamelLab_train.txt"
    if not path.exists():
        return None
    from reader.core.entities.conll import read_conll

    lines = [" ".join(w for w, _ in sent) for sent in read_conll(path)]
    return "\n".join(lines)


def cold_run() -> None:
    text = varied_text()
    if text is None:
        print("(ANERcorp not found beside the checkout: varied-text run skipped)")
        return
    from reader.core.entities.features import clear_word_cache
    from reader.core.entities.gazetteer import default_lookup
    from reader.core.entities.model import default_tagger

    clear_word_cache()
    for cached in (default_lookup, default_tagger):  # a fresh tagger and gazetteer lookup have empty per-word caches
        cached.cache_clear()
    start = time.perf_counter()
    entities = analyse(text)
    took = time.perf_counter() - start
    tokens = len(tokenize(text))
    print(f"ANERcorp train text, cold caches: {tokens:,} tokens in {took:.2f} s → {tokens / took:,.0f} tokens/s ({len(entities)} entities)")


if __name__ == "__main__":
    cold_run()
    main()
