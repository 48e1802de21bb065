"""Deciding, pure: answers, where the person is, ranking, which lines and routes to show, help now."""
