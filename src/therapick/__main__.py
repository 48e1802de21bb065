"""Allow ``python -m therapick``."""

from therapick.cli import main

if __name__ == "__main__":
    main()
