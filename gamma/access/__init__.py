"""Who may do what: passwords, login, operators, groups, grants, field rules."""
