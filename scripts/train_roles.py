"""Train the MUC-4 role-filler tagger (``incidents/data/models/roles-muc4-v1``).

    .venv/bin/python scripts/train_roles.py [--data ../shared/data/muc4] [--seed 0]

One command, seeded: reads the MUC-4 TRAIN split (DEV-MUC3-0001..1300: the texts in
``grit_proc_output/doc_train``, the templates in ``gtt_processed/train.json``) at run time,
builds the training data in memory, trains, and writes the model.  Nothing from TST1-TST4
is read.  Every ``heldout_every``-th training document (10 %: DEV-MUC3-0001, -0011, ...)
is kept out of training and used to pick the best epoch; ``incidents eval muc4 --data
.../gtt_processed/train.json --every 10`` measures the whole extractor on the same
documents (that is where the decoding weight ``outside_weight`` in the config was chosen).

Labels: every occurrence (case-insensitive, any white space between words, on word
boundaries) of every mention of every gold role filler in the document's templates is a
span labelled PERPIND, PERPORG, TARGET, VICTIM or WEAPON; overlapping spans are resolved
longest first, so "members of the FMLN" (PERPIND) wins over the "FMLN" inside it.  The
tagger learns them as BIO tags.

Input: the article text the extractor reads (dateline, ``--``, text), truecased by
``incidents.nlp.pipeline.analysis_text`` and analysed by the project's spaCy model, as at
extraction time.  The tagger reads that model's ``tok2vec`` output (``doc.tensor``), parse
and entities plus its own hashed embeddings (see ``incidents/extractors/learned.py``).  The
config is ``incidents/data/models/roles.cfg``; the model folder's README.md is kept.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.training import Example

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "incidents" / "data" / "models"
ROLE_LABELS = {"PerpInd": "PERPIND", "PerpOrg": "PERPORG", "Target": "TARGET",
               "Victim": "VICTIM", "Weapon": "WEAPON"}


def read_train(data: Path) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(docid, article text, [(label, mention string)]) for every TRAIN document."""
    from incidents.evaluate.datasets.muc4 import article_text

    texts = {}
    with (data / "grit_proc_output" / "doc_train").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts[record["docid"]] = article_text(str(record.get("dateline") or ""), record["text"])
    out = []
    with (data / "gtt_processed" / "train.json").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            docid = record["docid"]
            if not docid.startswith("DEV-MUC3-"):
                raise SystemExit(f"unexpected document {docid} in the train split")
            mentions = []
            for template in record["templates"]:
                for role, label in ROLE_LABELS.items():
                    for entity in template.get(role) or []:
                        for mention in entity:
                            string = mention[0] if isinstance(mention, list) else mention
                            if string.strip():
                                mentions.append((label, string))
            out.append((docid, texts[docid], sorted(set(mentions))))
    return out


