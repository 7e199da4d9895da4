"""Diagnostic: the ACLED figures when each note is given its row's country as a hint
(``Article.meta["country"]``, what ``incidents.extract(..., country=...)`` sets).

    .venv/bin/python scripts/acled_country_hint.py [--data ../shared/data/acled] [--workers 2]

Not a gated figure: the extractor never sees gold metadata in ``incidents eval acled``.
This measures how much of the location error is disambiguation (which a feed's country
would fix) rather than places missing from the notes or the gazetteer.
"""

from __future__ import annotations

import argparse
import dataclasses

from incidents.evaluate.runner import load_examples, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data/acled")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    examples = [
        dataclasses.replace(e, article=dataclasses.replace(e.article, meta={**e.article.meta, "country": e.gold["country"]}))
        for e in load_examples("acled", args.data)
    ]
    report = run("acled", examples, workers=args.workers, data=args.data)
    for figure in report.figures:
        print(f"{figure.name:20} {100 * (figure.value or 0):5.1f}  (n={figure.n}, country given)")


if __name__ == "__main__":
    main()
