app_name = "qualityreport"
urlpatterns: list = []
