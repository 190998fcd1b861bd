# ruff: noqa: E501 (the English as Django and the packages write it, one string a line)
"""English the admin shows that no Welsh catalogue we install translates, listed so that `make messages`
puts it in ours, where the Welsh wins (LOCALE_PATHS comes first): Django's own Welsh for the admin
dates from 2017 and lacks what later versions added (the theme toggle, the filters' counts, the change
messages), and django-axes and django-tasks ship no Welsh. A few Django does translate are here to
correct its Welsh (a misspelling; the sign-in refusal that says "staff account" to councillors too). Nothing imports this module; Django,
axes and django-tasks look the strings up by their English. tests/web/test_welsh_admin.py checks
each is still one they use."""

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext_lazy

# django.contrib.admin
DJANGO_ADMIN = (
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Add link"),
    gettext_noop("Added {name} “{object}”."),
    gettext_noop("Added “%(object)s”."),
    gettext_noop("Added."),
    gettext_noop("Added:"),
    gettext_noop("Addition"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of the following related items will be deleted:'
    ),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Change or view list link"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Changed {fields} for {name} “{object}”."),
    gettext_noop("Changed {fields}."),
    gettext_noop("Changed “%(object)s” — %(changes)s"),
    gettext_noop("Changed:"),
    gettext_noop("Clear all filters"),
    gettext_noop("Close"),
    gettext_noop("Delete multiple objects"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("Deleted {name} “{object}”."),
    gettext_noop("Deleted “%(object)s.”"),
    gettext_noop("Deleted:"),
    gettext_noop(
        "Deleting the selected %(objects_name)s would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop("Deletion"),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Empty"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Error:"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we’ll email instructions for setting a new one."
    ),
    gettext_noop("Has date"),
    gettext_noop("Hide counts"),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop(
        "If you don’t receive an email, please make sure you’ve entered the address you registered with, and check your spam folder."
    ),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Model name"),
    gettext_noop("My actions"),
    gettext_noop("No date"),
    gettext_noop("No, take me back"),
    gettext_noop("Not empty"),
    gettext_noop("Objects"),
    gettext_noop("Password change successful"),  # Django's Welsh: "llwyddianus"
    gettext_noop(
        "Please enter your old password, for security’s sake, and then enter your new password twice so we can verify you typed it in correctly."
    ),
    gettext_noop("Popup closing…"),
    gettext_noop("Recent actions"),
    gettext_noop("Save and view"),
    gettext_noop("Select %s to view"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Set password"),
    gettext_noop("Show counts"),
    gettext_noop("Sidebar"),
    gettext_noop("Skip to main content"),
    gettext_noop(
        "Something’s wrong with your database installation. Make sure the appropriate database tables have been created, and make sure the database is readable by the appropriate user."
    ),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Summary"),
    gettext_noop("Thanks for spending some quality time with the web site today."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop(
        "There’s been an error. It’s been reported to the site administrators via email and should be fixed shortly. Thanks for your patience."
    ),
    gettext_noop("This action will <strong>enable</strong> password-based authentication for this user."),
    gettext_noop("This object doesn’t have a change history. It probably wasn’t added via this admin site."),
    gettext_noop("Toggle navigation"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("View"),
    gettext_noop("View %s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("View site"),
    gettext_noop("We’re sorry, but the requested page could not be found."),
    gettext_noop(
        "We’ve emailed you instructions for setting your password, if an account exists with the email you entered. You should receive them shortly."
    ),
    gettext_noop("Yes, I’m sure"),
    gettext_noop(
        "You are authenticated as %(username)s, but are not authorized to access this page. Would you like to login to a different account?"
    ),
    gettext_noop("You don’t have permission to view or edit anything."),
    gettext_noop("You may edit it again below."),
    gettext_noop("content type"),
    gettext_noop("entry"),
    gettext_noop("user"),
)

# django.contrib.auth: the users' and groups' forms
DJANGO_AUTH = (
    gettext_noop("Disabled"),
    gettext_noop("Enabled"),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("Password-based authentication"),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Password changed successfully."),  # Django's Welsh: "y gyfrinair"
    gettext_noop("Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    gettext_noop("Reset password"),
    gettext_noop("Set password: %s"),
    gettext_noop("The groups this user belongs to. A user will get all permissions granted to each of their groups."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),  # Django's: "Rhoddwydd"
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
)

# A refused form's heading in the admin (Django's Welsh has the words from before they had a plural).
DJANGO_ADMIN_PLURALS = (ngettext_lazy("Please correct the error below.", "Please correct the errors below.", "count"),)

# The password rules' help on the add-user form.
DJANGO_AUTH_PLURALS = (
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        "min_length",
    ),
)

# django-axes (sign-in attempts) and django-tasks (the worker's results)
THIRD_PARTY = (
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Locked Out"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
)
