"""The research recipe: k-fold cross-validation by article on SemEval-format data."""

from pathlib import Path

from spinscope.training.crossval import cross_validate_semeval2023
from spinscope.training.examples import article_examples
from spinscope.training.semeval2023 import read_articles
from spinscope.training.train import TrainSettings

LOADED = "Ce régime corrompu et arrogant trahit la nation avec une morgue écœurante."
NEUTRAL = "Le conseil municipal a voté le budget de la médiathèque mardi soir."


def write_language(root: Path, articles: int = 6) -> Path:
    folder = root / "fr"
    (folder / "train-articles-subtask-3").mkdir(parents=True)
    labels, genres, frames = [], [], []
    for number in range(articles):
        text = f"Titre {number}\n\n{LOADED}\n\n{NEUTRAL}\n"
        (folder / "train-articles-subtask-3" / f"article{number}.txt").write_text(text, encoding="utf-8")
        labels += [f"{number}\t1\t", f"{number}\t3\tLoaded_Language", f"{number}\t5\t"]
        genres.append(f"{number}\topinion")
        frames.append(f"{number}\tPolitical")
    (folder / "train-labels-subtask-3.txt").write_text("\n".join(labels) + "\n")
    (folder / "train-labels-subtask-1.txt").write_text("\n".join(genres) + "\n")
    (folder / "train-labels-subtask-2.txt").write_text("\n".join(frames) + "\n")
    return root


def test_examples_are_the_labelled_paragraphs_of_an_article(tmp_path: Path):
    [article, *_] = read_articles(write_language(tmp_path) / "fr")
    examples = article_examples(article)
    assert [e.text for e in examples] == [f"Titre {article.id}", LOADED, NEUTRAL]
    assert examples[1].techniques == {"Loaded_Language"} and examples[1].group == f"fr/{article.id}"


def test_every_article_is_scored_by_a_model_that_never_saw_it(tmp_path: Path):
    settings = TrainSettings(buckets=1 << 10, iterations=20, folds=2)
    [report] = cross_validate_semeval2023(write_language(tmp_path), None, folds=3, settings=settings)
    assert report.articles == 6 and report.paragraphs == 18
    assert report.scores.per_label["Loaded_Language"][3] == 6
