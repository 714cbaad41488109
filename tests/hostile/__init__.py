"""The corpus of careless and hostile inputs (issue: nothing silent, nothing lost): one module per class."""
