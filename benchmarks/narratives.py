"""What narrative detection costs, and what a user's 200-entry catalogue adds to it, measured in one run.

    python benchmarks/narratives.py [--repeat N] [--entries 200] [--json PATH]

The analysis is the default pipeline of the article's language followed by the narrative layer, run in-process
on a Document of about 600 words (the French example, repeated). A detector calibrates a language the first
time it analyses an article in it, once per process: that first analysis is timed apart. Printed: the median
time of one analysis with the shipped catalogue, with the shipped catalogue plus an extra catalogue of
`--entries` entries, their ratio (target: at most 1.2), and each first analysis.

The extra catalogue is made of the shipped catalogue's own example sentences, redistributed over new entries
(8 per entry, 40 narratives of 4 subnarratives): the size and the vocabulary of a real catalogue, no new text.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from articles import article_of_600_words
from timing import median_seconds


def extra_catalogue(entries: int):
    """A catalogue of `entries` entries whose examples are the shipped examples, dealt out in turn."""
    from spinscope.narratives.catalogue import parse_catalogue, shipped_catalogue

    pool = [example for entry in shipped_catalogue().entries for example in entry.examples]
    raw = []
    for i in range(entries):
        parent = None if i % 5 == 0 else f"bench {i - i % 5}"
        examples = [pool[(i * 8 + k) % len(pool)] for k in range(8)]
        raw.append(
            {
                "id": f"bench {i}",
                "parent": parent,
                "description": f"Benchmark storyline number {i}, made of shipped example sentences.",
                "examples": {
                    language: [e.text for e in examples if e.language == language]
                    for language in sorted({e.language for e in examples})
                },
            }
        )
    for entry in raw:
        entry["examples"] = {k: v for k, v in entry["examples"].items() if v}
        if entry["parent"] is None:
            entry.pop("parent")
    return parse_catalogue({"catalogue": "bench", "entries": raw}, "benchmark")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()

    from spinscope.analysis import Language
    from spinscope.components.narratives import NarrativeFinder
    from spinscope.document import Document
    from spinscope.narratives import NarrativeDetector, shipped_catalogue
    from spinscope.pipeline import Pipeline, build_pipeline

    text = article_of_600_words()
    language = Language(code="fr", confidence=1.0, source="user")
    base = build_pipeline("fr").components

    def analyse(pipeline: Pipeline):
        return lambda: pipeline(Document.from_text(text, language=language))

    analyse(Pipeline(base))()  # load lexicons and the model before anything is timed

    def built(catalogues) -> tuple[Pipeline, float]:
        """The pipeline, and how long its first analysis took (the detector calibrates the article's language
        then, once per process)."""
        pipeline = Pipeline([*base, NarrativeFinder(detector=NarrativeDetector(catalogues))])
        return pipeline, median_seconds(analyse(pipeline), 1)

    shipped, shipped_build = built([shipped_catalogue()])
    extended, extended_build = built([shipped_catalogue(), extra_catalogue(args.entries)])
    # Interleaved so that a slower moment of a shared machine touches both alike.
    shipped_runs, extended_runs = [], []
    for _ in range(args.repeat):
        shipped_runs.append(median_seconds(analyse(shipped), 1))
        extended_runs.append(median_seconds(analyse(extended), 1))
    # The narrative layer alone, on an already segmented Document, so that its own cost shows.
    layer_runs = {}
    for name, pipeline in (("shipped", shipped), ("with_extra", extended)):
        finder = pipeline.components[-1]
        doc = Document.from_text(text, language=language)
        layer_runs[name] = median_seconds(lambda finder=finder, doc=doc: finder(doc), args.repeat)
    results = {
        "words": len(text.split()),
        "analysis_shipped_s": statistics.median(shipped_runs),
        "analysis_with_extra_s": statistics.median(extended_runs),
        "extra_entries": args.entries,
        "narrative_layer_shipped_s": layer_runs["shipped"],
        "narrative_layer_with_extra_s": layer_runs["with_extra"],
        "first_analysis_shipped_s": shipped_build,
        "first_analysis_with_extra_s": extended_build,
    }
    results["ratio"] = results["analysis_with_extra_s"] / results["analysis_shipped_s"]
    print(
        f"{results['words']}-word article: {results['analysis_shipped_s'] * 1000:.1f} ms with the shipped "
        f"catalogue, {results['analysis_with_extra_s'] * 1000:.1f} ms with {args.entries} more entries: "
        f"ratio {results['ratio']:.3f} (target <= 1.2)"
    )
    print(
        f"the narrative layer alone: {layer_runs['shipped'] * 1000:.1f} ms shipped, "
        f"{layer_runs['with_extra'] * 1000:.1f} ms with the extra catalogue"
    )
    print(
        f"first analysis in the language (calibration included, once per process): {shipped_build:.2f} s "
        f"shipped, {extended_build:.2f} s with the extra catalogue"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
