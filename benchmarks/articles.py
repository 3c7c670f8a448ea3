"""The benchmarks' 600-word article, made from the bundled French example: no outside text needed."""

from __future__ import annotations

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "src/spinscope/examples/fr-sahel-alliance.txt"
TARGET_WORDS = 600


def article_of_600_words() -> str:
    """The headline once, then the example's paragraphs repeated in order until the article has 600 words."""
    paragraphs = EXAMPLE.read_text(encoding="utf-8").split("\n\n")
    text, words = [paragraphs[0]], len(paragraphs[0].split())
    while words < TARGET_WORDS:
        for paragraph in paragraphs[1:]:
            text.append(paragraph)
            words += len(paragraph.split())
            if words >= TARGET_WORDS:
                break
    return "\n\n".join(text) + "\n"