def occurrences(text: str, string: str) -> list[tuple[int, int]]:
    """Character spans of every occurrence of ``string`` in ``text``."""
    words = string.split()
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def label_spans(text: str, mentions: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, label) spans: all occurrences, longest first."""
    candidates = []
    for label, string in mentions:
        for start, end in occurrences(text, string):
            candidates.append((start, end, label))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int, str]] = []
    for start, end, label in candidates:
        if any(start < e and s < end for s, e, _ in taken):
            continue
        taken.append((start, end, label))
    return sorted(taken)


def analyse(texts: list[str]) -> list[Doc]:
    """Each text as the extractor's Doc has it: truecased, analysed by the project's model."""
    from incidents.nlp.pipeline import analysis_text, get_nlp

    return list(get_nlp().pipe((analysis_text(t) for t in texts), batch_size=32))


def make_example(doc: Doc, spans: list[tuple[int, int, str]]) -> Example:
    """The analysed ``doc`` as predicted side, its BIO role tags as reference side."""
    from spacy.tokens import Doc, Span
    from spacy.training import Example
    from spacy.util import filter_spans

    ents: list[Span] = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="contract")
        if span is None or not len(span):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            ents.append(span)
    tags = ["O"] * len(doc)
    for span in filter_spans(ents):
        for i in range(span.start, span.end):
            tags[i] = ("B-" if i == span.start else "I-") + span.label_
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    reference = Doc(doc.vocab, words=words, spaces=spaces, tags=tags)
    reference.ents = [Span(reference, s.start, s.end, label=s.label_) for s in filter_spans(ents)]
    return Example(doc, reference)


def batches(examples: list[Example], words: int) -> Iterator[list[Example]]:
    batch: list[Example] = []
    size = 0
    for eg in examples:
        batch.append(eg)
        size += len(eg.predicted)
        if size >= words:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


WEIGHTS = (1.0, 0.5, 0.3, 0.2, 0.1, 0.05)


def span_scores(nlp: Language, examples: list[Example]) -> dict[str, Any]:
    """Exact-span precision, recall and F1 on held-out examples, per label and overall, at
    the decoding weight on P(O) that gives the best overall F1 (``"outside_weight"``)."""
    from incidents.extractors.learned import decode, tidy, token_probs

    labels = tuple(nlp.pipeline[-1][1].labels)
    probs = [token_probs(eg.predicted, nlp) for eg in examples]
    best: dict[str, Any] = {}
    for weight in WEIGHTS:
        counts: dict[str, list[int]] = {}
        for eg, prob in zip(examples, probs):
            gold = {(e.start, e.end, e.label_) for e in eg.reference.ents}
            pred = set(tidy(eg.predicted, decode(prob, labels, weight)))
            for label in {x[2] for x in gold | pred}:
                c = counts.setdefault(label, [0, 0, 0])
                c[0] += len({x for x in pred & gold if x[2] == label})
                c[1] += len({x for x in pred if x[2] == label})
                c[2] += len({x for x in gold if x[2] == label})
        counts["ALL"] = [sum(c[i] for c in list(counts.values())) for i in range(3)]
        scores: dict[str, Any] = {label: _prf(c) for label, c in sorted(counts.items())}
        scores["outside_weight"] = weight
        if not best or scores["ALL"]["f"] > best["ALL"]["f"]:
            best = scores
    return best


def _prf(c: list[int]) -> dict[str, float]:
    p = c[0] / c[1] if c[1] else 0.0
    r = c[0] / c[2] if c[2] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "muc4")
    parser.add_argument("--config", type=Path, default=MODELS / "roles.cfg")
    parser.add_argument("--out", type=Path, default=MODELS / "roles-muc4-v1")
    parser.add_argument("--seed", type=int, default=None, help="overrides [training] seed")
    parser.add_argument("--max-epochs", type=int, default=None,
                        help="overrides [training] max_epochs")
    parser.add_argument("--stats", action="store_true", help="print label statistics and stop")
    args = parser.parse_args()

    import spacy
    from spacy.util import fix_random_seed, load_config, load_model_from_config, registry

    import incidents.extractors.learned  # noqa: F401  (registers the architectures)

    config = load_config(args.config)
    training = dict(config["training"])
    seed = args.seed if args.seed is not None else int(training["seed"])
    max_epochs = args.max_epochs or int(training["max_epochs"])
    every = int(training["heldout_every"])

    docs = read_train(args.data)
    labelled = [label_spans(text, mentions) for _, text, mentions in docs]
    counts = Counter(label for spans in labelled for _, _, label in spans)
    print(f"{len(docs)} training documents; labelled spans {dict(sorted(counts.items()))}",
          flush=True)
    if args.stats:
        return 0

    started = time.perf_counter()
    analysed = analyse([text for _, text, _ in docs])
    print(f"analysed in {time.perf_counter() - started:.0f} s", flush=True)

    fix_random_seed(seed)
    config["system"]["seed"] = seed
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    examples = [make_example(doc, spans) for doc, spans in zip(analysed, labelled)]
    heldout = [eg for i, eg in enumerate(examples) if i % every == 0]
    train = [eg for i, eg in enumerate(examples) if i % every != 0]
    heldout_ids = [docs[i][0] for i in range(len(docs)) if i % every == 0]
    print(f"train {len(train)} documents, held out {len(heldout)} (every {every}th: "
          f"{heldout_ids[0]}, {heldout_ids[1]}, ...)", flush=True)

    optimizer = registry.resolve({"o": config["training"]["optimizer"]})["o"]
    nlp.initialize(lambda: train, sgd=optimizer)
    stage = args.out.parent / (args.out.name + ".partial")
    rng = random.Random(seed)
    best, best_epoch, history = -1.0, 0, []
    for epoch in range(1, max_epochs + 1):
        tick = time.perf_counter()
        order = list(train)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in batches(order, int(training["batch_words"])):
            nlp.update(batch, drop=float(training["dropout"]), sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages):
            scores = span_scores(nlp, heldout)
            improved = scores["ALL"]["f"] > best
            if improved:
                best, best_epoch = scores["ALL"]["f"], epoch
                nlp.meta.update({
                    "name": "roles_muc4", "version": "1.0.0",
                    "description": "MUC-4 role-filler tagger (incidents): PERPIND, PERPORG, "
                                   "TARGET, VICTIM, WEAPON; trained on DEV-MUC3-0001..1300",
                    "incidents": {
                        "seed": seed, "epoch": epoch, "train_docs": len(train),
                        "heldout_every": every, "heldout_spans": scores,
                        "outside_weight": float(training["outside_weight"]),
                    },
                })
                nlp.to_disk(stage)
        loss = float(losses.get("roles", 0.0))
        history.append({"epoch": epoch, "loss": round(loss, 1), **scores["ALL"],
                        "outside_weight": scores["outside_weight"]})
        print(f"epoch {epoch:2d}  loss {loss:8.1f}  held-out spans P {scores['ALL']['p']:.3f} "
              f"R {scores['ALL']['r']:.3f} F {scores['ALL']['f']:.3f} "
              f"(P(O) x {scores['outside_weight']})  {time.perf_counter() - tick:.0f} s"
              f"{'  *' if improved else ''}", flush=True)
        if epoch - best_epoch >= int(training["patience"]):
            break
    elapsed = time.perf_counter() - started
    best_scores = nlp.meta["incidents"]["heldout_spans"]
    (stage / "training.json").write_text(json.dumps(
        {"seed": seed, "best_epoch": best_epoch, "seconds": round(elapsed), "history": history,
         "heldout_spans": best_scores, "spacy": spacy.__version__}, indent=1) + "\n",
        encoding="utf-8")
    if (args.out / "README.md").is_file():
        shutil.copy2(args.out / "README.md", stage / "README.md")
    if args.out.exists():
        shutil.rmtree(args.out)
    stage.rename(args.out)
    print(f"best epoch {best_epoch}: {json.dumps(best_scores)}")
    print(f"wrote {args.out} in {elapsed / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
