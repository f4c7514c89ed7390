rootProject.name = "rest-service-complete"
