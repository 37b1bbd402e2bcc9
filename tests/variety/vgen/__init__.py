"""Generator of whole, realistic submissions for the variety evaluation (see ../README.md)."""
