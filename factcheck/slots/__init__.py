"""What changed: the slots of a story, each with its status and distinct texts, and what a check sees."""
