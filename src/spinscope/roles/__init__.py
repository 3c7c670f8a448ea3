"""Entity framing: cue lexicons, casting rules and a learned model for hero, villain and victim roles."""
