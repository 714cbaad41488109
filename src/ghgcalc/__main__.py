"""`python -m ghgcalc` runs the command line."""

from ghgcalc.cli import run

if __name__ == "__main__":
    run()
