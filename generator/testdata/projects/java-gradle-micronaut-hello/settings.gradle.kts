rootProject.name="default"
