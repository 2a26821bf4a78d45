"""How a person is named on screens and in messages."""


def display_name(user) -> str:
    """A staff member as citizens and colleagues read them: full name, else the username; "" for None."""
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username() or "").strip()
