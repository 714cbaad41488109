"""`python -m ghgcalc` runs the command line."""

from ghgcalc.cli import main

if __name__ == "__main__":
    main()
