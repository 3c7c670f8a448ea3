from hypothesis import given
from hypothesis import strategies as st

from spinscope.report.segments import atomic_segments


def test_segments_tile_the_range_and_list_every_covering_span():
    # 0    5    10   15   20
    # [a  a a a a)
    #    [b b b b b b b)
    #           [c)
    segments = atomic_segments(0, 20, {"a": (0, 8), "b": (3, 15), "c": (10, 12)})
    assert [(s.start, s.end, set(s.covering)) for s in segments] == [
        (0, 3, {"a"}),
        (3, 8, {"a", "b"}),
        (8, 10, {"b"}),
        (10, 12, {"b", "c"}),
        (12, 15, {"b"}),
        (15, 20, set()),
    ]


def test_intervals_are_clipped_to_the_range_and_empty_ones_ignored():
    segments = atomic_segments(
        5, 10, {"before": (0, 7), "after": (9, 30), "empty": (6, 6), "outside": (20, 25)}
    )
    assert [(s.start, s.end, set(s.covering)) for s in segments] == [
        (5, 7, {"before"}),
        (7, 9, set()),
        (9, 10, {"after"}),
    ]


def test_extra_cuts_split_a_segment_without_changing_what_covers_it():
    segments = atomic_segments(0, 10, {"a": (0, 10)}, cuts=[4, 4, 0, 12])
    assert [(s.start, s.end, set(s.covering)) for s in segments] == [(0, 4, {"a"}), (4, 10, {"a"})]


@given(
    st.integers(0, 30),
    st.integers(0, 30),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8),
)
def test_every_segment_is_covered_by_exactly_the_intervals_that_contain_it(start, length, pairs):
    end = start + length
    intervals = {i: (min(a, b), max(a, b)) for i, (a, b) in enumerate(pairs)}
    segments = atomic_segments(start, end, intervals)
    if start == end:
        assert segments == []
        return
    assert segments[0].start == start and segments[-1].end == end
    assert all(a.end == b.start for a, b in zip(segments, segments[1:], strict=False))
    for segment in segments:
        assert segment.start < segment.end
        expected = {k for k, (s, e) in intervals.items() if s <= segment.start and segment.end <= e and s < e}
        assert segment.covering == expected
