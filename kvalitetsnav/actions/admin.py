# Actions are managed in the application, where the access policy applies; the
# Django admin is for the org tree and accounts only.
