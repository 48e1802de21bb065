"""The command line and the terminal: commands, the questionnaire, the safety plan, failures at the edge."""
