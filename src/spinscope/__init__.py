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

__all__ = ["Analysis", "analyze", "__version__"]


def __getattr__(name: str):
    """Import the pipeline on first use, so that `import spinscope` (and the CLI's --help) stays instant."""
    if name == "analyze":
        from spinscope.pipeline import analyze

        return analyze
    if name == "Analysis":
        from spinscope.analysis import Analysis

        return Analysis
    raise AttributeError(f"module 'spinscope' has no attribute {name!r}")
