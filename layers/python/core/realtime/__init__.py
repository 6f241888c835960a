"""Real-time delivery: who is connected where."""
