app_name = "seller_portal"
urlpatterns: list = []
