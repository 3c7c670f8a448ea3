"""Entity framing: the cue lexicons and the casting that turn them into hero, villain and victim roles."""
