"""The analyses the pages made lately, kept in memory so that their download links work without a store.

Ids are 128-bit random tokens: a link gives access to one analysis, and cannot be guessed.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict

from spinscope.analysis import Analysis


class RecentAnalyses:
    def __init__(self, capacity: int):
        self.capacity = capacity
        self._items: OrderedDict[str, Analysis] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, analysis: Analysis) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._items[key] = analysis
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Analysis | None:
        with self._lock:
            return self._items.get(key)
