app_name = "routines"
urlpatterns: list = []
