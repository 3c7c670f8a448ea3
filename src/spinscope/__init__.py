"""spinscope: shows how a news article tries to persuade, with evidence a person can check.

    >>> import spinscope
    >>> analysis = spinscope.analyze("La Russie dénonce l'influence néfaste de l'Otan.")
    >>> [t.technique for t in analysis.techniques]
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("spinscope")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

from spinscope.analysis import Analysis  # noqa: E402
from spinscope.pipeline import analyze  # noqa: E402

__all__ = ["Analysis", "analyze", "__version__"]
