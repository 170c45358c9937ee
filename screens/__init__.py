"""The Textual application: one screen per file, styles in a .tcss beside each screen."""
