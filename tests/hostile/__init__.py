"""Hostile inputs and faults: a generated corpus, a runner, and the check CI runs once issue 13's fixes land."""
