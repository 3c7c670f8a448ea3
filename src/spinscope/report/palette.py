"""One colour per technique, the same in every report and every format, grouped by SemEval-2023 category.

Backgrounds are light so that dark article text keeps a contrast ratio above 7:1 on them; accents are dark
enough (at least 3:1 on white) to draw underlines and swatches that stay visible.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Colour:
    background: str
    accent: str


# The six families of the SemEval-2023 Task 3 taxonomy, in its order: related techniques sit side by side
# in the legend and share a hue family, so that a reader sees "attacks on reputation" at a glance.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "Attack on reputation": (
        "Name_Calling-Labeling",
        "Guilt_by_Association",
        "Doubt",
        "Appeal_to_Hypocrisy",
        "Questioning_the_Reputation",
    ),
    "Justification": (
        "Flag_Waving",
        "Appeal_to_Authority",
        "Appeal_to_Popularity",
        "Appeal_to_Values",
        "Appeal_to_Fear-Prejudice",
    ),
    "Simplification": (
        "Causal_Oversimplification",
        "False_Dilemma-No_Choice",
        "Consequential_Oversimplification",
    ),
    "Distraction": ("Straw_Man", "Red_Herring", "Whataboutism"),
    "Call": ("Slogans", "Conversation_Killer", "Appeal_to_Time"),
    "Manipulative wording": (
        "Loaded_Language",
        "Obfuscation-Vagueness-Confusion",
        "Exaggeration-Minimisation",
        "Repetition",
    ),
}

COLOURS: dict[str, Colour] = {
    # Attack on reputation: reds, pinks, purples.
    "Name_Calling-Labeling": Colour("#ffd3d3", "#c62828"),
    "Guilt_by_Association": Colour("#ffdcc8", "#bf360c"),
    "Doubt": Colour("#efdcff", "#7b1fa2"),
    "Appeal_to_Hypocrisy": Colour("#fcd5e5", "#880e4f"),
    "Questioning_the_Reputation": Colour("#ffe0ee", "#ad1457"),
    # Justification: blues.
    "Flag_Waving": Colour("#d3e4ff", "#1565c0"),
    "Appeal_to_Authority": Colour("#d3f0ff", "#0277bd"),
    "Appeal_to_Popularity": Colour("#dfe3ff", "#283593"),
    "Appeal_to_Values": Colour("#d0f3f3", "#00838f"),
    "Appeal_to_Fear-Prejudice": Colour("#e6dbff", "#4527a0"),
    # Simplification: greens.
    "Causal_Oversimplification": Colour("#d8f3d0", "#2e7d32"),
    "False_Dilemma-No_Choice": Colour("#e8f4c4", "#558b2f"),
    "Consequential_Oversimplification": Colour("#cff0e1", "#00695c"),
    # Distraction: browns and greys.
    "Straw_Man": Colour("#eddfd0", "#6d4c41"),
    "Red_Herring": Colour("#e3e7ea", "#546e7a"),
    "Whataboutism": Colour("#f1e4d6", "#8d5b3a"),
    # Call: oranges and ambers.
    "Slogans": Colour("#ffe4c2", "#d84315"),
    "Conversation_Killer": Colour("#ffeacc", "#9a5800"),
    "Appeal_to_Time": Colour("#fff1bf", "#8a6d00"),
    # Manipulative wording: highlighter yellows and neighbours.
    "Loaded_Language": Colour("#fff09a", "#9c7500"),
    "Obfuscation-Vagueness-Confusion": Colour("#e2e2f2", "#5c6bc0"),
    "Exaggeration-Minimisation": Colour("#ffdca8", "#e65100"),
    "Repetition": Colour("#eef3bf", "#7c7414"),
}

# A technique outside the taxonomy (a user's own model) still gets a readable, neutral colour.
FALLBACK = Colour("#ececec", "#616161")


def colour(technique: str) -> Colour:
    return COLOURS.get(technique, FALLBACK)


def category(technique: str) -> str:
    return next((name for name, members in CATEGORIES.items() if technique in members), "Other")


def order(technique: str) -> int:
    """Position in the taxonomy's category order; techniques outside it come last."""
    flat = [t for members in CATEGORIES.values() for t in members]
    return flat.index(technique) if technique in flat else len(flat)
