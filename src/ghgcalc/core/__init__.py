"""The pure calculation core: no files, no printing, no clock, no environment."""
