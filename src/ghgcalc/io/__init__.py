"""Reading inputs and factor sets, writing results."""
