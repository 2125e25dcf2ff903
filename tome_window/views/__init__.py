"""Qt views. Views call services; blocking work runs through views.tasks, never on the GUI thread."""
