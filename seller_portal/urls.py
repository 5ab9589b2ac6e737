from django.urls import path

from seller_portal import views

app_name = "seller_portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.sign_in, name="sign_in"),
    path("logout/", views.sign_out, name="sign_out"),
]
