"""Data models: the inventory as read (pydantic), factor sets and results (plain dataclasses)."""
