"""Allow ``python -m therapick``."""

from therapick.cli.app import main

if __name__ == "__main__":
    main()
