"""Pure functions over the model: notes in, figures out. Nothing here reads files or renders."""
