app_name = "lexcases"
urlpatterns: list = []
