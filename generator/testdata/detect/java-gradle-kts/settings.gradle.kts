rootProject.name = "orders-api"
