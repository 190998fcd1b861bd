"""The performance benchmark: a realistic council (seed.py) and the measurements (run.py)."""
