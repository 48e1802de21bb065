"""The foundation every layer uses: error types and exit codes, and the language therapick speaks."""
